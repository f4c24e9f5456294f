import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

/// Exports read back and compared with the backtesting.py reference files.
final class BacktestExportTests: XCTestCase {
    func referenceRun() throws -> BacktestResult {
        let bars = try BacktestFixtures.goog()
        // Stop-and-reverse: backtesting.py's SmaCross, the GOOG_smacross reference.
        var s = try StrategyRegistry.named("sma_cross").make(bars: bars, parameters: ["shorts": 1])
        return try Backtester.run(&s, bars: bars, config: BacktestConfig(commission: Commission(percent: 0.002)))
    }

    func testStatsJSONReadsBackAsTheReferenceStats() throws {
        let r = try referenceRun()
        let text = BacktestExport.statsJSON(BacktestStatistics.compute(r), result: r)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let ref = try BacktestFixtures.reference("GOOG_smacross")
        for (key, expected) in ref.stats {
            if let s = expected as? String {
                XCTAssertEqual(parsed[key] as? String, s, key)
            } else {
                assertClose((parsed[key] as? NSNumber)?.doubleValue ?? .nan, (expected as? NSNumber)?.doubleValue ?? -1, rel: 1e-6, key)
            }
        }
        XCTAssertEqual(parsed["_strategy"] as? String, "sma_cross(fast 10, slow 20)")
        let a = try XCTUnwrap(parsed["_assumptions"] as? [String: String])
        XCTAssertEqual(a["fill"], "next bar open")
        XCTAssertEqual(a["commission"], "0.2% of value")
        XCTAssertEqual(a["data"], "2004-08-19 .. 2013-03-01, 2148 bars")
        // Keys keep backtesting.py's order.
        let order = ref.stats.map { "\"\($0.0)\"" }
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        XCTAssertEqual(positions.count, order.count)
        XCTAssertEqual(positions, positions.sorted())
    }

    func testTradesCSVMatchesReferenceTrades() throws {
        let r = try referenceRun()
        let lines = BacktestExport.tradesCSV(r.trades).split(separator: "\n")
        XCTAssertEqual(lines.first, "size,entry_bar,exit_bar,entry_time,exit_time,entry_price,exit_price,pnl,commission,return_pct,duration_days,exit_reason")
        let ref = try BacktestFixtures.reference("GOOG_smacross")
        XCTAssertEqual(lines.count - 1, ref.trades.count)
        for (line, t) in zip(lines.dropFirst(), ref.trades) {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(Double(f[0]), t["size"] as? Double)
            XCTAssertEqual(Int(f[1]), t["entry_bar"] as? Int)
            XCTAssertEqual(Int(f[2]), t["exit_bar"] as? Int)
            XCTAssertEqual(f[3], t["entry_time"] as? String)
            XCTAssertEqual(f[4], t["exit_time"] as? String)
            XCTAssertEqual(Double(f[5]), t["entry_price"] as? Double)
            assertClose(Double(f[7]) ?? .nan, t["pnl"] as? Double ?? .nan, rel: 1e-9, "pnl")
            assertClose(Double(f[9]) ?? .nan, t["return_pct"] as? Double ?? .nan, rel: 1e-9, "return")
            XCTAssertEqual(f[11], "signal")
        }
    }

    func testEquityCSVMatchesReferenceCurve() throws {
        let r = try referenceRun()
        let lines = BacktestExport.equityCSV(r).split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        XCTAssertEqual(lines.first, "date,equity,drawdown,drawdown_duration_days")
        let ref = try BacktestFixtures.reference("GOOG_smacross").equity
        XCTAssertEqual(lines.count - 1, ref.count)
        for (line, e) in zip(lines.dropFirst(), ref) {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(f[0], e.0)
            assertClose(Double(f[1]) ?? .nan, e.1, rel: 1e-9, "equity \(e.0)")
            assertClose(Double(f[2]) ?? .nan, e.2, rel: 1e-9, "drawdown \(e.0)")
            XCTAssertEqual(Double(f[3]), e.3, "duration \(e.0)")
        }
    }

    func testStatsTableAndEscaping() throws {
        let r = try referenceRun()
        let table = BacktestExport.statsTable(BacktestStatistics.compute(r)).split(separator: "\n")
        XCTAssertEqual(table[0], "Start                   2004-08-19")
        XCTAssertEqual(table[2], "Duration                3116 days")
        XCTAssertEqual(table[4], "Equity Final [$]        56263.51934")
        XCTAssertEqual(table[21], "# Trades                93")
        XCTAssertEqual(BacktestExport.quote("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"")
        XCTAssertEqual(BacktestExport.fixed(-0.000001, 5), "0.00000")
        XCTAssertEqual(BacktestExport.fixed(-1.5, 2), "-1.50")
    }
}
