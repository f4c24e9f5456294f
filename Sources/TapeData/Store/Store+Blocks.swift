import Foundation
import GRDB
import GRDBSQLite
import TapeCore

/// Reading blocks straight from SQLite's buffers: each column BLOB is copied once, into
/// arrays allocated at their final size. Going through GRDB's `Row`/`Data` would copy
/// each block twice more, and growing arrays by appending would leave up to half their
/// capacity unused: what a 15-million-bar universe cannot afford (peak memory is meant to
/// stay within 1.3 times the bars' own size).
extension Store {
    /// The columns the readers select, in this order.
    static let blockColumns = "first_time, count, time, open, high, low, close, volume, adj_close"

    /// Reads the blocks a statement selects (`blockColumns`, in time order) into one
    /// series of exactly `count` bars. A block whose blobs do not match its count, or
    /// blocks that do not add up to `count`, are reported as damaged, never read.
    static func readBlocks(_ db: Database, sql: String, arguments: StatementArguments, symbol: String, count: Int,
                           adjClose: Bool, path: String) throws -> Bars {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        var filled = 0
        var damagedAt: Int64?
        var stepError: String?
        let (time, columns) = ColumnAllocation.make(count: count, doubles: adjClose ? 6 : 5) { time, columns in
            while true {
                let rc = sqlite3_step(stmt)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    stepError = String(cString: sqlite3_errmsg(db.sqliteConnection))
                    return
                }
                let first = sqlite3_column_int64(stmt, 0), n = Int(sqlite3_column_int64(stmt, 1))
                guard n >= 1, filled + n <= count else { damagedAt = first; return }
                guard copy(stmt, column: 2, count: n, into: UnsafeMutableRawPointer(time + filled)) else { damagedAt = first; return }
                for (k, target) in columns.enumerated() {
                    let column = Int32(3 + k)
                    if k == 5, sqlite3_column_type(stmt, column) == SQLITE_NULL {
                        // A block saved before the symbol had an adjusted close.
                        (target + filled).initialize(repeating: .nan, count: n)
                    } else if !copy(stmt, column: column, count: n, into: UnsafeMutableRawPointer(target + filled)) {
                        damagedAt = first
                        return
                    }
                }
                filled += n
            }
            if filled != count { damagedAt = damagedAt ?? Int64.min }
        }
        if let stepError { throw StoreError.cannotOpen(path: path, reason: stepError) }
        if let at = damagedAt { throw StoreError.corruptBlock(symbol: symbol, firstTime: at, path: path) }
        return Bars(symbol: symbol, time: time, open: columns[0], high: columns[1], low: columns[2], close: columns[3],
                    volume: columns[4], adjClose: adjClose ? columns[5] : nil)
    }

    /// Copies column `column` of the current row, which must hold `count` 8-byte values.
    private static func copy(_ stmt: OpaquePointer, column: Int32, count: Int, into target: UnsafeMutableRawPointer) -> Bool {
        guard sqlite3_column_type(stmt, column) == SQLITE_BLOB else { return false }
        // Pointer first, then its length: the order SQLite's documentation asks for.
        guard let blob = sqlite3_column_blob(stmt, column), Int(sqlite3_column_bytes(stmt, column)) == count * 8 else { return false }
        BarBlock.decode(blob, count: count, into: target.assumingMemoryBound(to: UInt64.self), at: 0)
        return true
    }
}

/// Arrays allocated once at their final length and handed out as raw storage to fill,
/// so a loader writes each value once and leaves no spare capacity behind. The arrays
/// count as initialised before `fill` writes them: Int64 and Double are trivial types,
/// so a value `fill` never wrote (it stopped at a damaged block and recorded why) is
/// only meaningless bits, never unsafe to hold or free, and the caller then throws
/// instead of returning the arrays.
enum ColumnAllocation {
    static func make(count: Int, doubles: Int,
                     fill: (UnsafeMutablePointer<Int64>, [UnsafeMutablePointer<Double>]) throws -> Void) rethrows
        -> (time: [Int64], columns: [[Double]]) {
        guard count > 0 else { return ([], [[Double]](repeating: [], count: doubles)) }
        var columns: [[Double]] = []
        var pointers: [UnsafeMutablePointer<Double>] = []
        var time: [Int64] = []
        try withoutActuallyEscaping(fill) { fill in
            // Each array's storage exists only inside its initialiser's closure, so the
            // arrays are nested: the innermost closure sees every buffer at once.
            func level(_ k: Int) throws {
                if k == doubles {
                    time = try [Int64](unsafeUninitializedCapacity: count) { buffer, initialized in
                        guard let base = buffer.baseAddress else { return }
                        initialized = count
                        try fill(base, pointers)
                    }
                    return
                }
                let column = try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
                    guard let base = buffer.baseAddress else { return }
                    initialized = count
                    pointers.append(base)
                    try level(k + 1)
                }
                columns.append(column)
            }
            try level(0)
        }
        return (time, columns.reversed())
    }
}
