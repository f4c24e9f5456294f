import Foundation

/// What the front of a broker must remember between orders, and where its refusals are
/// written: the ledger's guard tables (TapeData/Ledger). Each call is one transaction,
/// so a refusal is recorded whole or not at all.
public protocol GuardJournal {
    /// The rules in force (the same `paper risk` rules the simulator uses).
    func riskRules() throws -> RiskConfig
    func breakers(for broker: String) throws -> BreakerState
    /// Stores the breakers and, with them, an event (a refusal, a halt, a resume).
    func record(_ state: BreakerState, event: GuardEvent?, for broker: String) throws
    /// The events recorded for `broker`, oldest first.
    func events(for broker: String) throws -> [GuardEvent]
}

/// A refusal, halt or resume the front recorded.
public struct GuardEvent: Equatable, Sendable {
    public var time: Int64
    public var kind: String
    public var detail: String

    public init(time: Int64, kind: String, detail: String) {
        self.time = time
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(CivilTime.format(time, forceTime: true)) \(kind): \(detail)" }
}

/// The pre-trade checks in front of a broker that does not run them itself (Alpaca): an
/// order is judged by `RiskRules` against the account as the broker reports it, and a
/// refused order never reaches the broker. The refusal (and any halt it trips) is written
/// to the journal in one transaction before the error is thrown.
///
/// The breakers' memory — the peak equity, the day's starting equity, a halt — lives in
/// the journal: Alpaca keeps no such thing. Equity is sampled at each order (the front
/// sees the account only then), and the losing streak is counted from the broker's fills,
/// each close valued against the average cost of the fills before it.
public struct GuardedBroker: PaperBroker {
    public let inner: any PaperBroker
    public let journal: any GuardJournal
    public let market: PreTradeMarket
    /// The option model for orders without a limit price, and for delta exposure.
    public let pricer: OptionPricer?
    public let optionVolatility: Double
    public let optionRate: Double
    /// Prices of symbols the broker holds none of (the loaded datasets' last closes).
    public let lastPrices: @Sendable (String) -> Double?
    /// Now, in seconds since 1970 (the session's clock).
    public let now: @Sendable () -> Int64

    public init(_ inner: any PaperBroker, journal: any GuardJournal, market: PreTradeMarket = .none, pricer: OptionPricer? = nil,
                optionVolatility: Double = 0.2, optionRate: Double = 0, lastPrices: @escaping @Sendable (String) -> Double? = { _ in nil },
                now: @escaping @Sendable () -> Int64) {
        self.inner = inner
        self.journal = journal
        self.market = market
        self.pricer = pricer
        self.optionVolatility = optionVolatility
        self.optionRate = optionRate
        self.lastPrices = lastPrices
        self.now = now
    }

    public var name: String { inner.name }
    public var checksOrders: Bool { true }

    public func submit(_ request: OrderRequest) throws -> [BrokerReceipt] {
        if inner.checksOrders { return try inner.submit(request) }
        let snapshot = try self.snapshot()
        let risk = try journal.riskRules()
        if let v = RiskRules.check(request, account: snapshot, risk: risk, market: market) {
            var state = snapshot.breakers
            if let h = v.halt { state.halt = h }
            try journal.record(state, event: GuardEvent(time: snapshot.clock, kind: "rejected", detail: "\(describe(request)): \(v)"), for: name)
            throw PaperBrokerError.rejected(v.description)
        }
        try journal.record(snapshot.breakers, event: nil, for: name)
        return try inner.submit(request)
    }

    /// The account as the checks see it, with the breakers brought up to date (not stored).
    public func snapshot() throws -> AccountSnapshot {
        let clock = now()
        let account = try inner.account()
        let positions = try inner.positions()
        let orders = try inner.orders(includeClosed: true)
        let fills = try inner.fills()
        var state = try journal.breakers(for: name)
        let day = CivilTime.day(clock) * CivilTime.secondsPerDay
        if state.dayStart != day {
            state.dayStart = day
            state.dayStartEquity = account.equity
        }
        state.peakEquity = max(state.peakEquity, account.equity)
        state.lossStreak = AccountSnapshot.lossStreak(fills, from: state.fillsCounted)
        if let h = state.halt, !h.isActive(at: clock) { state.halt = nil }
        return AccountSnapshot(clock: clock, account: account, positions: positions, orders: orders, breakers: state, pricer: pricer,
                               optionVolatility: optionVolatility, optionRate: optionRate, lastPrices: lastPrices)
    }

    /// Clears a halt: the peak starts again from equity now, the losing streak from the
    /// fills so far. Returns the halt cleared.
    @discardableResult
    public func resume() throws -> Halt? {
        var state = try snapshot().breakers
        let was = state.halt
        state.halt = nil
        state.peakEquity = try inner.account().equity
        state.fillsCounted = try inner.fills().count
        state.lossStreak = 0
        try journal.record(state, event: GuardEvent(time: now(), kind: "resumed", detail: was.map { "cleared \($0.rule)" } ?? "nothing was halted"),
                           for: name)
        return was
    }

