import Foundation
import TapeCore
import TapeShellTestSupport
import TapeTestSupport
import XCTest
@testable import TapeShell

/// `plot`, `panel`, `chart` and `set plot` through the shell, as a user types them.
/// Runs in a scratch directory because charts land in ./plots.
final class ChartCommandsTests: XCTestCase {
    var scratch: ScratchWorkingDirectory!
    var transcript: Transcript!
    var directory: URL { scratch.url }
    var shell: Shell { transcript.shell }

    override func setUpWithError() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }
        scratch = try ScratchWorkingDirectory()
        transcript = Transcript()
        transcript("load SPY")
    }

    override func tearDownWithError() throws {
        scratch?.restore()
    }

    func enter(_ line: String) -> [String] { transcript(line) }

    func state() -> ChartState { shell.workspace.state { ChartState() } }

    /// Chart names are `plots/KIND-HASH.EXT`, the hash of the session's content
    /// (ChartNamingTests checks the hashes); here only the kinds are compared.
    func hashed(_ lines: [String]) -> [String] { lines.map(ChartNamingTests.hashed) }
    func hashed(_ line: String?) -> String? { line.map(ChartNamingTests.hashed) }

    /// The picture a `chart: PATH` line names.
    func path(_ lines: [String]) throws -> String {
        try XCTUnwrap(lines.last(where: { $0.hasPrefix("chart: ") })).replacingOccurrences(of: "chart: ", with: "")
    }

    func testPlotPanelAddDropGrowOneChart() throws {
        XCTAssertEqual(hashed(enter("plot close, sma(close, 50) 2019-01-01..2020-08-28; panel close - sma(close, 20), 0")),
                       ["chart: plots/price-HASH.png", "chart: plots/price-HASH.png"])
        var chart = try XCTUnwrap(state().chart)
        XCTAssertEqual(chart.overlays.map(\.name), ["close", "sma(close, 50)"])
        XCTAssertEqual(chart.panels.map { $0.series.map(\.name) }, [["close - sma(close, 20)"]])
        XCTAssertEqual(chart.panels.first?.levels, [0])
        let from = try XCTUnwrap(CivilTime.parse("2019-01-01")), to = try XCTUnwrap(CivilTime.parse("2020-08-28"))
        XCTAssertEqual(chart.zoom, from...(to + 86_399), "a date range ends at the end of its last day")
        XCTAssertEqual(hashed(enter("chart add sma(close, 200)")), ["chart: plots/price-HASH.png"])
        XCTAssertEqual(hashed(enter("chart drop 1")), ["chart: plots/price-HASH.png"])
        chart = try XCTUnwrap(state().chart)
        XCTAssertEqual(chart.overlays.map(\.name), ["sma(close, 50)", "sma(close, 200)"])
        let last = enter("chart drop 3")
        XCTAssertEqual(hashed(last), ["chart: plots/price-HASH.png"])
        XCTAssertEqual(state().chart?.panels.count, 0)
        let png = try PNGInfo(try Data(contentsOf: directory.appendingPathComponent(try path(last))))
        XCTAssertEqual([png.width, png.height], [900, 560])
    }

    func testChartDrawsCandlesAndVolumeOfADataset() throws {
        XCTAssertEqual(hashed(enter("chart SPY 2020-01-01..2020-08-28 ohlc")), ["chart: plots/price-HASH.png"])
        XCTAssertEqual(hashed(shell.takeCharts()), ["plots/price-HASH.png"], "notebooks learn of the file")
        let chart = try XCTUnwrap(state().chart)
        XCTAssertNotNil(chart.bars)
        XCTAssertNotNil(chart.volume)
        XCTAssertEqual(chart.barStyle, .ohlc)
    }

    func testOneDayOfIntradayBars() throws {
        _ = enter("load SPX_1MIN")
        XCTAssertEqual(hashed(enter("plot close 2019-11-06..2019-11-06")), ["chart: plots/price-HASH.png"])
        let chart = try XCTUnwrap(state().chart)
        let zoom = try XCTUnwrap(chart.zoom)
        XCTAssertEqual(chart.time.filter { zoom.contains($0) }.count, 391, "09:30-16:00 of the source file, one bar a minute")
    }

    func testSetPlotChoosesTerminalSizeAndTheme() throws {
        XCTAssertEqual(enter("set plot terminal=svg size=640x400 theme=dark"), [])
        XCTAssertEqual(enter("set plot"), ["plot = terminal=svg size=640x400 text_size=default theme=dark"])
        let drawn = enter("plot close")
        XCTAssertEqual(hashed(drawn), ["chart: plots/price-HASH.svg"])
        let svg = try String(contentsOf: directory.appendingPathComponent(try path(drawn)), encoding: .utf8)
        XCTAssertTrue(svg.contains("width=\"640\""))
        // Text charts have their own size, in cells; the pictures' pixel size stays as it was.
        XCTAssertEqual(enter("set plot terminal=dumb text_size=60x20"), [])
        let text = enter("plot close")
        XCTAssertTrue((12...20).contains(text.count), "\(text.count) lines for a 20-row chart")
        XCTAssertTrue(text.allSatisfy { $0.count <= 60 })
        XCTAssertEqual(enter("set plot terminal=none"), [])
        XCTAssertEqual(enter("plot close"), [])
    }

    func testOtherKindsFromTheSession() throws {
        _ = enter("load GOOG")
        XCTAssertEqual(enter("chart equity").first, "error: no backtest to chart yet — run one: backtest SPY sma_cross")
        XCTAssertEqual(enter("chart optimize").first, "error: no optimisation to chart yet — run one: optimize ...")
        // optimize itself draws its heatmap (chart 1); `chart optimize` draws it again.
        XCTAssertEqual(hashed(enter("optimize GOOG sma_cross fast 5..20 step 5 slow 30..60 step 10 maximize sharpe").last), "chart: plots/heatmap-HASH.png")
        var drawn: [String] = []
        for (line, kind) in [("chart optimize", "heatmap"), ("chart equity", "equity"), ("chart returns SPY", "histogram"),
                             ("chart histogram close - sma(close, 20)", "histogram"), ("chart scatter SPY.close, close", "scatter"),
                             ("chart correlation SPY, GOOG", "correlation")] {
            let lines = enter(line)
            XCTAssertEqual(hashed(lines), ["chart: plots/\(kind)-HASH.png"], line)
            drawn.append(try path(lines))
        }
        XCTAssertEqual(Set(drawn).count, drawn.count, "every chart has a name of its own")
        for p in drawn {
            let png = try PNGInfo(try Data(contentsOf: directory.appendingPathComponent(p)))
            XCTAssertGreaterThan(png.imageDataBytes, 10_000, p)
        }
        XCTAssertEqual(enter("chart smile").first, "error: no option chain to chart yet — chain load \"file.csv\" spot S rate R")
        // The dispatcher's one message for a missing argument, from the subcommands' declarations.
        XCTAssertEqual(enter("chart scatter close").first, "error: chart scatter needs Y — usage: chart scatter X, Y")
        XCTAssertEqual(enter("chart correlation SPY").first, "error: chart correlation needs SYMBOL — usage: chart correlation SYMBOL, SYMBOL, ...")
    }

    func testOptionCharts() throws {
        XCTAssertEqual(hashed(enter("chart payoff iron condor spot 100 width 5 expiry 30d vol 25% rate 4%")), ["chart: plots/payoff-HASH.png"])
        XCTAssertEqual(hashed(enter("chart greek vega call strike 105 expiry 30d vol 25% rate 4%")), ["chart: plots/greek-HASH.png"])
        // vol and expiry are `strategy`'s and `price`'s declarations: their bounds and
        // required keys are checked by the dispatcher before anything is priced.
        XCTAssertEqual(enter("chart payoff straddle spot 100 expiry 30d vol -10% rate 0").first, "error: vol must be above 0% — got -10%")
        XCTAssertEqual(enter("chart greek delta call strike 105 vol 25% rate 4%").first,
                       "error: chart greek needs expiry: expiry 30d — usage: chart greek GREEK call|put strike K expiry 30d vol 25% rate 4% [div 1%]")
    }

    func testMistakesAreClearErrors() {
        XCTAssertEqual(enter("panel close").first, "error: no chart to change yet — start one: plot close, or chart")
        XCTAssertEqual(enter("plot \"x\"").first, "error: cannot plot a string — plot series, numbers (levels) or a date range")
        XCTAssertEqual(enter("set plot size=800").first,
                       "error: set plot: size must be WxH in pixels, each from 100 to 8000, e.g. 900x560 (got '800')")
        // `terminal` is a declared choice: the dispatcher's one message for an unknown word.
        XCTAssertEqual(enter("set plot terminal=x11").first,
                       "error: unknown terminal 'x11' — one of: auto, sixel, dumb, png, svg, none")
        _ = enter("plot close")
        XCTAssertEqual(enter("chart drop 9").first, "error: chart drop takes the number of an item — 1 overlay close")
        XCTAssertEqual(enter("chart drop 1").first, "error: that would leave the main panel empty — 1 overlay close")
        XCTAssertEqual(enter("chart nosuch").first, "error: no dataset named 'nosuch' — load it first: load nosuch")
    }
}
