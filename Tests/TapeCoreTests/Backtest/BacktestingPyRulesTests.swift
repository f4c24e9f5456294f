import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

/// Two rules of backtesting.py 0.6.6 that the GOOG reference runs do not exercise, against
/// its own answers (Tests/Fixtures/backtests/rules.json, written by gen_rules.py there).
final class BacktestingPyRulesTests: XCTestCase {
    private func reference(_ key: String) throws -> [String: Any] {
        let data = try Data(contentsOf: BacktestFixtures.directory.appendingPathComponent("rules.json"))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try XCTUnwrap(root[key] as? [String: Any])
    }

    private func checkTrades(_ got: [Trade], _ expected: [[String: Any]], _ what: String) {
        XCTAssertEqual(got.count, expected.count, "\(what): trade count")
        for (k, (t, r)) in zip(got, expected).enumerated() {
            XCTAssertEqual(t.size, r["size"] as? Double, "\(what) trade \(k) size")
            XCTAssertEqual(t.entryBar, r["entry_bar"] as? Int, "\(what) trade \(k) entry bar")
            XCTAssertEqual(t.exitBar, r["exit_bar"] as? Int, "\(what) trade \(k) exit bar")
            XCTAssertEqual(t.entryPrice, r["entry_price"] as? Double, "\(what) trade \(k) entry price")
            XCTAssertEqual(t.exitPrice, r["exit_price"] as? Double, "\(what) trade \(k) exit price")
            assertClose(t.pnl, r["pnl"] as? Double ?? .nan, rel: 1e-9, abs: 1e-9, "\(what) trade \(k) pnl")
        }
    }

    /// `finalize` with `fill close`: backtesting.py closes the open trade at the close of
    /// the bar before the last (its final broker pass fills at the "previous close").
    func testFinalizeWithTradeOnClose() throws {
        let ref = try reference("finalize_close")
        let bars = try BacktestFixtures.goog()
        XCTAssertEqual(bars.count, ref["bars"] as? Int)
        var strategy = try BacktestingPyAgreementTests.smaCross(bars, reverse: true)
        let config = BacktestConfig(cash: 10_000, commission: Commission(percent: 0.002), fill: .signalClose,
                                    endOfData: .closeAtLastOpen)
        let result = try Backtester.run(&strategy, bars: bars, config: config)
        checkTrades(result.trades, try XCTUnwrap(ref["trades"] as? [[String: Any]]), "finalize, trade on close")
        XCTAssertTrue(result.openTrades.isEmpty)
        let last = try XCTUnwrap(ref["last_equity"] as? [Double])
        for (k, e) in last.enumerated() {
            assertClose(result.equity[result.equity.count - last.count + k], e, rel: 1e-9, "equity \(k - last.count)")
        }
        XCTAssertEqual(result.assumptions.lines.first { $0.0 == "open trade at end" }?.1,
                       "closed at the close before the last bar (backtesting.py, trade on close)")
        // With the next-open fill the same option still closes at the last bar's open.
        var again = try BacktestingPyAgreementTests.smaCross(bars, reverse: true)
        let open = try Backtester.run(&again, bars: bars, config: BacktestConfig(cash: 10_000, commission: Commission(percent: 0.002),
                                                                                  endOfData: .closeAtLastOpen))
        XCTAssertEqual(open.trades.last?.exitBar, bars.count - 1)
        XCTAssertEqual(open.trades.last?.exitPrice, bars.open[bars.count - 1])
    }

    /// Buy stops one unit above the signal close, take-profit 2 and stop-loss 2 from the
    /// fill: the fill bar's target counts when the stop is out of its range (bar 2), not
    /// when the bar reached both (bar 5: a bar later); the old rule waits a bar always.
    func testTargetOnTheStopEntrysBar() throws {
        let ref = try reference("stop_entry_target")
        let bars = try BarsCSV.parse(text: try BacktestFixtures.text("stop_entry_bars.csv"), name: "X", source: "stop_entry_bars.csv")
        let signals = try XCTUnwrap(ref["signals"] as? [Int])
        func run(_ rule: EntryBarTarget) throws -> BacktestResult {
            var s = try SignalStrategy(name: "stop entry", count: bars.count,
                                       entryLong: (0..<bars.count).map { signals.contains($0) }, warmup: 0)
            let exits = ExitRules(stopLoss: .amount(2), takeProfit: .amount(2), entryBarTarget: rule)
            return try Backtester.run(&s, bars: bars, config: BacktestConfig(cash: 1000, exits: exits,
                                                                            entry: .stop(offset: .amount(1), bars: 1)))
        }
        let result = try run(.sameBar)
        checkTrades(result.trades, try XCTUnwrap(ref["trades"] as? [[String: Any]]), "same bar")
        XCTAssertEqual(result.trades.first?.exitReason, .takeProfit)
        let nextBar = try run(.nextBar)
        // Bar 2's trade now waits for bar 3, which opens at the target (103): filled at the open.
        XCTAssertEqual(nextBar.trades.first?.exitBar, 3)
        XCTAssertEqual(nextBar.trades.first?.exitPrice, 103)
        XCTAssertEqual(nextBar.assumptions.lines.first { $0.0 == "target on the entry bar" }?.1, "from the bar after the entry")
        XCTAssertNil(result.assumptions.lines.first { $0.0 == "target on the entry bar" })
    }
}
