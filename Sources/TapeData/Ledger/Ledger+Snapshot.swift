import Foundation
import GRDB
import TapeCore

/// A ledger's whole state as bytes, so a recorded session can name the account it started
/// from (by hash, the bytes kept in the cache) and a replay can start a scratch copy from
/// exactly that state: same cash, positions, open orders and next order id.
extension Ledger {
    /// A consistent copy of the ledger file (SQLite's `VACUUM INTO`, which reads one
    /// snapshot of the database even while other connections write).
    public func snapshot() throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-ledger-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("ledger.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
        } catch let e as DatabaseError {
            throw LedgerError.database(path: path, message: e.message ?? "SQLite error \(e.resultCode.rawValue)")
        }
        guard let data = FileManager.default.contents(atPath: copy) else {
            throw LedgerError.database(path: path, message: "could not read the snapshot")
        }
        return data
    }

    /// Writes `data` (from `snapshot()`) as a new ledger file at `path` and opens it. The
    /// bytes must be a ledger: anything else is refused before it is opened.
    public static func restore(_ data: Data, to path: String, pricer: OptionPricer? = nil) throws -> Ledger {
        guard data.count >= 100, data.prefix(16) == Data("SQLite format 3\0".utf8) else {
            throw LedgerError.corrupt(path: path, what: "the snapshot is not a SQLite database")
        }
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw LedgerError.database(path: path, message: "cannot write the scratch ledger")
        }
        return try Ledger(path: path, pricer: pricer)
    }
}
