import Foundation
import GRDB
import TapeCore

/// What an incremental save did.
public struct SaveReport: Equatable, Sendable {
    /// One bar already in the store whose stored values differ from the incoming ones.
    public struct Conflict: Equatable, Sendable {
        public var time: Int64
        /// Column names whose values differ, canonical order.
        public var columns: [String]
    }
    public var symbol: String
    public var inserted: Int
    public var unchanged: Int
    /// Bars that differ from what is stored. Kept as stored unless the save asked to replace.
    public var conflicts: [Conflict]
    public var replaced: Int

    /// One line for the shell, e.g. `SPY: 12 new bars, 5229 unchanged, 1 conflict (2020-03-02: close)`.
    public var summary: String {
        var s = "\(symbol): \(inserted) new bar\(inserted == 1 ? "" : "s"), \(unchanged) unchanged"
        if !conflicts.isEmpty {
            let shown = conflicts.prefix(3).map { CivilTime.format($0.time) + ": " + $0.columns.joined(separator: ",") }
            s += ", \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s") (" + shown.joined(separator: "; ")
            s += conflicts.count > 3 ? "; ...)" : ")"
            s += replaced > 0 ? ", replaced" : ", kept the stored values (save with replace to overwrite)"
        }
        return s
    }
}

/// One row of `symbols`: what the store holds for a symbol.
public struct StoredSymbol: Equatable, Sendable {
    public var symbol: String
    public var source: String
    public var rows: Int
    public var first: Int64?
    public var last: Int64?
}

extension Store {
    /// Saves `bars` incrementally in one transaction: new times are appended, identical
    /// rows are skipped, and rows whose stored values differ are reported as conflicts
    /// (and overwritten only when `replace` is true). NaN and NULL count as equal.
    @discardableResult
    public func save(_ bars: Bars, source: String = "", replace: Bool = false) throws -> SaveReport {
        guard Store.validSymbol(bars.symbol) else { throw StoreError.badSymbol(bars.symbol) }
        let n = bars.time.count
        guard [bars.open.count, bars.high.count, bars.low.count, bars.close.count, bars.volume.count].allSatisfy({ $0 == n }),
              bars.adjClose.map({ $0.count == n }) ?? true
        else { throw StoreError.raggedColumns(symbol: bars.symbol) }
        var report = SaveReport(symbol: bars.symbol, inserted: 0, unchanged: 0, conflicts: [], replaced: 0)
        let names = ["open", "high", "low", "close", "volume", "adj_close"]
        try pool.write { db in
            let now = Int64(Date().timeIntervalSince1970)
            try db.execute(sql: """
                INSERT INTO symbols(symbol, source, has_adj_close, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(symbol) DO UPDATE SET
                  source = CASE WHEN excluded.source = '' THEN symbols.source ELSE excluded.source END,
                  has_adj_close = MAX(symbols.has_adj_close, excluded.has_adj_close),
                  updated_at = excluded.updated_at
                """, arguments: [bars.symbol, source, bars.adjClose == nil ? 0 : 1, now])
            var stored: [Int64: [Double]] = [:]
            if let lo = bars.time.min(), let hi = bars.time.max() {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT time, open, high, low, close, volume, adj_close FROM bars
                    WHERE symbol = ? AND time BETWEEN ? AND ?
                    """, arguments: [bars.symbol, lo, hi])
                while let r = try rows.next() {
                    stored[r[0]] = (1...6).map { (r[$0] as Double?) ?? .nan }
                }
            }
            let insert = try db.makeStatement(sql: """
                INSERT INTO bars(symbol, time, open, high, low, close, volume, adj_close)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(symbol, time) DO UPDATE SET open = excluded.open, high = excluded.high,
                  low = excluded.low, close = excluded.close, volume = excluded.volume,
                  adj_close = excluded.adj_close
                """)
            for i in 0..<bars.count {
                let t = bars.time[i]
                let row = [bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i],
                           bars.adjClose.map { $0[i] } ?? .nan]
                if let old = stored[t] {
                    let differing = (0..<6).filter { !Store.same(old[$0], row[$0]) }
                    if differing.isEmpty { report.unchanged += 1; continue }
                    report.conflicts.append(.init(time: t, columns: differing.map { names[$0] }))
                    if !replace { continue }
                    report.replaced += 1
                } else {
                    report.inserted += 1
                }
                // Later duplicates of a time in the same input compare against this row.
                stored[t] = row
                // Arguments were checked once (8 placeholders, 8 values): skip GRDB's per-row check.
                insert.setUncheckedArguments([bars.symbol, t, Store.sql(row[0]), Store.sql(row[1]), Store.sql(row[2]),
                                              Store.sql(row[3]), Store.sql(row[4]), Store.sql(row[5])])
                try insert.execute()
            }
        }
        return report
    }

    /// All stored bars of `symbol`, oldest first; `from`/`to` (inclusive) narrow the range.
    public func load(_ symbol: String, from: Int64? = nil, to: Int64? = nil) throws -> Bars {
        let (hasAdj, exists) = try pool.read { db -> (Bool, Bool) in
            let v = try Int.fetchOne(db, sql: "SELECT has_adj_close FROM symbols WHERE symbol = ?", arguments: [symbol])
            return (v == 1, v != nil)
        }
        guard exists else { throw StoreError.notFound(symbol: symbol, path: path) }
        var b = Bars(symbol: symbol, time: [], open: [], high: [], low: [], close: [], volume: [],
                     adjClose: hasAdj ? [] : nil)
        try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT time, open, high, low, close, volume, adj_close FROM bars
                WHERE symbol = ? AND time BETWEEN ? AND ? ORDER BY time
                """, arguments: [symbol, from ?? Int64.min, to ?? Int64.max])
            func d(_ r: Row, _ i: Int) -> Double { (r[i] as Double?) ?? .nan }
            while let r = try rows.next() {
                b.time.append(r[0])
                b.open.append(d(r, 1)); b.high.append(d(r, 2)); b.low.append(d(r, 3))
                b.close.append(d(r, 4)); b.volume.append(d(r, 5))
                if hasAdj { b.adjClose?.append(d(r, 6)) }
            }
        }
        return b
    }

    /// Every symbol in the store with its row count and date range, alphabetical.
    public func symbols() throws -> [StoredSymbol] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.symbol, s.source, COUNT(b.time), MIN(b.time), MAX(b.time)
                FROM symbols s LEFT JOIN bars b ON b.symbol = s.symbol
                GROUP BY s.symbol ORDER BY s.symbol
                """).map { r in
                let symbol: String = try r.decode(atIndex: 0)
                // Not the subscripts: they try! the decode, and SQLite keeps text in an INTEGER column.
                let first: Int64?, last: Int64?
                do {
                    first = try r.decode(atIndex: 3)
                    last = try r.decode(atIndex: 4)
                } catch {
                    throw StoreError.badTime(symbol: symbol, path: path)
                }
                return StoredSymbol(symbol: symbol, source: try r.decode(atIndex: 1), rows: try r.decode(atIndex: 2),
                                    first: first, last: last)
            }
        }
    }

    /// Removes a symbol and its bars; returns whether it existed.
    @discardableResult
    public func delete(_ symbol: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM symbols WHERE symbol = ?", arguments: [symbol])
            return db.changesCount > 0
        }
    }

    /// NaN is stored as NULL.
    static func sql(_ v: Double) -> Double? { v.isNaN ? nil : v }

    static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
}
