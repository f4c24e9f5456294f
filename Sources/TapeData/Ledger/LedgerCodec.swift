import GRDB
import TapeCore

/// Rows <-> broker values. Decoding never traps: an unexpected value becomes a
/// `LedgerError.corrupt` naming the table, row and column.
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
            let key: String = row["key"], value: String = row["value"]
            do {
                if config.value(key) != nil { try config.set(key, value) } else { try risk.set(key, value) }
            } catch {
                throw LedgerError.corrupt(path: path, what: "settings \(key): \(error)")
            }
        }
        return (config, risk)
    }

    func readState(_ db: Database) throws -> (state: BrokerState, cursor: Int64?, version: Int64) {
        guard let a = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = 1") else {
            throw LedgerError.corrupt(path: path, what: "no account row")
        }
        var s = BrokerState(cash: a["cash"])
        s.realisedPnL = a["realised_pnl"]
        s.commissions = a["commissions"]
        s.clock = a["clock"]
        s.dayStart = a["day_start"]
        s.dayStartEquity = a["day_start_equity"]
        s.haltedDay = a["halted_day"]
        s.nextOcoGroup = a["next_oco_group"]
        for (i, row) in try Row.fetchAll(db, sql: "SELECT * FROM orders ORDER BY id").enumerated() {
            let o = try order(row)
            guard o.id == i + 1 else { throw LedgerError.corrupt(path: path, what: "orders: expected id \(i + 1), found \(o.id)") }
            s.orders.append(o)
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM order_events ORDER BY seq") {
            s.events.append(OrderEvent(orderId: row["order_id"], time: row["time"],
                                       kind: try decode(OrderEventKind.self, row["kind"], "order_events.kind"), detail: row["detail"]))
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM fills ORDER BY seq") {
            s.fills.append(Fill(orderId: row["order_id"], time: row["time"], symbol: row["symbol"],
                                side: try decode(OrderSide.self, row["side"], "fills.side"), quantity: row["quantity"],
                                price: row["price"], commission: row["commission"], why: row["why"]))
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM positions") {
            let symbol: String = row["symbol"]
            s.positions[symbol] = Position(instrument: Instrument.parse(symbol), quantity: row["quantity"],
                                           averageCost: row["average_cost"], realised: row["realised"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM marks") {
            s.lastPrice[row["symbol"]] = row["price"] as Double
        }
        return (s, a["cursor"], a["version"])
    }

    private func order(_ row: Row) throws -> Order {
        let id: Int = row["id"]
        let where_ = "orders #\(id)"
        var legs: [OrderLeg] = []
        for part in (row["legs"] as String).split(separator: "|") {
            let f = part.split(separator: " ")
            guard f.count == 3, let side = OrderSide(rawValue: String(f[0])), let ratio = Int(f[1]) else {
                throw LedgerError.corrupt(path: path, what: "\(where_): bad leg '\(part)'")
            }
            legs.append(OrderLeg(Instrument.parse(String(f[2])), side: side, ratio: ratio))
        }
        let p1: Double? = row["price1"], p2: Double? = row["price2"], trail: String? = row["trail"]
        let typeName: String = row["type"]
        let type: OrderType
        switch (typeName, p1, p2, trail) {
        case ("market", _, _, _): type = .market
        case ("limit", let l?, _, _): type = .limit(l)
        case ("stop", let s?, _, _): type = .stop(s)
        case ("stop_limit", let s?, let l?, _): type = .stopLimit(stop: s, limit: l)
        case ("trailing_stop", let a?, _, "amount"): type = .trailingStop(.amount(a))
        case ("trailing_stop", let p?, _, "percent"): type = .trailingStop(.percent(p))
        default: throw LedgerError.corrupt(path: path, what: "\(where_): bad order type '\(typeName)'")
        }
        var o = Order(id: id, clientOrderId: row["client_order_id"], legs: legs,
                      side: try decode(OrderSide.self, row["side"], "\(where_) side"), quantity: row["quantity"],
                      sizing: row["sizing"], type: type,
                      timeInForce: try decode(TimeInForce.self, row["time_in_force"], "\(where_) time_in_force"),
                      status: try decode(OrderStatus.self, row["status"], "\(where_) status"),
                      role: try decode(OrderRole.self, row["role"], "\(where_) role"),
                      parentId: row["parent_id"], ocoGroup: row["oco_group"], submittedAt: row["submitted_at"])
        o.filledQuantity = row["filled_quantity"]
        o.averageFillPrice = row["average_fill_price"]
        o.firstEvaluatedDay = row["first_evaluated_day"]
        o.trailMark = row["trail_mark"]
        o.triggered = (row["triggered"] as Int) != 0
        o.lastNote = row["last_note"]
        return o
    }

    private func decode<T: RawRepresentable>(_ type: T.Type, _ raw: String, _ what: String) throws -> T where T.RawValue == String {
        guard let v = T(rawValue: raw) else { throw LedgerError.corrupt(path: path, what: "\(what): unknown value '\(raw)'") }
        return v
    }
}
