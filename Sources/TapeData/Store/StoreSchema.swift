import GRDB

/// The store's schema, as GRDB migrations. Migrations are append-only: a released
/// migration is never edited, a change is a new one, so every user's file upgrades in
/// place. GRDB records applied migrations in the `grdb_migrations` table.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
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
        return m
    }
}
