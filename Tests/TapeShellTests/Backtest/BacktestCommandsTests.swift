import Foundation
import TapeTestSupport
import XCTest
@testable import TapeShell

/// The backtest commands end to end through `Shell.run(line:)`, against the
/// backtesting.py reference copied into Tests/Fixtures/backtests/.
final class BacktestCommandsTests: XCTestCase {
    static let fixtures = Repository.fixtures("backtests")

    func testTheIssueLineWritesStatsAndTrades() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-bt-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = dir.appendingPathComponent("s.json").path, t = dir.appendingPathComponent("t.csv").path
        let out = CapturedOutput()
        let shell = Shell(output: out)
        let goog = Self.fixtures.appendingPathComponent("GOOG.csv").path
        shell.run(line: "load GOOG from \"\(goog)\"; backtest GOOG sma_cross fast 10 slow 20 shorts 1 cash 10000 commission 0.2%; export stats to \"\(s)\"; export trades to \"\(t)\"")
        let lines = out.take()
        XCTAssertFalse(lines.contains { $0.hasPrefix("error") }, lines.joined(separator: "\n"))
        let stats = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s))) as? [String: Any])
        let ref = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtures.appendingPathComponent("GOOG_smacross.json"))) as? [String: Any])
        let refStats = try XCTUnwrap(ref["stats"] as? [String: Any])
        for (key, value) in refStats {
            if let x = value as? Double, let y = (stats[key] as? NSNumber)?.doubleValue {
                XCTAssertEqual(y, x, accuracy: abs(x) * 1e-6, key)
            } else {
                XCTAssertEqual(stats[key] as? String, value as? String, key)
            }
        }
        let trades = try String(contentsOfFile: t, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(trades.count, 1 + 93)
        XCTAssertTrue(trades[1].hasPrefix("-59.0,63,75,2004-11-17,2004-12-06,169.02,179.13,"))
    }

    func testErrorsPointAtTheWord() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.run(line: "stats")
        XCTAssertEqual(out.take().first, "error: no backtest has run yet — e.g. backtest SPY sma_cross fast 10 slow 20")
        shell.run(line: "load GOOG from \"\(Self.fixtures.appendingPathComponent("GOOG.csv").path)\"")
        _ = out.take()
        shell.run(line: "backtest GOOG sma_cros fast 10")
        XCTAssertEqual(out.take().first, "error: backtest needs a strategy or signals — did you mean 'sma_cross'?")
        shell.run(line: "backtest GOOG ema_cross fast 10 period 3")
        XCTAssertEqual(out.take().first, "error: ema_cross has no parameter 'period' — it takes fast, slow, shorts")
        shell.run(line: "backtest GOOG long when close > 1 exit")
        XCTAssertEqual(out.take().first, "error: 'exit' needs 'when EXPR' after it")
        shell.run(line: "optimize GOOG sma_cross fast 5..10 maximize sharpie")
        XCTAssertEqual(out.take().first, "error: unknown maximize 'sharpie' — did you mean 'sharpe'?")
        // Counts out of range are errors (they used to be clamped without a word).
        shell.run(line: "optimize GOOG sma_cross fast 5..10 method random trials 1e300")
        XCTAssertEqual(out.take().first, "error: trials must be from 1 to 200000 — got 1e+300")
        shell.run(line: "optimize GOOG sma_cross fast 5..10 method genetic population 1000 generations 1000")
        XCTAssertEqual(out.take().first, "error: population × generations is 1000000 trials; at most 200000")
        shell.run(line: "backtest GOOG sma_cross voltarget 20% sizing_lookback 1")
        XCTAssertEqual(out.take().first, "error: sizing_lookback must be from 2 to 100000 — got 1")
    }

    /// `dates` limits a walk-forward's windows as loading only that range would (it used
    /// to be accepted and ignored).
    func testWalkforwardKeepsToDates() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        let wf = "walkforward SPY sma_cross fast 10..30 step 10 slow 50..100 step 50 train 2y test 1y"
        shell.run(line: "load SPY; \(wf) dates 2010-01-01..2014-12-31")
        let withDates = Array(out.take().dropFirst())
        shell.run(line: "load SPY 2010-01-01..2014-12-31; \(wf)")
        let loaded = Array(out.take().dropFirst())
        XCTAssertEqual(withDates, loaded)
        XCTAssertTrue(withDates.count > 2 && withDates[2].hasPrefix("2010-01-04..2012-01-03    2012-01-04..2013-01-03"), withDates.joined(separator: "\n"))
    }

    /// A parameter of another strategy was ignored by the several-symbol strategies.
    func testPortfolioStrategiesNameAStrayParameter() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.run(line: "load SPY; load AAPL")
        _ = out.take()
        shell.run(line: "backtest SPY, AAPL xs_momentum lookback 126 fast 10")
        XCTAssertEqual(out.take().first, "error: xs_momentum has no parameter 'fast' — it takes lookback, top, rebalance")
    }

    /// `entry limit|stop X [entry_bars N]` on the hand-written bars of entries.csv (its
    /// PROVENANCE note): the only signal closes at 100 on 2021-01-05.
    func testEntryOrdersParseAndFill() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.run(line: "load T from \"\(Self.fixtures.appendingPathComponent("entries.csv").path)\"")
        _ = out.take()
        // `entry stop 1%` is the entry (buy stop 101); the later `stop 5%` is the stop-loss.
        // Stop 101 is only touched (2021-01-08 high 101) until 2021-01-11 opens at 101 and
        // trades to 103: filled at 101, floor(10000 / 101) = 99 units, 99 × (102 − 101) open.
        shell.run(line: "backtest T long when volume > 1500 entry stop 1% stop 5% entry_bars 4; stats; trades")
        let lines = out.take()
        XCTAssertTrue(lines.contains("  entry: stop 1% above the signal close (below for shorts), good for 4 bars; fills once a bar trades through it, at the open on a gap"),
                      lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("  stop loss: 5%"))
        XCTAssertEqual(lines.last, "open: 99 since 2021-01-11 at 101.00, unrealised 99.00")
        // Good for 3 bars it expires on 2021-01-08, untouched.
        shell.run(line: "backtest T long when volume > 1500 entry stop 1 entry_bars 3; trades")
        XCTAssertEqual(out.take().last, "#  size  entry  exit  entry price  exit price  pnl  return %  days  exit by")
        for (line, error) in [
            ("backtest T buy_and_hold limit 1%", "error: 'limit' must follow entry — e.g. entry limit 1% (1% below the close for a long, above for a short) or entry stop 2.5 (price units)"),
            ("backtest T buy_and_hold entry 1%", "error: 'entry' needs limit X or stop X after it — e.g. entry limit 1% (1% below the close for a long, above for a short) or entry stop 2.5 (price units)"),
            ("backtest T buy_and_hold entry limit 1% entry_bars 1.5", "error: entry_bars must be a whole number — entry_bars is from 1 to 1000000000"),
            ("backtest T buy_and_hold entry limit 100%", "error: limit must be below 100% of the price — or write price units: limit 100"),
            ("backtest T, T equal_weight entry limit 1%", "error: equal_weight rebalances at the next open; entry limit and entry stop are for single-symbol strategies"),
        ] {
            shell.run(line: line)
            XCTAssertEqual(out.take().first, error, line)
        }
    }

    /// backtesting.py's take-profit on a stop entry's fill bar, from the prompt: bar 2 of
    /// stop_entry_bars.csv fills the buy stop at 101 and reaches the target 103 with the
    /// stop-loss 99 out of its range, so the trade exits there; `target_next_bar` waits for
    /// bar 3, which opens at 103. (The engine's rule is checked against backtesting.py
    /// itself in BacktestingPyRulesTests.)
    func testTargetOnAStopEntrysBarAndTheOption() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.run(line: "load X from \"\(Self.fixtures.appendingPathComponent("stop_entry_bars.csv").path)\"")
        _ = out.take()
        let run = "backtest X long when high == 100.5 and low == 99.5 entry stop 1 target 2 stop 2"
        shell.run(line: "\(run); trades; stats")
        let sameBar = out.take()
        XCTAssertTrue(sameBar.contains { $0.hasPrefix("1 ") && $0.contains("2021-01-06  2021-01-06") && $0.hasSuffix("take_profit") },
                      sameBar.joined(separator: "\n"))
        XCTAssertFalse(sameBar.contains { $0.contains("target on the entry bar") })
        shell.run(line: "\(run) target_next_bar; trades; stats")
        let nextBar = out.take()
        XCTAssertTrue(nextBar.contains { $0.hasPrefix("1 ") && $0.contains("2021-01-06  2021-01-07") && $0.hasSuffix("take_profit") },
                      nextBar.joined(separator: "\n"))
        XCTAssertTrue(nextBar.contains("  target on the entry bar: from the bar after the entry"), nextBar.joined(separator: "\n"))
    }
}
