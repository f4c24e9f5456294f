import GRDB
import TapeCore

/// The store's schema, as GRDB migrations. Migrations are append-only: a released
/// migration is never edited, a change is a new one, so every user's file upgrades in
/// place. GRDB records applied migrations in the `grdb_migrations` table; a file with a
/// migration this build does not know (written by a newer Tape) is refused, never read
/// with the wrong layout (`Store.init`).
enum StoreSchema {
    /// `path` names the file in the errors a migration throws.
    static func migrator(path: String, control: WorkControl = .none) -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            // One row per symbol: where it came from and a summary for `symbols`.
            try db.execute(sql: """
                CREATE TABLE symbols (
                    symbol        TEXT PRIMARY KEY NOT NULL,
                    source        TEXT NOT NULL DEFAULT '',
                    has_adj_close INTEGER NOT NULL DEFAULT 0,
                    updated_at    INTEGER NOT NULL
                );
                """)
            // Time is seconds since 1970-01-01 in the data's own clock (daily bars at
            // midnight), exactly TapeCore.Bars.time. A missing value is NULL (SQLite
            // stores NaN as NULL). WITHOUT ROWID: the primary key is the natural order.
            try db.execute(sql: """
                CREATE TABLE bars (
                    symbol    TEXT NOT NULL REFERENCES symbols(symbol) ON DELETE CASCADE,
                    time      INTEGER NOT NULL,
                    open      REAL,
                    high      REAL,
                    low       REAL,
                    close     REAL,
                    volume    REAL,
                    adj_close REAL,
                    PRIMARY KEY (symbol, time)
                ) WITHOUT ROWID;
                """)
            // Readable dates for people using the sqlite3 shell.
            try db.execute(sql: """
                CREATE VIEW bars_dated AS
                SELECT symbol,
                       CASE WHEN time % 86400 = 0 THEN date(time, 'unixepoch')
                            ELSE datetime(time, 'unixepoch') END AS date,
                       open, high, low, close, volume, adj_close
                FROM bars;
                """)
            // Content-addressed cache of network bodies: hash = SHA-256 of the body (hex).
            // url_redacted never holds a secret (keys and signatures are masked).
            try db.execute(sql: """
                CREATE TABLE http_cache (
                    hash         TEXT PRIMARY KEY NOT NULL,
                    url_redacted TEXT NOT NULL,
                    fetched_at   INTEGER NOT NULL,
                    body         BLOB NOT NULL
                );
                CREATE INDEX http_cache_url ON http_cache(url_redacted, fetched_at);
                """)
        }
        m.registerMigration("v2") { db in try blocks(db, path: path, control: control) }
        m.registerMigration("v3-iv-history") { db in try Store.createIVHistory(db) }
        return m
    }

    /// v2: bars move from one row each into columnar blocks (BarBlock.swift says why);
    /// `bars` becomes a view of the same columns over them (BarsView.swift), so queries
    /// written for v1 read the same rows; universes saved by name get their member list. Every v1 row is checked before it is moved: a
    /// time that is not an integer or a value that is not a number stops the migration,
    /// which then changes nothing, with the query that finds the row.
    static func blocks(_ db: Database, path: String, control: WorkControl) throws {
        try db.execute(sql: """
            CREATE TABLE bar_blocks (
                symbol     TEXT NOT NULL REFERENCES symbols(symbol) ON DELETE CASCADE,
                first_time INTEGER NOT NULL CHECK (typeof(first_time) = 'integer'),
                last_time  INTEGER NOT NULL CHECK (typeof(last_time) = 'integer' AND last_time >= first_time),
                count      INTEGER NOT NULL CHECK (count BETWEEN 1 AND \(BarBlock.capacity)),
                time       BLOB NOT NULL CHECK (typeof(time) = 'blob' AND length(time) = 8 * count),
                open       BLOB NOT NULL CHECK (typeof(open) = 'blob' AND length(open) = 8 * count),
                high       BLOB NOT NULL CHECK (typeof(high) = 'blob' AND length(high) = 8 * count),
                low        BLOB NOT NULL CHECK (typeof(low) = 'blob' AND length(low) = 8 * count),
                close      BLOB NOT NULL CHECK (typeof(close) = 'blob' AND length(close) = 8 * count),
                volume     BLOB NOT NULL CHECK (typeof(volume) = 'blob' AND length(volume) = 8 * count),
                adj_close  BLOB CHECK (adj_close IS NULL OR (typeof(adj_close) = 'blob' AND length(adj_close) = 8 * count)),
                PRIMARY KEY (symbol, first_time)
            )
            """)
        // The symbols `save universe NAME` saved under NAME (lower case), for
        // `load universe NAME from store`.
        try db.execute(sql: """
            CREATE TABLE universe_members (
                universe TEXT NOT NULL,
                symbol   TEXT NOT NULL REFERENCES symbols(symbol) ON DELETE CASCADE,
                PRIMARY KEY (universe, symbol)
            )
            """)
        for sql in BarsView.helperTables() { try db.execute(sql: sql) }
        try moveRows(db, path: path, control: control)
        try db.execute(sql: "DROP VIEW bars_dated")
        try db.execute(sql: "DROP TABLE bars")
        try db.execute(sql: BarsView.createBars())
        try db.execute(sql: BarsView.createBarsDated)
    }

    /// Copies every v1 row into blocks, symbol by symbol, in time order.
    static func moveRows(_ db: Database, path: String, control: WorkControl) throws {
        if let symbol = try String.fetchOne(db, sql: "SELECT symbol FROM bars WHERE typeof(time) != 'integer' LIMIT 1") {
            throw StoreError.badTime(symbol: symbol, path: path)
        }
        let numeric = BarsView.doubleColumns.map { "typeof(\($0)) NOT IN ('real', 'integer', 'null')" }.joined(separator: " OR ")
        if let symbol = try String.fetchOne(db, sql: "SELECT symbol FROM bars WHERE \(numeric) LIMIT 1") {
            throw StoreError.badValue(symbol: symbol, path: path)
        }
        let symbols = try Row.fetchAll(db, sql: "SELECT symbol, has_adj_close FROM symbols ORDER BY symbol")
        for (k, s) in symbols.enumerated() {
            try control.check()
            control.progress?(k, symbols.count)
            let symbol: String = try s.decode(atIndex: 0)
            let hasAdj: Int = try s.decode(atIndex: 1)
            var b = Bars(symbol: symbol, time: [], open: [], high: [], low: [], close: [], volume: [], adjClose: hasAdj == 1 ? [] : nil)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT time, open, high, low, close, volume, adj_close FROM bars WHERE symbol = ? ORDER BY time
                """, arguments: [symbol])
            func value(_ r: Row, _ i: Int) throws -> Double { try r.decode(Double?.self, atIndex: i) ?? .nan }
            while let r = try rows.next() {
                b.time.append(try r.decode(atIndex: 0))
                b.open.append(try value(r, 1)); b.high.append(try value(r, 2)); b.low.append(try value(r, 3))
                b.close.append(try value(r, 4)); b.volume.append(try value(r, 5))
                if hasAdj == 1 { b.adjClose?.append(try value(r, 6)) }
            }
            try Store.insertBlocks(db, b, 0..<b.count)
        }
    }
}
