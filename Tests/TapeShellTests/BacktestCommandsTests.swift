import Foundation
import XCTest
@testable import TapeShell

/// The backtest commands end to end through `Shell.run(line:)`, against the
/// backtesting.py reference copied into Tests/Fixtures/backtests/.
final class BacktestCommandsTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/backtests")

    func testTheIssueLineWritesStatsAndTrades() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-bt-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = dir.appendingPathComponent("s.json").path, t = dir.appendingPathComponent("t.csv").path
        let out = CapturedOutput()
        let shell = Shell(output: out)
        let goog = Self.fixtures.appendingPathComponent("GOOG.csv").path
        shell.run(line: "load GOOG from \"\(goog)\"; backtest GOOG sma_cross fast 10 slow 20 cash 10000 commission 0.2%; export stats to \"\(s)\"; export trades to \"\(t)\"")
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
        XCTAssertEqual(out.take().first, "error: cannot maximise 'sharpie' — did you mean 'sharpe'?")
    }
}
