import Foundation
import GRDB

/// Tape opens only its own SQLite files. A path that names another program's database
/// (a browser's history, another tool's data) is refused before Tape's migrations would
/// add tables to it: the file is looked at through a read-only connection, so a refused
/// file is not changed at all (not even its journal mode). A missing or empty file is a
/// new store or ledger.
enum DatabaseOwnership {
    /// Why `path` is not a Tape database of the kind whose tables are `ours`, or nil when
    /// it is one (or is new).
    static func refusal(path: String, ours: Set<String>) -> String? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_size > 0 else { return nil }
        var config = Configuration()
        config.readonly = true
        let tables: [String]
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            tables = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            }
        } catch {
            return "it is not a SQLite database"
        }
        let own = tables.filter { ours.contains($0) }
        guard own.isEmpty, !tables.filter({ $0 != "grdb_migrations" }).isEmpty else { return nil }
        return "it is another program's SQLite database (tables: \(tables.prefix(5).joined(separator: ", "))"
            + (tables.count > 5 ? ", ..." : "") + "), not Tape's"
    }
}