    func describe(_ r: OrderRequest) -> String {
        let what = r.sizing.map { "\(f2($0 * 100))% of buying power" } ?? num(r.quantity)
        return "\(r.side.rawValue) \(what) " + r.legs.map { $0.instrument.symbol }.joined(separator: " ")
    }

    public func account() throws -> BrokerAccount { try inner.account() }
    public func orders(includeClosed: Bool) throws -> [BrokerOrder] { try inner.orders(includeClosed: includeClosed) }
    public func positions() throws -> [BrokerPosition] { try inner.positions() }
    public func fills() throws -> [BrokerFill] { try inner.fills() }
    public func why(_ id: String) throws -> [String] { try inner.why(id) }
    public func cancel(_ id: String) throws -> CancelOutcome { try inner.cancel(id) }
}

/// An account as a `PaperBroker` reports it, for the checks.
public struct AccountSnapshot: PreTradeAccount {
    public let clock: Int64
    public let account: BrokerAccount
    public let positions: [BrokerPosition]
    public let orders: [BrokerOrder]
    public let breakers: BreakerState
    let pricer: OptionPricer?
    let optionVolatility: Double
    let optionRate: Double
    let lastPrices: @Sendable (String) -> Double?

    public var equity: Double { account.equity }
    public var buyingPower: Double { account.buyingPower }
    public var grossExposure: Double { positions.reduce(0) { $0 + abs($1.marketValue) } }

    public var holdings: [Instrument: Double] {
        var out: [Instrument: Double] = [:]
        for p in positions where p.quantity != 0 { out[Instrument.parse(p.symbol), default: 0] += p.quantity }
        return out
    }

    public func lastPrice(_ underlying: String) -> Double? {
        if let p = positions.first(where: { $0.symbol == underlying }), let m = p.mark, m > 0 { return m }
        return lastPrices(underlying)
    }

    public func mark(_ instrument: Instrument) -> Double? {
        if let p = positions.first(where: { $0.symbol == instrument.symbol }), let m = p.mark { return m }
        switch instrument {
        case .stock(let s): return lastPrices(s)
        case .option(let c): return lastPrice(c.underlying).flatMap { optionModel(c, spot: $0)?.price }
        }
    }

    public func optionModel(_ c: OptionContract, spot: Double) -> OptionModelOutput? {
        guard let pricer else { return nil }
        let years = Double(c.expiry + CivilTime.secondsPerDay - clock) / (365 * Double(CivilTime.secondsPerDay))
        guard years > 0 else {
            let v = c.intrinsic(at: spot)
            return OptionModelOutput(price: v, delta: v > 0 ? c.right.sign : 0, gamma: 0, theta: 0, vega: 0)
        }
        let v = pricer(OptionModelInput(right: c.right, spot: spot, strike: c.strike, years: years, volatility: optionVolatility, rate: optionRate))
        return v.price.isFinite ? v : nil
    }

    public var canPriceOptions: Bool { pricer != nil }

    public var openOrderCount: Int {
        orders.filter { ["new", "accepted", "pending_new", "partially_filled", "held", "accepted_for_bidding", "pending_replace"].contains($0.status) }.count
    }

    public var recentOrders: [RecentOrder] {
        orders.compactMap { o in
            guard o.status != "rejected", let t = o.submittedAt, let q = o.quantity else { return nil }
            return RecentOrder(id: o.id, side: o.side, legs: [OrderLeg(Instrument.parse(o.symbol), side: .buy)], quantity: q, sizing: nil,
                               submittedAt: t, isExitLeg: o.role == .takeProfit || o.role == .stopLoss)
        }.sorted { $0.submittedAt < $1.submittedAt }
    }

    /// Alpaca charges no commission on shares and options.
    public var commissionRate: Double { 0 }
    public func commission(quantity: Double, price: Double, instrument: Instrument) -> Double { 0 }

    /// Losing closes in a row at the end of `fills`, counting only fills from index
    /// `start` on; each close is valued against the average cost of the fills before it.
    public static func lossStreak(_ fills: [BrokerFill], from start: Int) -> Int {
        var positions: [String: Position] = [:]
        var streak = 0
        for (k, f) in fills.enumerated() {
            let instrument = Instrument.parse(f.symbol)
            var p = positions[f.symbol] ?? Position(instrument: instrument)
            let before = p.quantity
            let pnl = p.apply(side: f.side, quantity: f.quantity, price: f.price) - (f.commission ?? 0)
            positions[f.symbol] = p
            guard k >= start, before != 0, (before > 0) != (f.side == .buy) else { continue }
            if pnl < 0 { streak += 1 } else if pnl > 0 { streak = 0 }
        }
        return streak
    }
}
