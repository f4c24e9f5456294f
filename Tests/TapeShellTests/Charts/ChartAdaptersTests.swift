import XCTest
@testable import TapeCore
@testable import TapeShell

final class ChartAdaptersTests: XCTestCase {
    func testEquityFromABacktestHoldsFromTheBenchmarkBar() throws {
        let result = BacktestResult(symbol: "SPY", strategyName: "sma cross", config: BacktestConfig(), exits: ExitRules(),
                                    range: 10..<14, time: [1, 2, 3, 4].map { $0 * 86_400 }, close: [50, 100, 110, 90],
                                    equity: [10_000, 10_000, 10_500, 9_800], trades: [], openTrades: [],
                                    firstDecisionBar: 12, benchmarkBar: 11, adjusted: false)
        let chart = EquityChart(result)
        XCTAssertEqual(chart.title, "SPY sma cross")
        XCTAssertEqual(chart.equity, [10_000, 10_000, 10_500, 9_800])
        let hold = try XCTUnwrap(chart.benchmark)
        // 10,000 buys 100 units at the benchmark bar's close of 100.
        XCTAssertTrue(hold.values[0].isNaN)
        XCTAssertEqual(Array(hold.values.dropFirst()), [10_000, 11_000, 9_000])
    }

    func testHeatmapFromATwoParameterSearch() throws {
        func trial(_ a: Double, _ b: Double, _ s: Double) -> Trial { Trial(values: [a, b], outcome: TrialOutcome(score: s)) }
        let result = OptimizationResult(names: ["fast", "slow"], objective: "sharpe", method: .grid,
                                        trials: [trial(10, 50, 1.2), trial(5, 50, 0.8), trial(10, 30, 0.4)],
                                        rejected: 1, deflatedSharpe: nil)
        let chart = try XCTUnwrap(HeatmapChart(result))
        XCTAssertEqual(chart.xValues, [5, 10])
        XCTAssertEqual(chart.yValues, [30, 50])
        XCTAssertTrue(chart.z[0][0].isNaN, "5/30 was not evaluated")
        XCTAssertEqual(chart.z[0][1], 0.4)
        XCTAssertEqual(chart.z[1], [0.8, 1.2])
        XCTAssertEqual(chart.title, "sharpe over fast and slow")
        let script = try ChartRenderer.script(for: .heatmap(chart), canvas: ChartCanvas(terminal: .png, width: 400, height: 300))
        XCTAssertTrue(script.contains("(best 1.2 at fast 10, slow 50)"))
        let one = OptimizationResult(names: ["fast"], objective: "sharpe", method: .grid, trials: [], rejected: 0, deflatedSharpe: nil)
        XCTAssertNil(HeatmapChart(one))
    }
}
