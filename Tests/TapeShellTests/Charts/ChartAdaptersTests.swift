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

final class OptionChartAdaptersTests: XCTestCase {
    func testStraddlePayoffBreakevensAgreeWithTheStrategyAnalysis() throws {
        let straddle = try OptionStrategy(name: "long straddle", legs: [
            StrategyLeg(.call, strike: 100, quantity: 1, expiryDays: 30, premium: 4),
            StrategyLeg(.put, strike: 100, quantity: 1, expiryDays: 30, premium: 3.5),
        ])
        let market = StrategyMarket(spot: 100, rate: 0.04, vol: 0.25)
        let chart = try PayoffChart(straddle, market: market)
        XCTAssertEqual(chart.breakevens.count, 2)
        XCTAssertEqual(chart.breakevens[0], 92.5, accuracy: 1e-9)
        XCTAssertEqual(chart.breakevens[1], 107.5, accuracy: 1e-9)
        let analysis = try straddle.analyze(market)
        for (a, b) in zip(chart.breakevens, analysis.breakevens) { XCTAssertEqual(a, b, accuracy: 1e-9) }
        XCTAssertTrue(chart.spot.contains(100), "the strike is on the grid")
        XCTAssertEqual(chart.spotNow, 100)
        XCTAssertThrowsError(try PayoffChart(straddle, market: StrategyMarket(spot: -1, rate: 0, vol: 0.2)))
    }
}
