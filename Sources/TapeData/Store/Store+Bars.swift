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
    /// Saves `bars` incrementally in one transaction: new times are added, identical
    /// bars are skipped, and bars whose stored values differ are reported as conflicts
    /// (and overwritten only when `replace` is true). NaN and NULL count as equal.
    @discardableResult
    public func save(_ bars: Bars, source: String = "", replace: Bool = false) throws -> SaveReport {
        try Store.check(bars)
        return try pool.write { db in try Store.save(db, bars, source: source, replace: replace, now: Store.now(), path: path) }
    }

    /// Saves many series in one transaction (all or nothing: a cancelled or failed save
    /// leaves the store as it was), reporting progress after each.
    public func save(_ all: [(bars: Bars, source: String)], replace: Bool = false, control: WorkControl = .none) throws -> [SaveReport] {
        try saveMany(all, replace: replace, control: control) { _ in }
    }

    /// The many-series save; `then` runs last inside the same transaction.
    func saveMany(_ all: [(bars: Bars, source: String)], replace: Bool, control: WorkControl,
                  then: (Database) throws -> Void) throws -> [SaveReport] {
        for item in all { try Store.check(item.bars) }
        let now = Store.now()
        return try pool.write { db in
            var reports: [SaveReport] = []
            reports.reserveCapacity(all.count)
            for (k, item) in all.enumerated() {
                try control.check()
                reports.append(try Store.save(db, item.bars, source: item.source, replace: replace, now: now, path: path))
                control.progress?(k + 1, all.count)
            }
            try then(db)
            return reports
        }
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    static func check(_ bars: Bars) throws {
        guard validSymbol(bars.symbol) else { throw StoreError.badSymbol(bars.symbol) }
        let n = bars.time.count
        guard [bars.open.count, bars.high.count, bars.low.count, bars.close.count, bars.volume.count].allSatisfy({ $0 == n }),
              bars.adjClose.map({ $0.count == n }) ?? true
        else { throw StoreError.raggedColumns(symbol: bars.symbol) }
    }

    /// One symbol's save inside the caller's transaction. Only the blocks over the
    /// incoming bars' time range are read and rewritten (BarBlock says why), and none when
    /// nothing changed.
    static func save(_ db: Database, _ incoming: Bars, source: String, replace: Bool, now: Int64, path: String) throws -> SaveReport {
        try db.execute(sql: """
            INSERT INTO symbols(symbol, source, has_adj_close, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(symbol) DO UPDATE SET
              source = CASE WHEN excluded.source = '' THEN symbols.source ELSE excluded.source END,
              has_adj_close = MAX(symbols.has_adj_close, excluded.has_adj_close),
              updated_at = excluded.updated_at
            """, arguments: [incoming.symbol, source, incoming.adjClose == nil ? 0 : 1, now])
        var report = SaveReport(symbol: incoming.symbol, inserted: 0, unchanged: 0, conflicts: [], replaced: 0)
        guard let lo = incoming.time.min(), let hi = incoming.time.max() else { return report }
        let blocks = try Row.fetchAll(db, sql: """
            SELECT rowid, first_time, last_time, count FROM bar_blocks WHERE symbol = ? ORDER BY first_time
            """, arguments: [incoming.symbol]).map { r in
            (id: r[0] as Int64, block: BarBlock(first: r[1], last: r[2], count: r[3]))
        }
        var touched = blocks.filter { $0.block.last >= lo && $0.block.first <= hi }
        // A partly filled block just before the range is topped up rather than followed
        // by a new one, so appending a day at a time does not leave one-bar blocks.
        if let before = blocks.last(where: { $0.block.last < lo }), before.block.count < BarBlock.capacity {
            touched.insert(before, at: 0)
        }
        let hasAdj = try Bool.fetchOne(db, sql: "SELECT has_adj_close FROM symbols WHERE symbol = ?",
                                       arguments: [incoming.symbol]) ?? false
        var stored: Bars?
        if let a = touched.first, let b = touched.last {
            // Touched blocks are consecutive: those over the range and the one just before it.
            stored = try readBlocks(db, sql: "SELECT \(blockColumns) FROM bar_blocks WHERE symbol = ? AND first_time BETWEEN ? AND ? ORDER BY first_time",
                                    arguments: [incoming.symbol, a.block.first, b.block.first], symbol: incoming.symbol,
                                    count: touched.reduce(0) { $0 + $1.block.count }, adjClose: hasAdj, path: path)
        }
        let merged = BarMerge.merge(stored: stored, incoming: incoming, adjClose: hasAdj, replace: replace, report: &report)
        guard report.inserted > 0 || report.replaced > 0 else { return report }
        for t in touched { try db.execute(sql: "DELETE FROM bar_blocks WHERE rowid = ?", arguments: [t.id]) }
        try insertBlocks(db, merged, 0..<merged.count)
        return report
    }

    /// Writes `bars[range]` as new blocks (the caller has made room for them).
    static func insertBlocks(_ db: Database, _ bars: Bars, _ range: Range<Int>) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO bar_blocks(symbol, first_time, last_time, count, time, open, high, low, close, volume, adj_close)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for start in stride(from: range.lowerBound, to: range.upperBound, by: BarBlock.capacity) {
            let r = start..<min(start + BarBlock.capacity, range.upperBound)
            let (time, columns, adj) = BarBlock.encode(bars, r)
            // Eleven placeholders, eleven values: GRDB's per-call argument check is skipped.
            insert.setUncheckedArguments([bars.symbol, bars.time[r.lowerBound], bars.time[r.upperBound - 1], r.count, time,
                                          columns[0], columns[1], columns[2], columns[3], columns[4], adj])
            try insert.execute()
        }
    }

    /// All stored bars of `symbol`, oldest first; `from`/`to` (inclusive) narrow the range.
    public func load(_ symbol: String, from: Int64? = nil, to: Int64? = nil) throws -> Bars {
        let lo = from ?? Int64.min, hi = to ?? Int64.max
        let bars = try pool.read { db -> Bars? in
            guard let hasAdj = try Bool.fetchOne(db, sql: "SELECT has_adj_close FROM symbols WHERE symbol = ?", arguments: [symbol])
            else { return nil }
            let overlapping = "FROM bar_blocks WHERE symbol = ? AND last_time >= ? AND first_time <= ?"
            let count = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(count), 0) \(overlapping)", arguments: [symbol, lo, hi]) ?? 0
            return try Store.readBlocks(db, sql: "SELECT \(Store.blockColumns) \(overlapping) ORDER BY first_time",
                                        arguments: [symbol, lo, hi], symbol: symbol, count: count, adjClose: hasAdj, path: path)
        }
        guard var b = bars else { throw StoreError.notFound(symbol: symbol, path: path) }
        // Only the first and last blocks can reach past the range.
        let head = b.time.prefix { $0 < lo }.count, tail = b.time.reversed().prefix { $0 > hi }.count
        if head > 0 || tail > 0 { b = b.rows(head..<(b.count - tail)) }
        return b
    }

    /// Every symbol in the store with its row count and date range, alphabetical.
    public func symbols() throws -> [StoredSymbol] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.symbol, s.source, COALESCE(SUM(b.count), 0), MIN(b.first_time), MAX(b.last_time)
                FROM symbols s LEFT JOIN bar_blocks b ON b.symbol = s.symbol
                GROUP BY s.symbol ORDER BY s.symbol
                """).map { r in
                // Not the subscripts: they try! the decode.
                StoredSymbol(symbol: try r.decode(atIndex: 0), source: try r.decode(atIndex: 1), rows: try r.decode(atIndex: 2),
                             first: try r.decode(atIndex: 3), last: try r.decode(atIndex: 4))
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

    static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
}
