import GRDB
import TapeCore

/// The durable paper-trading account: a `SimBroker` whose every state change is written
/// to SQLite in ONE transaction, so a process killed at any instant leaves the file at the
/// state before or after the change, never between.
///
/// - WAL mode (GRDB's DatabasePool): readers never block the writer, and a crash loses at
///   most the transaction in flight.
/// - Every change runs in a `BEGIN IMMEDIATE` transaction that first re-reads the account's
///   `version`; when another connection (another shell, another process) has written
///   since, the state is reloaded before the change is applied. So two connections on one
///   file interleave orders without losing or duplicating any.
/// - Only what changed is written: new and changed orders, appended events and fills,
///   changed positions and marks, the account row.
/// One instance per thread: it caches the account in memory. Any number of instances, in
/// any number of processes, may share the file.
public final class Ledger {
    public let path: String
    private let pool: DatabasePool
    private let codec: LedgerCodec
    private let pricer: OptionPricer?
    private var cached: SimBroker
    private var cachedCursor: Int64?
    private var version: Int64

    /// Opens (creating when missing) the ledger at `path`. A new ledger starts with `config`;
    /// an existing one keeps the settings it stored.
    public init(path: String, config: BrokerConfig = BrokerConfig(), risk: RiskConfig = RiskConfig(),
                pricer: OptionPricer? = nil) throws {
        self.path = path
        self.codec = LedgerCodec(path: path)
        self.pricer = pricer
        var c = Configuration()
        c.busyMode = .timeout(30)   // another connection holds the write lock: wait, do not fail
        if let why = DatabaseOwnership.refusal(path: path, ours: ["account", "orders", "order_events", "fills", "positions", "marks"]) {
            throw LedgerError.database(path: path, message: why)
        }
        do {
            pool = try DatabasePool(path: path, configuration: c)
            try LedgerSchema.migrator().migrate(pool)
        } catch {
            throw LedgerError.database(path: path, message: Ledger.message(error))
        }
        cached = SimBroker(config: config, risk: risk, pricer: pricer)
        version = 0
        let codec = self.codec
        let fresh = cached
        let loaded: (SimBroker, Int64?, Int64) = try Ledger.guarded(path) {
            try pool.writeWithoutTransaction { db in
                var result: (SimBroker, Int64?, Int64)?
                try db.inTransaction(.immediate) {
                    if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") == 0 {
                        try codec.write(config: fresh.config, risk: fresh.risk, db)
                        try codec.write(account: fresh.state, startingCash: fresh.config.startingCash, cursor: nil, version: 1, db)
                    }
                    let (config, risk) = try codec.readSettings(db)
                    let (state, cursor, v) = try codec.readState(db)
                    result = (SimBroker(config: config, risk: risk, state: state, pricer: pricer), cursor, v)
                    return .commit
                }
                guard let result else { throw LedgerError.corrupt(path: path, what: "could not read the account") }
                return result
            }
        }
        (cached, cachedCursor, version) = loaded
    }

    // MARK: Reading

    /// The account as stored now (reloaded when another connection has written).
    public func broker() throws -> SimBroker {
        try refresh()
        return cached
    }

    /// Time of the last bar the market clock processed for this account, nil before any.
    public func cursor() throws -> Int64? {
        try refresh()
        return cachedCursor
    }

    /// Checks the stored account against itself: the accounting identity, cash re-derived
    /// from the fills alone, and SQLite's own integrity check.
    public func check() throws -> LedgerCheck {
        try Ledger.guarded(path) {
            try pool.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT starting_cash, cash, realised_pnl, commissions FROM account WHERE id = 1")
                guard let row else { throw LedgerError.corrupt(path: path, what: "no account row") }
                let a = codec.fields(row, "account")
                let atCost = try Double.fetchOne(db, sql: "SELECT TOTAL(quantity * average_cost * multiplier) FROM positions") ?? 0
                let flows = try Double.fetchOne(db, sql: """
                    SELECT TOTAL(CASE side WHEN 'buy' THEN quantity * price * multiplier ELSE -quantity * price * multiplier END
                                 + commission) FROM fills
                    """) ?? 0
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
                let starting: Double = try a["starting_cash"]
                return try LedgerCheck(identity: Reconciliation(cash: a["cash"], positionsAtCost: atCost, startingCash: starting,
                                                                realisedPnL: a["realised_pnl"], commissions: a["commissions"]),
                                       cashFromFills: starting - flows, integrity: integrity)
            }
        }
    }

    // MARK: Changing

    /// Submits an order; `market` answers the correlation limit's questions about recent
    /// returns.
    @discardableResult
    public func submit(_ request: OrderRequest, market: PreTradeMarket = .none) throws -> Order {
        try change { b, _ in b.submit(request, market: market) }
    }

    /// Clears the simulator's halt (`paper resume`); returns the halt cleared.
    @discardableResult
    public func resume() throws -> Halt? {
        try change { b, _ in b.resume() }
    }

    public func cancel(_ id: Int) throws {
        try change { b, _ in try b.cancel(id) }
    }

    /// Processes one bar (outside a clock), in one transaction.
    public func process(bar: PriceBar, symbol: String) throws {
        try change { b, _ in b.process(bar: bar, symbol: symbol) }
    }

    /// Steps the clock `count` bar times, each step (every series' bar at that time, the
    /// fills, and the strategy's new orders) in its own transaction with the new cursor.
    @discardableResult
    public func step(_ clock: inout MarketClock, count: Int, signal: AutoSignal? = nil) throws -> Int {
        var done = 0
        while done < count, clock.nextTime != nil {
            try advance(&clock, signal: signal)
            done += 1
        }
        return done
    }

    /// Starts a clock that has not run yet at `time` (`MarketClock.start(at:)`), in one
    /// transaction with the new cursor.
    public func start(_ clock: inout MarketClock, at time: Int64) throws {
        var trial = clock
        try change { b, cursor in
            trial.start(at: time, &b)
            cursor = trial.cursor
        }
        clock = trial
    }

    /// Steps through every bar time up to and including `until`.
    @discardableResult
    public func run(_ clock: inout MarketClock, until: Int64, signal: AutoSignal? = nil) throws -> Int {
        var done = 0
        while let t = clock.nextTime, t <= until {
            try advance(&clock, signal: signal)
            done += 1
        }
        return done
    }

    public func setRisk(_ key: String, _ value: String) throws {
        try change { b, _ in try b.risk.set(key, value) }
    }

    public func setConfig(_ key: String, _ value: String) throws {
        try change { b, _ in
            var c = b.config
            try c.set(key, value)
            b.reconfigure(c)
        }
    }

    /// Empties the account: every order, fill and position is deleted and cash returns to
    /// the starting cash (of `config` when given, else of the stored settings).
    public func reset(config: BrokerConfig? = nil) throws {
        let codec = self.codec
        let pricer = self.pricer
        let current = try broker()
        let fresh = SimBroker(config: config ?? current.config, risk: current.risk, pricer: pricer)
        let newVersion: Int64 = try Ledger.guarded(path) {
            try pool.writeWithoutTransaction { db in
                var v: Int64 = 0
                try db.inTransaction(.immediate) {
                    v = (try Int64.fetchOne(db, sql: "SELECT version FROM account WHERE id = 1") ?? 0) + 1
                    for table in ["order_events", "fills", "orders", "positions", "marks", "settings"] {
                        try db.execute(sql: "DELETE FROM \(table)")
                    }
                    try db.execute(sql: "DELETE FROM breakers WHERE broker = 'sim'")
                    try codec.write(config: fresh.config, risk: fresh.risk, db)
                    try codec.write(account: fresh.state, startingCash: fresh.config.startingCash, cursor: nil, version: v, db)
                    return .commit
                }
                return v
            }
        }
        cached = fresh
        cachedCursor = nil
        version = newVersion
    }

    // MARK: Undo

    /// The account as it stands in memory, for `rollBack(to:)`: an undo point, cheap to
    /// take before every command (unlike `snapshot()`, a copy of the whole file).
    public struct Checkpoint {
        fileprivate let broker: SimBroker
        fileprivate let cursor: Int64?
        fileprivate let version: Int64
    }

    public func checkpoint() throws -> Checkpoint {
        try refresh()
        return Checkpoint(broker: cached, cursor: cachedCursor, version: version)
    }

    /// Puts the account back as it was at `checkpoint`, in one transaction: how the shell
    /// undoes a command that Ctrl-C cancelled after it had traded (a `replay` of orders).
    /// Nothing happens when nothing changed since, and nothing when another connection
    /// wrote last: its orders are not this command's to take back. Returns whether the
    /// account was rewritten.
    @discardableResult
    public func rollBack(to checkpoint: Checkpoint) throws -> Bool {
        let codec = self.codec
        let known = version
        let empty = SimBroker(config: checkpoint.broker.config, risk: checkpoint.broker.risk, pricer: pricer)
        let newVersion: Int64? = try Ledger.guarded(path) {
            try pool.writeWithoutTransaction { db in
                var v: Int64?
                try db.inTransaction(.immediate) {
                    let stored = try Int64.fetchOne(db, sql: "SELECT version FROM account WHERE id = 1") ?? 0
                    guard stored != checkpoint.version, stored == known else { return .rollback }
                    for table in ["order_events", "fills", "orders", "positions", "marks", "settings"] {
                        try db.execute(sql: "DELETE FROM \(table)")
                    }
                    try db.execute(sql: "DELETE FROM breakers WHERE broker = 'sim'")
                    try codec.write(config: checkpoint.broker.config, risk: checkpoint.broker.risk, db)
                    // Written as the change from an empty account: every row of the checkpoint.
                    try Ledger.persist(before: empty, after: checkpoint.broker, cursor: checkpoint.cursor, version: stored + 1,
                                       codec: codec, db)
                    v = stored + 1
                    return .commit
                }
                return v
            }
        }
        guard let newVersion else { return false }
        (cached, cachedCursor, version) = (checkpoint.broker, checkpoint.cursor, newVersion)
        return true
    }

    // MARK: Internals

    private func advance(_ clock: inout MarketClock, signal: AutoSignal?) throws {
        var trial = clock
        try change { b, cursor in
            trial.advance(&b, signal: signal)
            cursor = trial.cursor
        }
        clock = trial
    }

    /// Applies `body` to the current stored state and writes what changed, all inside one
    /// IMMEDIATE transaction. The in-memory copy is replaced only after the commit.
    @discardableResult
    private func change<T>(_ body: (inout SimBroker, inout Int64?) throws -> T) throws -> T {
        let codec = self.codec
        let pricer = self.pricer
        var known = (cached, cachedCursor, version)
        let (result, after, cursor, v): (T, SimBroker, Int64?, Int64) = try Ledger.guarded(path) {
            try pool.writeWithoutTransaction { db in
                var out: (T, SimBroker, Int64?, Int64)?
                try db.inTransaction(.immediate) {
                    let stored = try Int64.fetchOne(db, sql: "SELECT version FROM account WHERE id = 1") ?? 0
                    if stored != known.2 {
                        let (config, risk) = try codec.readSettings(db)
                        let (state, cur, v) = try codec.readState(db)
                        known = (SimBroker(config: config, risk: risk, state: state, pricer: pricer), cur, v)
                    }
                    let before = known.0
                    var b = before
                    var cursor = known.1
                    let r = try body(&b, &cursor)
                    try Ledger.persist(before: before, after: b, cursor: cursor, version: stored + 1, codec: codec, db)
                    out = (r, b, cursor, stored + 1)
                    return .commit
                }
                guard let out else { throw LedgerError.corrupt(path: path, what: "transaction produced no result") }
                return out
            }
        }
        cached = after
        cachedCursor = cursor
        version = v
        return result
    }

    private static func persist(before: SimBroker, after: SimBroker, cursor: Int64?, version: Int64, codec: LedgerCodec,
                                _ db: Database) throws {
        let s0 = before.state, s1 = after.state
        // A closed order never changes again, so only orders open before (or new) can differ.
        for i in s1.orders.indices where i >= s0.orders.count || (s0.orders[i].status.isOpen && s0.orders[i] != s1.orders[i]) {
            try codec.write(order: s1.orders[i], db)
        }
        for i in s0.events.count..<max(s0.events.count, s1.events.count) {
            try codec.write(event: s1.events[i], seq: i + 1, db)
        }
        for i in s0.fills.count..<max(s0.fills.count, s1.fills.count) {
            try codec.write(fill: s1.fills[i], seq: i + 1, db)
        }
        for (symbol, p) in s1.positions where s0.positions[symbol] != p {
            try codec.write(position: p, db)
        }
        for (symbol, price) in s1.lastPrice where s0.lastPrice[symbol] != price {
            try db.execute(sql: "INSERT OR REPLACE INTO marks (symbol, price) VALUES (?, ?)", arguments: [symbol, price])
        }
        if s0.breakers != s1.breakers {
            try codec.write(breakers: s1.breakers, broker: "sim", db)
        }
        if before.config != after.config || before.risk != after.risk {
            try codec.write(config: after.config, risk: after.risk, db)
        }
        try codec.write(account: s1, startingCash: after.config.startingCash, cursor: cursor, version: version, db)
    }

    /// A read of the guard tables (Ledger+Journal.swift).
    func readJournal<T>(_ body: (Database, LedgerCodec) throws -> T) throws -> T {
        let codec = self.codec
        return try Ledger.guarded(path) { try pool.read { db in try body(db, codec) } }
    }

    /// A write to the guard tables in one IMMEDIATE transaction. The account's version is
    /// not bumped: the simulator's state is untouched.
    func writeJournal(_ body: (Database, LedgerCodec) throws -> Void) throws {
        let codec = self.codec
        try Ledger.guarded(path) {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try body(db, codec)
                    return .commit
                }
            }
        }
    }

    private func refresh() throws {
        let stored: Int64 = try Ledger.guarded(path) {
            try pool.read { db in try Int64.fetchOne(db, sql: "SELECT version FROM account WHERE id = 1") ?? 0 }
        }
        guard stored != version else { return }
        let codec = self.codec
        let pricer = self.pricer
        let (b, cur, v): (SimBroker, Int64?, Int64) = try Ledger.guarded(path) {
            try pool.read { db in
                let (config, risk) = try codec.readSettings(db)
                let (state, cursor, v) = try codec.readState(db)
                return (SimBroker(config: config, risk: risk, state: state, pricer: pricer), cursor, v)
            }
        }
        (cached, cachedCursor, version) = (b, cur, v)
    }

    /// Runs a database operation, turning GRDB's errors into one-line `LedgerError`s
    /// (broker and ledger errors pass through).
    private static func guarded<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as DatabaseError {
            throw LedgerError.database(path: path, message: message(e))
        }
    }

    private static func message(_ error: Error) -> String {
        if let e = error as? DatabaseError {
            // The SQLite message only: GRDB's full description carries the SQL text.
            return e.message ?? "SQLite error \(e.resultCode.rawValue)"
        }
        return "\(error)"
    }
}

/// The result of `Ledger.check()`: consistent when the identity balances, the cash the
/// fills imply equals the stored cash, and SQLite reports "ok".
public struct LedgerCheck: Equatable, Sendable, CustomStringConvertible {
    public var identity: Reconciliation
    public var cashFromFills: Double
    public var integrity: String

    public var isConsistent: Bool {
        identity.balances && abs(cashFromFills - identity.cash) <= 1e-6 * max(1, abs(identity.startingCash)) && integrity == "ok"
    }

    public var description: String {
        func f2(_ x: Double) -> String { Format.fixed(x, 2) }
        let i = identity
        return "cash \(f2(i.cash)) + positions at cost \(f2(i.positionsAtCost)) = \(f2(i.cash + i.positionsAtCost)); "
            + "starting cash \(f2(i.startingCash)) + realised \(f2(i.realisedPnL)) - commissions \(f2(i.commissions)) = "
            + "\(f2(i.startingCash + i.realisedPnL - i.commissions)); cash from fills \(f2(cashFromFills)); sqlite " + integrity
    }
}
