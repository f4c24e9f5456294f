import XCTest
@testable import TapeCore

/// A ranked portfolio on two members small enough to follow by hand: the decision at the
/// first close fills at the next open, costs as the engine charges them, equity marked at
/// each close; weights capped by water-filling; a universe aligned on the union of dates.
final class RankedPortfolioTests: XCTestCase {
    let day: Int64 = 86_400
    var time: [Int64] { (0..<4).map { 18_262 * day + Int64($0) * day } }   // 2020-01-01 onward

    func panel() throws -> UniversePanel {
        let a = Bars(symbol: "A", time: time, open: [10, 10.5, 11.5, 12.5], high: [10, 11, 12, 13], low: [10, 10.5, 11.5, 12.5],
                     close: [10, 11, 12, 13], volume: [1, 1, 1, 1])
        let b = Bars(symbol: "B", time: time, open: [20, 19.5, 18.5, 17.5], high: [20, 19.5, 18.5, 17.5], low: [20, 19, 18, 17],
                     close: [20, 19, 18, 17], volume: [1, 1, 1, 1])
        return try UniversePanel.align([a, b])
    }

    /// A scores 1 and B 0 at every date.
    let scores: [[Double]] = [[1, 1, 1, 1], [0, 0, 0, 0]]

    func testLongTopOneBuysAtTheNextOpenWithCommission() throws {
        let config = RankedPortfolioConfig(cash: 1000, commission: Commission(percent: 0.001), long: 1, rebalance: .everyBars(100))
        let r = try RankedPortfolio.run(panel: try panel(), scores: scores, config: config)
        // All cash into A at 10.5 with 0.1% on top: 1000 / (10.5 × 1.001) units.
        let units = 1000 / (10.5 * 1.001)
        XCTAssertEqual(r.fills.count, 1)
        XCTAssertEqual(r.fills[0].symbol, "A")
        XCTAssertEqual(r.fills[0].bar, 1)
        XCTAssertEqual(r.fills[0].units, units, accuracy: 1e-9)
        XCTAssertEqual(r.fills[0].commission, units * 10.5 * 0.001, accuracy: 1e-9)
        XCTAssertEqual(r.result.equity[0], 1000)
        XCTAssertEqual(r.result.equity[1], units * 11, accuracy: 1e-9)
        XCTAssertEqual(r.result.equity[3], units * 13, accuracy: 1e-9)
        // Buy & hold is the members' equal-weight average: (11/10 − 1 + 19/20 − 1) / 2 on day 1.
        XCTAssertEqual(r.result.close[1], 1 + (0.1 - 0.05) / 2, accuracy: 1e-12)
        XCTAssertEqual(r.result.openTrades.count, 1)
    }

    func testLongAndShortShareTheBookHalfEach() throws {
        let config = RankedPortfolioConfig(cash: 1000, long: 1, short: 1, rebalance: .everyBars(100))
        let r = try RankedPortfolio.run(panel: try panel(), scores: scores, config: config)
        // The short sale goes first: 500 of B at 19.5, then 500 of A at 10.5.
        XCTAssertEqual(r.fills.map(\.symbol), ["B", "A"])
        XCTAssertEqual(r.fills[0].units, -500 / 19.5, accuracy: 1e-9)
        XCTAssertEqual(r.fills[1].units, 500 / 10.5, accuracy: 1e-9)
        let long: Double = 500 * 13 / 10.5, short: Double = 500 * 17 / 19.5
        XCTAssertEqual(r.result.equity[3], 1000 + long - short, accuracy: 1e-9)
    }

    func testRebalancingEveryBarClosesAndReopensTrades() throws {
        // The ranks swap at the second close: A is sold at the third open and B bought.
        let swapped: [[Double]] = [[1, 0, 0, 0], [0, 1, 1, 1]]
        let config = RankedPortfolioConfig(cash: 1000, long: 1, rebalance: .everyBars(1))
        let r = try RankedPortfolio.run(panel: try panel(), scores: swapped, config: config)
        let a = 1000 / 10.5
        XCTAssertEqual(r.fills.map(\.symbol), ["A", "A", "B"])
        XCTAssertEqual(r.result.trades.count, 1)
        XCTAssertEqual(r.result.trades[0].pnl, a * (11.5 - 10.5), accuracy: 1e-9)
        XCTAssertEqual(r.fills[2].units, a * 11.5 / 18.5, accuracy: 1e-9)
        XCTAssertEqual(r.result.equity[3], a * 11.5 / 18.5 * 17, accuracy: 1e-9)
    }

    func testCapMovesTheExcessToTheOthersInProportion() {
        let w = RankedPortfolio.cap([0.5, 0.3, 0.2], at: 0.4)
        XCTAssertEqual(w[0], 0.4, accuracy: 1e-15)
        XCTAssertEqual(w[1], 0.36, accuracy: 1e-15)
        XCTAssertEqual(w[2], 0.24, accuracy: 1e-15)
        // Every member capped: what is left stays in cash.
        XCTAssertEqual(RankedPortfolio.cap([0.5, 0.5], at: 0.3), [0.3, 0.3])
    }

    func testAlignPutsMembersOnTheUnionOfDates() throws {
        let a = Bars(symbol: "A", time: [time[0], time[2]], open: [1, 2], high: [1, 2], low: [1, 2], close: [1, 2], volume: [1, 1])
        let b = Bars(symbol: "B", time: [time[1], time[2]], open: [3, 4], high: [3, 4], low: [3, 4], close: [3, 4], volume: [1, 1])
        let p = try UniversePanel.align([a, b])
        XCTAssertEqual(p.time, [time[0], time[1], time[2]])
        XCTAssertEqual(p.close[0].map { $0.isNaN ? -1 : $0 }, [1, -1, 2])
        XCTAssertEqual(p.close[1].map { $0.isNaN ? -1 : $0 }, [-1, 3, 4])
        XCTAssertEqual(p.spread([7, 8], member: 1).map { $0.isNaN ? -1 : $0 }, [-1, 7, 8])
    }

    func testCrossSectionalZScore() {
        let z = CrossSection.zscore([[1, .nan], [2, 5], [3, 6]])
        // Mean 2, sample sd 1 at the first date; one NaN member left out at the second.
        XCTAssertEqual(z[0][0], -1, accuracy: 1e-15)
        XCTAssertEqual(z[2][0], 1, accuracy: 1e-15)
        XCTAssertTrue(z[0][1].isNaN)
        XCTAssertEqual(z[1][1], -0.5.squareRoot(), accuracy: 1e-15)
    }
}
