import TapeTestSupport
import XCTest
@testable import TapeCore

/// The four backtesting.py 0.6.6 reference runs on GOOG (Tests/Fixtures/backtests/)
/// reproduced: every statistic within 1e-6 relative, the trade list identical (size,
/// bars, prices; PnL within 1e-9), the equity curve and drawdowns bar by bar.
final class BacktestingPyAgreementTests: XCTestCase {
    /// The library's SmaCross example, written against the public SignalStrategy API, its
    /// SMAs pandas' rolling means (the catalogue's `sma` under `Convention.pandas`).
    static func smaCross(_ bars: Bars, reverse: Bool) throws -> SignalStrategy {
        let sma = try XCTUnwrap(IndicatorCatalogue.named("sma"))
        let fast = sma.compute(on: bars, params: [10], convention: .pandas)[0]
        let slow = sma.compute(on: bars, params: [20], convention: .pandas)[0]
        let up = Signals.crossAbove(fast, slow), down = Signals.crossAbove(slow, fast)
        return try SignalStrategy(name: "SmaCross", count: bars.count, entryLong: up,
                                  exitLong: reverse ? nil : down, entryShort: reverse ? down : nil,
                                  warmup: Signals.firstValid([fast, slow]))
    }

    func check(_ name: String, reverse: Bool, commission: Double, endOfData: EndOfData) throws {
        let bars = try BacktestFixtures.goog()
        let ref = try BacktestFixtures.reference(name)
        var strategy = try Self.smaCross(bars, reverse: reverse)
        let config = BacktestConfig(cash: 10_000, commission: Commission(percent: commission), endOfData: endOfData)
        let result = try Backtester.run(&strategy, bars: bars, config: config)
        XCTAssertEqual(result.firstDecisionBar, 20)

        // Trades
        XCTAssertEqual(result.trades.count, ref.trades.count, "\(name): trade count")
        for (k, (t, r)) in zip(result.trades, ref.trades).enumerated() {
            XCTAssertEqual(t.size, r["size"] as? Double, "\(name) trade \(k) size")
            XCTAssertEqual(t.entryBar, r["entry_bar"] as? Int, "\(name) trade \(k) entry bar")
            XCTAssertEqual(t.exitBar, r["exit_bar"] as? Int, "\(name) trade \(k) exit bar")
            XCTAssertEqual(CivilTime.format(t.entryTime), r["entry_time"] as? String)
            XCTAssertEqual(CivilTime.format(t.exitTime), r["exit_time"] as? String)
            XCTAssertEqual(t.entryPrice, r["entry_price"] as? Double, "\(name) trade \(k) entry price")
            XCTAssertEqual(t.exitPrice, r["exit_price"] as? Double, "\(name) trade \(k) exit price")
            assertClose(t.pnl, r["pnl"] as? Double ?? .nan, rel: 1e-9, "\(name) trade \(k) pnl")
            assertClose(t.commission, r["commission"] as? Double ?? .nan, rel: 1e-9, "\(name) trade \(k) commission")
            assertClose(t.returnPct, r["return_pct"] as? Double ?? .nan, rel: 1e-9, "\(name) trade \(k) return")
            XCTAssertEqual(t.durationDays, r["duration_days"] as? Double)
        }
        XCTAssertEqual(result.openTrades.count, ref.openTrades.count, "\(name): open trades")
        for (t, r) in zip(result.openTrades, ref.openTrades) {
            XCTAssertEqual(t.size, r["size"] as? Double)
            XCTAssertEqual(t.entryBar, r["entry_bar"] as? Int)
            XCTAssertEqual(t.entryPrice, r["entry_price"] as? Double)
            assertClose(t.unrealizedPnL, r["unrealized_pnl_at_last_close_before_exit_commission"] as? Double ?? .nan,
                        rel: 1e-9, "\(name) open trade pnl")
        }

        // Equity curve and drawdowns
        XCTAssertEqual(result.equity.count, ref.equity.count)
        let dd = BacktestStatistics.drawdowns(result.equity)
        let durations = BacktestStatistics.equityDrawdownDurations(time: result.time, equity: result.equity)
        for k in 0..<min(result.equity.count, ref.equity.count) {
            XCTAssertEqual(CivilTime.format(result.time[k]), ref.equity[k].0)
            assertClose(result.equity[k], ref.equity[k].1, rel: 1e-9, "\(name) equity at bar \(k)")
            assertClose(dd[k], ref.equity[k].2, rel: 1e-9, "\(name) drawdown at bar \(k)")
            assertClose(durations[k], ref.equity[k].3 ?? .nan, rel: 1e-12, "\(name) drawdown duration at bar \(k)")
        }

        // Statistics: same keys, same order, every value within 1e-6 relative.
        let stats = BacktestStatistics.compute(result)
        XCTAssertEqual(stats.keys, ref.stats.map(\.0), "\(name): statistic keys and order")
        for (key, expected) in ref.stats {
            guard let got = stats[key] else { XCTFail("\(name): missing \(key)"); continue }
            switch got {
            case .time(let t): XCTAssertEqual(CivilTime.format(t), expected as? String, "\(name) \(key)")
            case .count(let c): XCTAssertEqual(c, expected as? Int, "\(name) \(key)")
            case .days(let d), .number(let d):
                assertClose(d, (expected as? Double) ?? .nan, rel: 1e-6, "\(name) \(key)")
            }
        }
    }

    func testStopAndReverseWithCommission() throws {
        try check("GOOG_smacross", reverse: true, commission: 0.002, endOfData: .leaveOpen)
    }

    func testStopAndReverseWithoutCommission() throws {
        try check("GOOG_smacross_nocommission", reverse: true, commission: 0, endOfData: .leaveOpen)
    }

    func testLongOnly() throws {
        try check("GOOG_smacross_longonly", reverse: false, commission: 0.002, endOfData: .leaveOpen)
    }

    func testFinalizedTrades() throws {
        try check("GOOG_smacross_finalized", reverse: true, commission: 0.002, endOfData: .closeAtLastOpen)
    }
}
