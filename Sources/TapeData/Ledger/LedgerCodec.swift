import GRDB
import TapeCore

/// Rows <-> broker values. Decoding never traps: an unexpected value becomes a
/// `LedgerError.corrupt` naming the table, row and column (see `Fields`).
struct LedgerCodec {
    let path: String

    // MARK: Writing

    func write(order o: Order, _ db: Database) throws {
        var p1: Double?, p2: Double?, trail: String?
        switch o.type {
        case .market: break
        case .limit(let l): p1 = l
        case .stop(let s): p1 = s
        case .stopLimit(let s, let l): p1 = s; p2 = l
        case .trailingStop(.amount(let a)): p1 = a; trail = "amount"
        case .trailingStop(.percent(let p)): p1 = p; trail = "percent"
        }
        let legs = o.legs.map { "\($0.side.rawValue) \($0.ratio) \($0.instrument.symbol)" }.joined(separator: "|")
        try db.execute(sql: """
            INSERT OR REPLACE INTO orders (id, client_order_id, legs, side, quantity, sizing, type, price1, price2, trail,
              time_in_force, status, role, parent_id, oco_group, filled_quantity, average_fill_price, submitted_at,
              first_evaluated_day, trail_mark, triggered, last_note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [o.id, o.clientOrderId, legs, o.side.rawValue, o.quantity, o.sizing, o.type.name, p1, p2, trail,
                             o.timeInForce.rawValue, o.status.rawValue, o.role.rawValue, o.parentId, o.ocoGroup,
                             o.filledQuantity, o.averageFillPrice, o.submittedAt, o.firstEvaluatedDay, o.trailMark,
                             o.triggered ? 1 : 0, o.lastNote])
    }

    func write(event e: OrderEvent, seq: Int, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO order_events (seq, order_id, time, kind, detail) VALUES (?, ?, ?, ?, ?)",
                       arguments: [seq, e.orderId, e.time, e.kind.rawValue, e.detail])
    }

    func write(fill f: Fill, seq: Int, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO fills (seq, order_id, time, symbol, side, quantity, price, multiplier, commission, why)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [seq, f.orderId, f.time, f.symbol, f.side.rawValue, f.quantity, f.price,
                             Instrument.parse(f.symbol).multiplier, f.commission, f.why])
    }

    func write(position p: Position, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO positions (symbol, quantity, average_cost, multiplier, realised) VALUES (?, ?, ?, ?, ?)",
                       arguments: [p.instrument.symbol, p.quantity, p.averageCost, p.instrument.multiplier, p.realised])
    }

    func write(account s: BrokerState, startingCash: Double, cursor: Int64?, version: Int64, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO account (id, starting_cash, cash, realised_pnl, commissions, clock, day_start,
              day_start_equity, halted_day, next_oco_group, cursor, version)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [startingCash, s.cash, s.realisedPnL, s.commissions, s.clock, s.dayStart, s.dayStartEquity,
                             s.haltedDay, s.nextOcoGroup, cursor, version])
    }

    /// A broker's breakers, replacing what was stored for it.
    func write(breakers b: BreakerState, broker: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM breakers WHERE broker = ?", arguments: [broker])
        for (key, value) in b.fields {
            try db.execute(sql: "INSERT INTO breakers (broker, key, value) VALUES (?, ?, ?)", arguments: [broker, key, value])
        }
    }

    func readBreakers(broker: String, _ db: Database) throws -> BreakerState {
        var fields: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM breakers WHERE broker = ?", arguments: [broker]) {
            let f = self.fields(row, "breakers")
            fields[try f["key"]] = try f["value"] as String
        }
        if fields.isEmpty { return BreakerState() }
        guard let b = BreakerState(fields: fields) else { throw LedgerError.corrupt(path: path, what: "breakers of \(broker): unreadable values") }
        return b
    }

    func write(config: BrokerConfig, risk: RiskConfig, _ db: Database) throws {
        for (key, _) in BrokerConfig.keys { try setting(key, config.value(key), db) }
        for (key, _) in RiskConfig.keys { try setting(key, risk.value(key), db) }
    }

    private func setting(_ key: String, _ value: String?, _ db: Database) throws {
        guard let value else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", arguments: [key, value])
    }

    // MARK: Reading

    func readSettings(_ db: Database) throws -> (BrokerConfig, RiskConfig) {
        var config = BrokerConfig()
        var risk = RiskConfig()
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM settings") {
            let f = fields(row, "settings")
            let key: String = try f["key"], value: String = try f["value"]
            do {
                if config.value(key) != nil { try config.set(key, value) } else { try risk.set(key, value) }
            } catch {
                throw LedgerError.corrupt(path: path, what: "settings \(key): \(error)")
            }
        }
        return (config, risk)
    }

    func readState(_ db: Database) throws -> (state: BrokerState, cursor: Int64?, version: Int64) {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = 1") else {
            throw LedgerError.corrupt(path: path, what: "no account row")
        }
        let a = fields(row, "account")
        var s = BrokerState(cash: try a["cash"])
        s.realisedPnL = try a["realised_pnl"]
        s.commissions = try a["commissions"]
        s.clock = try a["clock"]
        s.dayStart = try a["day_start"]
        s.dayStartEquity = try a["day_start_equity"]
        s.haltedDay = try a["halted_day"]
        s.nextOcoGroup = try a["next_oco_group"]
        s.breakers = try readBreakers(broker: "sim", db)
        for (i, row) in try Row.fetchAll(db, sql: "SELECT * FROM orders ORDER BY id").enumerated() {
            let o = try order(row)
            guard o.id == i + 1 else { throw LedgerError.corrupt(path: path, what: "orders: expected id \(i + 1), found \(o.id)") }
            s.orders.append(o)
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM order_events ORDER BY seq") {
            let f = fields(row, "order_events")
            s.events.append(try OrderEvent(orderId: f["order_id"], time: f["time"],
                                           kind: decode(OrderEventKind.self, f["kind"], "order_events.kind"), detail: f["detail"]))
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM fills ORDER BY seq") {
            let f = fields(row, "fills")
            s.fills.append(try Fill(orderId: f["order_id"], time: f["time"], symbol: f["symbol"],
                                    side: decode(OrderSide.self, f["side"], "fills.side"), quantity: f["quantity"],
                                    price: f["price"], commission: f["commission"], why: f["why"]))
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM positions") {
            let f = fields(row, "positions")
            let symbol: String = try f["symbol"]
            s.positions[symbol] = try Position(instrument: Instrument.parse(symbol), quantity: f["quantity"],
                                               averageCost: f["average_cost"], realised: f["realised"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM marks") {
            let f = fields(row, "marks")
            s.lastPrice[try f["symbol"]] = try f["price"] as Double
        }
        return (s, try a["cursor"], try a["version"])
    }

    private func order(_ row: Row) throws -> Order {
        let id: Int = try fields(row, "orders")["id"]
        let context = "orders #\(id)"
        let f = fields(row, context)
        var legs: [OrderLeg] = []
        for part in (try f["legs"] as String).split(separator: "|") {
            let f = part.split(separator: " ")
            guard f.count == 3, let side = OrderSide(rawValue: String(f[0])), let ratio = Int(f[1]) else {
                throw LedgerError.corrupt(path: path, what: "\(context): bad leg '\(part)'")
            }
            legs.append(OrderLeg(Instrument.parse(String(f[2])), side: side, ratio: ratio))
        }
        let p1: Double? = try f["price1"], p2: Double? = try f["price2"], trail: String? = try f["trail"]
        let typeName: String = try f["type"]
        let type: OrderType
        switch (typeName, p1, p2, trail) {
        case ("market", _, _, _): type = .market
        case ("limit", let l?, _, _): type = .limit(l)
        case ("stop", let s?, _, _): type = .stop(s)
        case ("stop_limit", let s?, let l?, _): type = .stopLimit(stop: s, limit: l)
        case ("trailing_stop", let a?, _, "amount"): type = .trailingStop(.amount(a))
        case ("trailing_stop", let p?, _, "percent"): type = .trailingStop(.percent(p))
        default: throw LedgerError.corrupt(path: path, what: "\(context): bad order type '\(typeName)'")
        }
        var o = try Order(id: id, clientOrderId: f["client_order_id"], legs: legs,
                          side: decode(OrderSide.self, f["side"], "\(context) side"), quantity: f["quantity"],
                          sizing: f["sizing"], type: type,
                          timeInForce: decode(TimeInForce.self, f["time_in_force"], "\(context) time_in_force"),
                          status: decode(OrderStatus.self, f["status"], "\(context) status"),
                          role: decode(OrderRole.self, f["role"], "\(context) role"),
                          parentId: f["parent_id"], ocoGroup: f["oco_group"], submittedAt: f["submitted_at"])
        o.filledQuantity = try f["filled_quantity"]
        o.averageFillPrice = try f["average_fill_price"]
        o.firstEvaluatedDay = try f["first_evaluated_day"]
        o.trailMark = try f["trail_mark"]
        o.triggered = (try f["triggered"] as Int) != 0
        o.lastNote = try f["last_note"]
        return o
    }

    /// A row read through GRDB's throwing `decode`. GRDB's subscripts `try!` it, so a
    /// value of the wrong type (text in a REAL column, typed in the sqlite3 shell) would
    /// trap; here it is a `corrupt` error naming the table, row and column.
    struct Fields {
        let row: Row
        /// Table (and row) for messages, e.g. `orders #3`.
        let place: String
        let path: String

        subscript<V: DatabaseValueConvertible>(_ column: String) -> V {
            get throws {
                do { return try row.decode(forColumn: column) } catch {
                    let found = row.hasColumn(column) ? "unreadable value \(row[column] as DatabaseValue)" : "missing column"
                    throw LedgerError.corrupt(path: path, what: "\(place) \(column): \(found)")
                }
            }
        }
    }

    func fields(_ row: Row, _ place: String) -> Fields { Fields(row: row, place: place, path: path) }

    private func decode<T: RawRepresentable>(_ type: T.Type, _ raw: String, _ what: String) throws -> T where T.RawValue == String {
        guard let v = T(rawValue: raw) else { throw LedgerError.corrupt(path: path, what: "\(what): unknown value '\(raw)'") }
        return v
    }
}
