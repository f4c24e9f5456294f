import GRDB

/// The paper-trading ledger's tables. One row per order (updated in place as it fills),
/// append-only events and fills, current positions and marks, and key/value settings
/// for the broker's assumptions and risk rules. Doubles are stored as REAL (8-byte IEEE),
/// so a reopened ledger rebuilds the broker's state bit for bit.
enum LedgerSchema {
    static func migrator() -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
            CREATE TABLE account (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                starting_cash REAL NOT NULL,
                cash REAL NOT NULL,
                realised_pnl REAL NOT NULL,
                commissions REAL NOT NULL,
                clock INTEGER NOT NULL,
                day_start INTEGER,
                day_start_equity REAL NOT NULL,
                halted_day INTEGER,
                next_oco_group INTEGER NOT NULL,
                cursor INTEGER,              -- time of the last bar the market clock processed
                version INTEGER NOT NULL     -- bumped by every transaction: other connections reload on change
            );
            CREATE TABLE orders (
                id INTEGER PRIMARY KEY,
                client_order_id TEXT NOT NULL UNIQUE,
                legs TEXT NOT NULL,          -- "buy 1 SPY|sell 1 SPY240131C00110000": side ratio symbol
                side TEXT NOT NULL,
                quantity REAL NOT NULL,
                sizing REAL,
                type TEXT NOT NULL,          -- market, limit, stop, stop_limit, trailing_stop
                price1 REAL,                 -- limit, stop, or the stop of a stop-limit, or the trail
                price2 REAL,                 -- the limit of a stop-limit
                trail TEXT,                  -- amount or percent
                time_in_force TEXT NOT NULL,
                status TEXT NOT NULL,
                role TEXT NOT NULL,
                parent_id INTEGER REFERENCES orders(id),
                oco_group INTEGER,
                filled_quantity REAL NOT NULL,
                average_fill_price REAL NOT NULL,
                submitted_at INTEGER NOT NULL,
                first_evaluated_day INTEGER,
                trail_mark REAL,
                triggered INTEGER NOT NULL,
                last_note TEXT NOT NULL
            );
            CREATE TABLE order_events (
                seq INTEGER PRIMARY KEY,
                order_id INTEGER NOT NULL REFERENCES orders(id),
                time INTEGER NOT NULL,
                kind TEXT NOT NULL,
                detail TEXT NOT NULL
            );
            CREATE INDEX order_events_by_order ON order_events(order_id);
            CREATE TABLE fills (
                seq INTEGER PRIMARY KEY,
                order_id INTEGER REFERENCES orders(id),   -- NULL for expiry settlements
                time INTEGER NOT NULL,
                symbol TEXT NOT NULL,
                side TEXT NOT NULL,
                quantity REAL NOT NULL,
                price REAL NOT NULL,
                multiplier REAL NOT NULL,
                commission REAL NOT NULL,
                why TEXT NOT NULL
            );
            CREATE TABLE positions (
                symbol TEXT PRIMARY KEY,
                quantity REAL NOT NULL,
                average_cost REAL NOT NULL,
                multiplier REAL NOT NULL,
                realised REAL NOT NULL
            );
            CREATE TABLE marks (
                symbol TEXT PRIMARY KEY,
                price REAL NOT NULL
            );
            CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            """)
        }
        // The circuit breakers' memory and the refusals of the checks in front of a broker
        // that does not check orders itself (docs/RISK.md): per broker, so Alpaca's halts
        // and the simulator's never mix.
        m.registerMigration("v2-breakers") { db in
            try db.execute(sql: """
            CREATE TABLE breakers (
                broker TEXT NOT NULL,        -- sim, alpaca
                key TEXT NOT NULL,           -- peak_equity, loss_streak, halt_rule, ...
                value TEXT NOT NULL,
                PRIMARY KEY (broker, key)
            );
            CREATE TABLE guard_events (
                seq INTEGER PRIMARY KEY,
                broker TEXT NOT NULL,
                time INTEGER NOT NULL,
                kind TEXT NOT NULL,          -- rejected, resumed
                detail TEXT NOT NULL
            );
            """)
        }
        return m
    }
}
