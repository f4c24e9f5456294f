import Foundation
import GRDB
import Synchronization
import TapeCore

extension Store {
    /// Every symbol in the store (or those named), read on `workers` threads at once,
    /// each with its own connection: the whole store is read in one pass at close to the
    /// speed SQLite hands out its pages. A symbol that cannot be read (a damaged block) is
    /// reported in `failures` and skipped; cancelling returns nothing.
    public func loadAll(_ only: [String]? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                        control: WorkControl = .none) throws -> (members: [Bars], failures: [(symbol: String, message: String)]) {
        var wanted = try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.symbol, s.has_adj_close, COALESCE(SUM(b.count), 0)
                FROM symbols s LEFT JOIN bar_blocks b ON b.symbol = s.symbol
                GROUP BY s.symbol ORDER BY s.symbol
                """).map { r in (symbol: r[0] as String, adjClose: r[1] as Bool, count: r[2] as Int) }
        }
        if let only {
            let named = Set(only)
            wanted = wanted.filter { named.contains($0.symbol) }
        }
        let plan = wanted
        let results = Mutex([Result<Bars, Error>?](repeating: nil, count: plan.count))
        let done = Atomic<Int>(0)
        let pool = self.pool, path = self.path, total = plan.count
        let lanes = max(1, min(workers, 4, plan.count))
        let sql = "SELECT \(Store.blockColumns) FROM bar_blocks WHERE symbol = ? ORDER BY first_time"
        let failure = Mutex<Error?>(nil)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            do {
                try pool.read { db in
                    // Interleaved, so each lane gets a like share of large and small symbols.
                    for k in stride(from: lane, to: total, by: lanes) {
                        if control.isCancelled { return }
                        let p = plan[k]
                        let r = Result {
                            try Store.readBlocks(db, sql: sql, arguments: [p.symbol], symbol: p.symbol, count: p.count,
                                                 adjClose: p.adjClose, path: path)
                        }
                        results.withLock { $0[k] = r }
                        control.progress?(done.add(1, ordering: .relaxed).newValue, total)
                    }
                }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        try control.check()
        if let e = failure.withLock({ $0 }) { throw e }
        var members: [Bars] = [], failures: [(symbol: String, message: String)] = []
        members.reserveCapacity(total)
        let all = results.withLock { r in
            defer { r = [] }
            return r
        }
        for (k, r) in all.enumerated() {
            switch r {
            case .success(let b)?: if !b.isEmpty { members.append(b) }
            case .failure(let e)?: failures.append((plan[k].symbol, "\(plan[k].symbol): \(e)"))
            case nil: failures.append((plan[k].symbol, "\(plan[k].symbol): not read"))
            }
        }
        return (members, failures)
    }
}

extension Store {
    /// Saves every member (one transaction, as `save(_:)` of many) and records them as
    /// the universe `name`, replacing its earlier member list.
    public func save(universe: Universe, replace: Bool = false, control: WorkControl = .none) throws -> [SaveReport] {
        let key = universe.name.lowercased()
        return try saveMany(universe.members.map { ($0, "universe \(universe.name)") }, replace: replace, control: control) { db in
            try db.execute(sql: "DELETE FROM universe_members WHERE universe = ?", arguments: [key])
            let insert = try db.cachedStatement(sql: "INSERT INTO universe_members(universe, symbol) VALUES (?, ?)")
            for m in universe.members { try insert.execute(arguments: [key, m.symbol]) }
        }
    }

    /// The symbols saved as universe `name` (any case), nil when none was.
    public func universeMembers(_ name: String) throws -> [String]? {
        let members = try pool.read { db in
            try String.fetchAll(db, sql: "SELECT symbol FROM universe_members WHERE universe = ? ORDER BY symbol", arguments: [name.lowercased()])
        }
        return members.isEmpty ? nil : members
    }
}
