import GRDB
import TapeCore

/// Implied-volatility history: one at-the-money figure per symbol and quote date at a
/// constant maturity (`chain save` writes it from a loaded chain), from which `suggest`
/// reads IV rank and IV percentile. Kept apart from the bars: a chain's date need not be a
/// bar's, and a symbol may have IV history without stored bars.
extension Store {
    /// v3: the table (schema in docs/DATA.md).
    static func createIVHistory(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE iv_history (
                symbol TEXT NOT NULL,
                date   INTEGER NOT NULL CHECK (typeof(date) = 'integer'),
                days   REAL NOT NULL CHECK (days > 0),
                atm_iv REAL NOT NULL CHECK (atm_iv > 0),
                source TEXT NOT NULL,
                PRIMARY KEY (symbol, date)
            )
            """)
    }

    /// Stores `vol` for `symbol` on quote date `date` (a CivilTime day start), replacing a
    /// figure already there for that date: a chain saved twice is one point, the latest.
    public func saveIV(symbol: String, date: Int64, days: Double, vol: Double, source: String) throws {
        guard Store.validSymbol(symbol) else { throw StoreError.badSymbol(symbol) }
        do {
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO iv_history (symbol, date, days, atm_iv, source) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (symbol, date) DO UPDATE SET days = excluded.days, atm_iv = excluded.atm_iv, source = excluded.source
                    """, arguments: [symbol, date, days, vol, source])
            }
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Store.oneLine(error))
        }
    }

    /// The stored figures of `symbol`, oldest first.
    public func ivHistory(symbol: String) throws -> [(date: Int64, vol: Double)] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT date, atm_iv FROM iv_history WHERE symbol = ? ORDER BY date", arguments: [symbol])
                    .map { (try $0.decode(Int64.self, atIndex: 0), try $0.decode(Double.self, atIndex: 1)) }
            }
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Store.oneLine(error))
        }
    }
}
