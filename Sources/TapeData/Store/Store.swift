import Foundation
import GRDB
import TapeCore

/// The user's local market-data store: one SQLite file, readable with the `sqlite3`
/// shell (schema in docs/DATA.md).
///
/// WAL journal mode (through GRDB's `DatabasePool`) so a reader such as `sqlite3` can
/// look at the file while Tape writes; every write runs in one transaction, so a crash or
/// Ctrl-C never leaves half a save behind.
public final class Store {
    public let path: String
    let pool: DatabasePool
    /// The most bytes of network bodies the cache keeps (`cachePut` evicts the oldest).
    public var cacheLimitBytes = Store.defaultCacheLimitBytes

    /// Opens (creating if needed) the store at `path`, creating parent folders and
    /// running any pending migrations (`migration` reports and may stop a long one, which
    /// then leaves the file as it was). A file written by a newer Tape is refused.
    public init(path: String, migration: WorkControl = .none) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if let why = DatabaseOwnership.refusal(path: path, ours: ["symbols", "bars", "bar_blocks", "universe_members", "http_cache"]) {
            throw StoreError.cannotOpen(path: path, reason: why)
        }
        do {
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            var config = Configuration()
            config.foreignKeysEnabled = true
            pool = try DatabasePool(path: path, configuration: config)
            let migrator = StoreSchema.migrator(path: path, control: migration)
            let unknown = try pool.read { db in try migrator.appliedIdentifiers(db).subtracting(migrator.migrations) }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, migrations: unknown.sorted()) }
            try migrator.migrate(pool)
        } catch let e as StoreError {
            throw e
        } catch let e as WorkCancelled {
            throw e
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Store.oneLine(error))
        }
    }

    /// `$XDG_DATA_HOME/tape/store.db`, else `~/.local/share/tape/store.db` (the XDG Base
    /// Directory default), so data lives where the user keeps application data.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return xdg + "/tape/store.db"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/tape/store.db"
    }

    /// The migrations applied to this file, oldest first (e.g. `["v1"]`).
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try StoreSchema.migrator(path: path).appliedIdentifiers(db).sorted() }
    }

    /// The journal mode SQLite reports (expected `wal`).
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    static func validSymbol(_ s: String) -> Bool {
        guard (1...32).contains(s.count) else { return false }
        return s.unicodeScalars.allSatisfy { c in
            CharacterSet.alphanumerics.contains(c) && c.isASCII || ".-_^".unicodeScalars.contains(c)
        }
    }

    static func oneLine(_ error: Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
