import XCTest
@testable import TapeCore

/// `BacktestConfig.entry`: market entries placed as resting limit or stop orders priced
/// off the signal bar's close. Every expected fill below is worked out by hand.
final class EntryRuleTests: XCTestCase {
    typealias T = BacktestEngineTests

    func run(_ bars: Bars, long: [Int] = [], exit: [Int] = [], short: [Int] = [], entry: EntryRule,
             fill: FillRule = .nextOpen) throws -> BacktestResult {
        let n = bars.count
        func signal(_ at: [Int]) -> [Bool] { (0..<n).map { at.contains($0) } }
        var s = try SignalStrategy(name: "t", count: n, entryLong: signal(long), exitLong: signal(exit),
                                   entryShort: signal(short), warmup: 0)
        return try Backtester.run(&s, bars: bars, config: BacktestConfig(cash: 1000, fill: fill, entry: entry))
    }

    /// Bar 1 closes at 100 and signals long; bar 2 trades down to 97.
    static let dip = T.bars([100, 100, 99.5, 99, 100.5, 101], [101, 101, 100, 100, 101, 103],
                            [99, 99, 97, 98.5, 99, 100], [100, 100, 99, 100, 100, 102])

    func testLimitBelowTheCloseFillsAtTheLevel() throws {
        // Limit 2% below 100 = 98; bar 2 (open 99.5, low 97) trades through it: filled at
        // 98, not at the open. floor(1000·(1−2⁻⁵²) / 98) = 10 units.
        let r = try run(Self.dip, long: [1], entry: .limit(offset: .percent(0.02), bars: 1))
        let t = try XCTUnwrap(r.openTrades.first)
        XCTAssertEqual(t.entryBar, 2)
        XCTAssertEqual(t.entryPrice, 98)
        XCTAssertEqual(t.size, 10)
        XCTAssertEqual(r.equity[2], 1000 + 10 * (99 - 98))
        XCTAssertEqual(r.equity[1], 1000)                 // nothing bought at the signal bar's open or close
        // fill close does not fill the resting order at the signal close either.
        let c = try run(Self.dip, long: [1], entry: .limit(offset: .amount(2), bars: 1), fill: .signalClose)
        XCTAssertEqual(c.openTrades.first?.entryBar, 2)
        XCTAssertEqual(c.openTrades.first?.entryPrice, 98)
        XCTAssertEqual(r.assumptions.lines[1].0, "entry")
        XCTAssertEqual(r.assumptions.lines[1].1, "limit 2% below the signal close (above for shorts), good for 1 bar; fills once a bar trades through it, at the open on a gap")
    }

    /// Bar 1 closes at 100 and signals long; bar 2 only touches 98, bar 3 stays above it,
    /// bar 4 gaps down to an open of 97.
    static let gap = T.bars([100, 100, 99, 99, 97, 98], [101, 101, 100, 100, 98, 99],
                            [99, 99, 98, 98.5, 96, 97], [100, 100, 99, 99.5, 97.5, 98.5])

    func testLimitNotReachedExpires() throws {
        // Limit 98 lives for bars 2 and 3: a touch (low 98) is not a fill, bar 3's low is
        // 98.5, and the order is gone before bar 4 trades below it.
        let r = try run(Self.gap, long: [1], entry: .limit(offset: .percent(0.02), bars: 2))
        XCTAssertTrue(r.trades.isEmpty)
        XCTAssertTrue(r.openTrades.isEmpty)
        XCTAssertEqual(r.equity, [Double](repeating: 1000, count: 6))
    }

    func testGapThroughTheLimitFillsAtTheOpen() throws {
        // Alive for three bars it reaches bar 4, which opens at 97, below the limit 98: a
        // buy limit fills at the better price, the open. floor(1000 / 97) = 10 units.
        let r = try run(Self.gap, long: [1], entry: .limit(offset: .amount(2), bars: 3))
        let t = try XCTUnwrap(r.openTrades.first)
        XCTAssertEqual(t.entryBar, 4)
        XCTAssertEqual(t.entryPrice, 97)
        XCTAssertEqual(t.size, 10)
        XCTAssertEqual(r.equity[5], 1000 + 10 * (98.5 - 97), accuracy: 1e-9)
    }

