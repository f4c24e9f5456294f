import XCTest
@testable import TapeCore

final class PortfolioBacktesterTests: XCTestCase {
    func testEqualWeightsRebalancedByHand() throws {
        // A doubles from 10 to 20 at bar 2's open; B stays at 10. Equal weights from bar 0,
        // filled at bar 1's open (10 each): 500 units of A and 500 of B. Rebalanced at
        // bar 2 (decided), filled at bar 3's open: A at 20, B at 10, value 15000 ->
        // 375 A, 750 B.
        let a = BacktestEngineTests.flat([10, 10, 20, 20, 20])
        var b = BacktestEngineTests.flat([10, 10, 10, 10, 10])
        b.symbol = "B"
        let r = try PortfolioBacktester.run(symbols: [a, b], config: PortfolioConfig(cash: 10_000, rebalanceEvery: 2))
        XCTAssertEqual(r.result.equity, [10_000, 10_000, 15_000, 15_000, 15_000])
        XCTAssertEqual(r.fills.map(\.units), [500, 500, -125, 250])
        XCTAssertEqual(r.fills.map(\.bar), [1, 1, 3, 3])
        XCTAssertEqual(r.fills.map(\.symbol), ["TEST", "B", "TEST", "B"])
        XCTAssertEqual(PortfolioBacktester.weights([0.3, .nan, 0.1, 0.2], top: 2, weighting: .ranked), [2.0 / 3, 0, 0, 1.0 / 3])
    }

    /// Costs are checked as for one symbol: a negative commission used to run and give
    /// meaningless figures.
    func testInvalidCostsAreErrors() {
        let a = BacktestEngineTests.flat([10, 10, 20])
        XCTAssertThrowsError(try PortfolioBacktester.run(symbols: [a], config: PortfolioConfig(commission: Commission(percent: -0.01)))) { e in
            XCTAssertEqual("\(e)", "backtest setting: commission must be non-negative (and a percentage below 100%)")
        }
        XCTAssertThrowsError(try PortfolioBacktester.run(symbols: [a], config: PortfolioConfig(slippageBps: .nan))) { e in
            XCTAssertEqual("\(e)", "backtest setting: slippage must be between 0 and 10000 bp, got nan")
        }
    }

    func testEqualWeightBuiltinMatchesTheHandRun() throws {
        let a = BacktestEngineTests.flat([10, 10, 20, 20, 20])
        var b = BacktestEngineTests.flat([10, 10, 10, 10, 10])
        b.symbol = "B"
        let r = try PortfolioBacktester.equalWeight(symbols: [a, b], parameters: ["rebalance": 2], config: PortfolioConfig(cash: 10_000))
        XCTAssertEqual(r.result.equity, [10_000, 10_000, 15_000, 15_000, 15_000])
        XCTAssertEqual(r.fills.map(\.units), [500, 500, -125, 250])
        // Buy & Hold of the equal-weight index: (20/10 + 10/10)/2 - 1 = 50%.
        XCTAssertEqual(BacktestStatistics.compute(r.result).number("Buy & Hold Return [%]"), 50, accuracy: 1e-12)
    }

    func testCrossSectionalMomentumHoldsTheRiser() throws {
        // UP rises 1% a bar, DOWN falls 1%: with top 1 the portfolio holds only UP and
        // returns what UP returned from its first fill.
        let n = 40
        let up = BacktestEngineTests.flat((0..<n).map { 100 * pow(1.01, Double($0)) })
        var down = BacktestEngineTests.flat((0..<n).map { 100 * pow(0.99, Double($0)) })
        down.symbol = "DOWN"
        let r = try PortfolioBacktester.crossSectionalMomentum(symbols: [up, down], parameters: ["lookback": 5, "top": 1, "rebalance": 5],
                                                                config: PortfolioConfig(cash: 10_000))
        XCTAssertTrue(r.fills.allSatisfy { $0.symbol == "TEST" })
        XCTAssertEqual(r.fills.first?.bar, 6)
        let final = r.result.equity.last ?? 0
        XCTAssertEqual(final, 10_000 * pow(1.01, Double(n - 1 - 6)), accuracy: 1e-6)
        let stats = BacktestStatistics.compute(r.result)
        XCTAssertEqual(stats.number("Return [%]"), (final / 10_000 - 1) * 100, accuracy: 1e-9)
    }
}
