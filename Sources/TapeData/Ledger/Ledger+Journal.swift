import GRDB
import TapeCore

/// The ledger as the journal of the checks in front of a broker that does not run them
/// itself (Alpaca): the rules are the simulator's own (`paper risk` sets one set for
/// every broker), and each broker's breakers and refusals are kept apart by name.
extension Ledger: GuardJournal {
    public func riskRules() throws -> RiskConfig { try broker().risk }

    public func breakers(for broker: String) throws -> BreakerState {
        if broker == "sim" { return try self.broker().breakers }
        return try readJournal { db, codec in try codec.readBreakers(broker: broker, db) }
    }

    public func record(_ state: BreakerState, event: GuardEvent?, for broker: String) throws {
        // The simulator's breakers change with its state, in its own transactions.
        guard broker != "sim" else { throw LedgerError.database(path: path, message: "the simulator keeps its breakers in its account") }
        try writeJournal { db, codec in
            try codec.write(breakers: state, broker: broker, db)
            if let e = event {
                try db.execute(sql: "INSERT INTO guard_events (broker, time, kind, detail) VALUES (?, ?, ?, ?)",
                               arguments: [broker, e.time, e.kind, e.detail])
            }
        }
    }

    public func events(for broker: String) throws -> [GuardEvent] {
        try readJournal { db, codec in
            try Row.fetchAll(db, sql: "SELECT time, kind, detail FROM guard_events WHERE broker = ? ORDER BY seq", arguments: [broker]).map { row in
                let f = codec.fields(row, "guard_events")
                return GuardEvent(time: try f["time"], kind: try f["kind"], detail: try f["detail"])
            }
        }
    }
}
