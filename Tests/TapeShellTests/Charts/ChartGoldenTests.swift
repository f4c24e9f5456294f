import Foundation
import XCTest
@testable import TapeShell

/// The gnuplot script for each fixed input, compared line for line with a reviewed copy
/// in Tests/Fixtures/charts/golden/. After a deliberate change, rerun with
/// TAPE_UPDATE_GOLDEN=1 to rewrite the copies, then review the diff.
final class ChartGoldenTests: XCTestCase {
    let canvas = ChartCanvas(terminal: .png, width: 640, height: 400, output: "plots/golden.png")

    func assertGolden(_ script: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = ChartFixtures.directory.appendingPathComponent("golden/\(name).gp")
        if ProcessInfo.processInfo.environment["TAPE_UPDATE_GOLDEN"] == "1" {
            try script.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return XCTFail("no golden \(name).gp; run with TAPE_UPDATE_GOLDEN=1 to create it", file: file, line: line)
        }
        let got = script.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = (0..<min(got.count, want.count)).first { got[$0] != want[$0] }
        if let i = firstDifference ?? (got.count == want.count ? nil : min(got.count, want.count)) {
            let g = i < got.count ? String(got[i]) : "<end>", w = i < want.count ? String(want[i]) : "<end>"
            XCTFail("\(name).gp differs at line \(i + 1):\n  got:  \(g)\n  want: \(w)", file: file, line: line)
        }
    }

    func testPriceScript() throws {
        var chart = try ChartFixtures.price()
        chart.zoom = chart.time[200]...chart.time[259]
        try assertGolden(try ChartRenderer.script(for: .price(chart), canvas: canvas), "price")
    }

    func testPriceScriptInDarkSVGAndText() throws {
        var chart = try ChartFixtures.price()
        chart.zoom = chart.time[240]...chart.time[259]
        chart.barStyle = .ohlc
        let svg = ChartCanvas(terminal: .svg, width: 800, height: 500, theme: .dark, output: "/tmp/x.svg")
        try assertGolden(try ChartRenderer.script(for: .price(chart), canvas: svg), "price-dark-svg")
        let dumb = ChartCanvas(terminal: .dumb, width: 100, height: 30)
        try assertGolden(try ChartRenderer.script(for: .price(chart), canvas: dumb), "price-dumb")
    }

    func testEquityScript() throws {
        var chart = try ChartFixtures.equity()
        chart.zoom = chart.time[300]...chart.time[399]
        try assertGolden(try ChartRenderer.script(for: .equity(chart), canvas: canvas), "equity")
    }

    func testOtherKinds() throws {
        var scatter = try ChartFixtures.scatter()
        scatter.x.values = Array(scatter.x.values.prefix(40))
        scatter.y.values = Array(scatter.y.values.prefix(40))
        let charts: [(String, ChartSpec)] = [
            ("histogram", .histogram(try ChartFixtures.histogram())), ("scatter", .scatter(scatter)),
            ("heatmap", .heatmap(try ChartFixtures.heatmap())), ("payoff", .payoff(ChartFixtures.payoff())),
            ("greek", .greek(ChartFixtures.greek())), ("smile", .smile(ChartFixtures.smile())),
            ("surface", .surface(ChartFixtures.surface())), ("correlation", .correlation(try ChartFixtures.correlation())),
        ]
        for (name, chart) in charts {
            try assertGolden(try ChartRenderer.script(for: chart, canvas: canvas), name)
        }
    }

    func testBadDataIsReportedNotDrawn() throws {
        var price = try ChartFixtures.price()
        price.overlays[0].values.removeLast()
        XCTAssertThrowsError(try ChartRenderer.script(for: .price(price), canvas: canvas)) {
            XCTAssertEqual("\($0)", "price chart: 'sma 20' has 299 values but there are 300 times")
        }
        price = try ChartFixtures.price()
        price.zoom = 0...86_400
        XCTAssertThrowsError(try ChartRenderer.script(for: .price(price), canvas: canvas)) {
            XCTAssertEqual("\($0)", "price chart: no data between 1970-01-01 and 1970-01-02")
        }
        price.zoom = nil
        price.time.swapAt(3, 4)
        XCTAssertThrowsError(try ChartRenderer.script(for: .price(price), canvas: canvas)) {
            XCTAssertEqual("\($0)", "price chart: times must be in ascending order (row 5 goes back)")
        }
        let heat = HeatmapChart(title: "", xName: "a", yName: "b", zName: "c", xValues: [1, 2], yValues: [1], z: [[1]])
        XCTAssertThrowsError(try ChartRenderer.script(for: .heatmap(heat), canvas: canvas)) {
            XCTAssertEqual("\($0)", "heatmap chart: the grid must have 1 rows of 2 values")
        }
        XCTAssertThrowsError(try ChartRenderer.script(for: .histogram(HistogramChart(title: "", name: "r", values: [.nan, 1])), canvas: canvas)) {
            XCTAssertEqual("\($0)", "histogram chart: 'r' needs at least two finite values")
        }
    }

    func testMillionPointSeriesIsReducedBeforeItReachesTheScript() throws {
        let n = 1_000_000
        let time = (0..<n).map { Int64($0) * 60 }
        var values = (0..<n).map { sin(Double($0) / 10_000) }
        values[500_000] = 9
        let chart = PriceChart(title: "long", time: time, overlays: [ChartSeries("x", values)])
        let script = try ChartRenderer.script(for: .price(chart), canvas: canvas)
        let dataLines = script.split(separator: "\n").filter { $0.first?.isNumber == true || $0.first == "-" }
        XCTAssertLessThanOrEqual(dataLines.count, 2 * canvas.plotColumns + 2)
        XCTAssertTrue(script.contains("500000 9\n"), "the spike must survive")
    }
}
