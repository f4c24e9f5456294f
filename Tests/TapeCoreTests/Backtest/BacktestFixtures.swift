import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

/// Loads the backtesting.py reference runs copied into Tests/Fixtures/backtests/.
enum BacktestFixtures {
    static let directory = Repository.fixtures("backtests")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The GOOG series (date,open,high,low,close,volume).
    static func goog() throws -> Bars {
        var t: [Int64] = [], o: [Double] = [], h: [Double] = [], l: [Double] = [], c: [Double] = [], v: [Double] = []
        for line in try text("GOOG.csv").split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard f.count == 6, let time = CivilTime.parse(f[0]),
                  let a = Double(f[1]), let b = Double(f[2]), let d = Double(f[3]), let e = Double(f[4]),
                  let vol = Double(f[5]) else { throw CocoaError(.fileReadCorruptFile) }
            t.append(time); o.append(a); h.append(b); l.append(d); c.append(e); v.append(vol)
        }
        return Bars(symbol: "GOOG", time: t, open: o, high: h, low: l, close: c, volume: v)
    }

    struct Reference {
        var stats: [(String, Any)]
        var trades: [[String: Any]]
        var openTrades: [[String: Any]]
        /// (date, equity, drawdown fraction, drawdown duration days or nil)
        var equity: [(String, Double, Double, Double?)]
    }

    static func reference(_ name: String) throws -> Reference {
        let data = try Data(contentsOf: directory.appendingPathComponent(name + ".json"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let trades = root["trades"] as? [[String: Any]],
              let open = root["open_trades_at_end"] as? [[String: Any]] else { throw CocoaError(.fileReadCorruptFile) }
        // JSONSerialization loses key order; recover it from the raw text.
        let raw = String(decoding: data, as: UTF8.self)
        guard let statsStart = raw.range(of: "\"stats\": {"),
              let statsEnd = raw.range(of: "}", range: statsStart.upperBound..<raw.endIndex),
              let statsDict = root["stats"] as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
        var stats: [(String, Any)] = []
        for line in raw[statsStart.upperBound..<statsEnd.lowerBound].split(separator: "\n") {
            let s = line.trimmingCharacters(in: .whitespaces)
            guard s.hasPrefix("\""), let close = s.dropFirst().firstIndex(of: "\"") else { continue }
            let key = String(s[s.index(after: s.startIndex)..<close])
            if let v = statsDict[key] { stats.append((key, v)) }
        }
        var equity: [(String, Double, Double, Double?)] = []
        for line in try text(name + "_equity.csv").split(separator: "\n", omittingEmptySubsequences: false).dropFirst() where !line.isEmpty {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == 4, let e = Double(f[1]), let d = Double(f[2]) else { throw CocoaError(.fileReadCorruptFile) }
            equity.append((String(f[0]), e, d, Double(f[3])))
        }
        return Reference(stats: stats, trades: trades, openTrades: open, equity: equity)
    }
}