    func testStopEntriesFillPastTheLevelAndAtTheOpenOnAGap() throws {
        // Long: buy stop 1% above 100 = 101. Bar 2 only touches 101; bar 3 opens at 100.8
        // and trades to 102: filled at 101. floor(1000 / 101) = 9 units.
        let b = T.bars([100, 100, 100, 100.8, 101], [101, 101, 101, 102, 102], [99, 99, 99.5, 100.5, 100],
                       [100, 100, 100.5, 101.5, 101])
        let long = try run(b, long: [1], entry: .stop(offset: .percent(0.01), bars: 2))
        let t = try XCTUnwrap(long.openTrades.first)
        XCTAssertEqual(t.entryBar, 3)
        XCTAssertEqual(t.entryPrice, 101)
        XCTAssertEqual(t.size, 9)
        XCTAssertEqual(long.equity[3], 1000 + 9 * 0.5, accuracy: 1e-9)
        // Short: sell stop 1 below 100 = 99; bar 2 gaps down to open at 97: filled at the
        // open (the worse price for a stop), -floor(1000 / 97) = -10 units.
        let g = T.bars([100, 100, 97, 96], [101, 101, 98, 97], [99, 99, 96, 95], [100, 100, 97, 95.5])
        let short = try run(g, short: [1], entry: .stop(offset: .amount(1), bars: 1))
        let s = try XCTUnwrap(short.openTrades.first)
        XCTAssertEqual(s.entryBar, 2)
        XCTAssertEqual(s.entryPrice, 97)
        XCTAssertEqual(s.size, -10)
        XCTAssertEqual(short.equity[3], 1000 + 10 * (97 - 95.5), accuracy: 1e-9)
    }

    func testExitSignalCancelsAWaitingEntry() throws {
        // The limit 98 from bar 1 would live to bar 5 and fill at bar 4's open, but the exit
        // signal at bar 2 cancels it.
        let r = try run(Self.gap, long: [1], exit: [2], entry: .limit(offset: .percent(0.02), bars: 4))
        XCTAssertTrue(r.trades.isEmpty)
        XCTAssertTrue(r.openTrades.isEmpty)
    }

    func testReversalExitsAtMarketAndRestsTheNewEntry() throws {
        // Long 10 at 98 in bar 2 (as above). The short signal at bar 3 (close 100) closes the
        // long at bar 4's open, 100.5, and rests a sell limit at 102: bar 4's high is 101.
        let once = try run(Self.dip, long: [1], short: [3], entry: .limit(offset: .percent(0.02), bars: 1))
        XCTAssertEqual(once.trades.count, 1)
        XCTAssertEqual(once.trades.first?.exitBar, 4)
        XCTAssertEqual(once.trades.first?.exitPrice, 100.5)
        XCTAssertEqual(once.trades.first?.pnl, 25)
        XCTAssertTrue(once.openTrades.isEmpty)              // expired before bar 5 reached 103
        // Good for two bars it fills in bar 5 (open 101, high 103) at 102 with the 1025 cash:
        // -floor(1025 / 102) = -10 units.
        let twice = try run(Self.dip, long: [1], short: [3], entry: .limit(offset: .percent(0.02), bars: 2))
        let s = try XCTUnwrap(twice.openTrades.first)
        XCTAssertEqual(s.entryBar, 5)
        XCTAssertEqual(s.entryPrice, 102)
        XCTAssertEqual(s.size, -10)
    }

    func testInvalidEntryRulesAreRejected() {
        for (rule, message) in [(EntryRule.limit(offset: .percent(1), bars: 1), "backtest setting: entry offset percentage must be in [0%, 100%), got 100.0%"),
                                (.stop(offset: .amount(1), bars: 0), "backtest setting: entry order lifetime must be 1 to 1000000000 bars, got 0"),
                                (.limit(offset: .atr(multiple: 1, period: 14), bars: 1), "backtest setting: entry offset must be a percentage or a price amount")] {
            XCTAssertThrowsError(try run(Self.dip, long: [1], entry: rule)) { XCTAssertEqual("\($0)", message) }
        }
    }
}
