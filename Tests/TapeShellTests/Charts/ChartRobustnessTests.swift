import Foundation
import XCTest
@testable import TapeShell

/// Extreme numbers in every slot must give a chart or a ChartError, never a trap, and
/// whatever script is produced must still be accepted by gnuplot.
final class ChartRobustnessTests: XCTestCase {
    let nasty: [Double] = [1e308, -1e308, .nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, 1, 2]

    func charts(_ v: [Double]) -> [ChartSpec] {
        let n = v.count
        let time = (0..<Int64(n)).map { $0 * 86_400 }
        let series = ChartSeries("v", v)
        return [
            .price(PriceChart(title: "p", time: time, bars: .init(open: v, high: v, low: v, close: v), overlays: [series],
                              volume: v, panels: [.init(title: "x", series: [series], levels: [1e308, .nan])])),
            .equity(EquityChart(title: "e", time: time, equity: v)),
            .histogram(HistogramChart(title: "h", name: "v", values: v)),
            .histogram(HistogramChart(title: "h", name: "v", values: v, bins: Int.max)),
            .scatter(ScatterChart(title: "s", x: series, y: ChartSeries("w", v.reversed()))),
            .heatmap(HeatmapChart(title: "m", xName: "a", yName: "b", zName: "c", xValues: v, yValues: [1], z: [v])),
            .payoff(PayoffChart(title: "o", spot: v, atExpiry: v.reversed(), today: v, spotNow: .nan)),
            .greek(GreekChart(title: "g", greek: "d", spot: v, series: [series], strike: .infinity)),
            .smile(SmileChart(title: "i", curves: [.init(name: "x", strikes: v, vols: v)], spot: 1e308)),
            .surface(SurfaceChart(title: "u", strikes: v, expiries: [1, 2], vols: [v, v])),
            .correlation(CorrelationChart(title: "c", series: [series, ChartSeries("w", v.reversed())])),
        ]
    }

    func testExtremeValuesNeverTrap() throws {
        let canvas = ChartCanvas(terminal: .dumb, width: 80, height: 24)
        var scripts: [String] = []
        for chart in charts(nasty) + charts([]) + charts([.nan]) + charts([7]) {
            do {
                scripts.append(try ChartRenderer.script(for: chart, canvas: canvas))
            } catch let e as ChartError {
                XCTAssertFalse(e.description.isEmpty)
            }
        }
        XCTAssertGreaterThan(scripts.count, 10)
        guard GnuplotRunner.isAvailable else { return }
        for script in scripts {
            do {
                _ = try GnuplotRunner().run(script)
            } catch let e as ChartError {
                // gnuplot may refuse a degenerate range ("all points y value undefined");
                // that is reported, never a hang or a crash.
                guard case .gnuplotFailed = e else { return XCTFail("\(e)") }
            }
        }
    }

    /// A scatter too big to draw point by point whose x spans more than a Double holds
    /// (-1e308 to 1e308): the far points get the end cells, the rest share the middle.
    /// 200 points on a 10 x 10 grid are past the 25 drawn as they are.
    func testScatterWiderThanADoubleIsThinnedWithoutTrapping() {
        var x = (0..<200).map { Double($0) }
        x[0] = -1e308
        x[1] = 1e308
        let y = [Double](repeating: 0, count: 200)
        XCTAssertEqual(Downsampler.gridIndices(x: x, y: y, columns: 10, rows: 10), [0, 1, 2])
        XCTAssertEqual(Downsampler.gridIndices(x: y, y: x, columns: 10, rows: 10), [0, 1, 2])
        // A spread too small to divide by: every point in one cell.
        x = y
        x[1] = .leastNonzeroMagnitude
        XCTAssertEqual(Downsampler.gridIndices(x: x, y: y, columns: 10, rows: 10), [0])
    }

    /// Two values closer than any bin width a Double can express are one bar, as equal
    /// values are.
    func testHistogramNarrowerThanTheSmallestBinIsOneBar() {
        XCTAssertEqual(ChartMath.histogram([0, .leastNonzeroMagnitude]), ChartMath.Histogram(start: -0.5, width: 1, counts: [2]))
        XCTAssertEqual(ChartMath.histogram([0, .leastNonzeroMagnitude], bins: 3)?.counts, [2])
    }

    /// Two bars merged into one candle whose first open is missing: the candle opens at
    /// the second bar's 10 and closes at 9, so it falls, and its volume is coloured so.
    func testVolumeTakesItsCandlesColourWhenAnOpenIsMissing() throws {
        let n = 20
        var open = [Double](repeating: 10, count: n)
        open[0] = .nan
        let close = [Double](repeating: 9, count: n), high = [Double](repeating: 11, count: n)
        let chart = PriceChart(title: "p", time: (0..<Int64(n)).map { $0 * 86_400 },
                               bars: .init(open: open, high: high, low: close, close: close),
                               volume: [Double](repeating: 5, count: n))
        let canvas = ChartCanvas(terminal: .dumb, width: 20, height: 10)
        XCTAssertEqual(canvas.plotColumns, 10, "room for 10 candles: bars merge in pairs")
        let script = try ChartRenderer.script(for: .price(chart), canvas: canvas)
        XCTAssertTrue(script.contains("$d0 << EOD\n0.5 10 9 11 9\n"), script)
        XCTAssertTrue(script.contains("$d1 << EOD\n0.5 10 1\n"), script)
    }

    /// A panel of nothing but NaN and infinities is named before gnuplot refuses it; a
    /// guide level or a drawable candle is enough to draw.
    func testPanelWithNoFiniteValuesIsNamed() throws {
        let time: [Int64] = [0, 86_400, 172_800], missing = [Double.nan, .infinity, .nan]
        let canvas = ChartCanvas(terminal: .dumb, width: 80, height: 24)
        let lines = PriceChart(title: "p", time: time, overlays: [ChartSeries("close / 0", missing)])
        XCTAssertThrowsError(try ChartRenderer.script(for: .price(lines), canvas: canvas)) {
            XCTAssertEqual("\($0)", "price chart: nothing to draw in the main panel: 'close / 0' has no finite values in the rows shown")
        }
        var panelled = PriceChart(title: "p", time: time, overlays: [ChartSeries("c", [1, 2, 3])],
                                  panels: [.init(title: "", series: [ChartSeries("a", missing), ChartSeries("b", missing)])])
        XCTAssertThrowsError(try ChartRenderer.script(for: .price(panelled), canvas: canvas)) {
            XCTAssertEqual("\($0)", "price chart: nothing to draw in panel 1: 'a', 'b' have no finite values in the rows shown")
        }
        panelled.panels[0].levels = [0]
        XCTAssertNoThrow(try ChartRenderer.script(for: .price(panelled), canvas: canvas))
        let candles = PriceChart(title: "p", time: time, bars: .init(open: [1, 1, 1], high: [2, 2, 2], low: [0, 0, 0], close: [1, 1, 1]),
                                 overlays: [ChartSeries("x", missing)])
        XCTAssertNoThrow(try ChartRenderer.script(for: .price(candles), canvas: canvas))
    }

    func testCanvasSizesAreClamped() {
        XCTAssertEqual(ChartCanvas(terminal: .png, width: 1, height: 1_000_000).width, 100)
        XCTAssertEqual(ChartCanvas(terminal: .png, width: 1, height: 1_000_000).height, 8000)
        XCTAssertEqual(ChartCanvas(terminal: .dumb, width: 5000, height: 2).width, 1000)
        XCTAssertEqual(ChartCanvas(terminal: .dumb, width: 5000, height: 2).height, 10)
    }
}
