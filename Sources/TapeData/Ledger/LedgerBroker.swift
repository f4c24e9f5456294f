import TapeCore

/// The simulated broker behind the `paper` subcommands: `SimBroker`'s rules on the
/// durable ledger, answering in `PaperBroker`'s broker-neutral values. Its clock, risk
/// rules, costs and checks are the ledger's own (`Ledger.step`, `setRisk`, `check`, ...).
public struct LedgerBroker: PaperBroker {
    public let ledger: Ledger
    /// Recent returns for the correlation limit (the shell's loaded datasets).
    public let market: PreTradeMarket
    public var name: String { "sim" }
    /// `SimBroker.submit` runs the pre-trade checks inside the ledger's transaction.
    public var checksOrders: Bool { true }

    public init(_ ledger: Ledger, market: PreTradeMarket = .none) {
        self.ledger = ledger
        self.market = market
    }

    public func account() throws -> BrokerAccount {
        let b = try ledger.broker()
        let today = CivilTime.day(b.state.clock) * CivilTime.secondsPerDay
        return BrokerAccount(asOf: b.state.lastPrice.isEmpty ? nil : b.state.clock, cash: b.cash, equity: b.equity,
                            buyingPower: b.buyingPower, realisedPnL: b.state.realisedPnL, unrealisedPnL: b.unrealisedPnL,
                            commissions: b.state.commissions, positions: b.positions.count, openOrders: b.openOrders.count,
                            haltedDay: b.state.haltedDay == today ? today : nil)
    }

    /// The order and the bracket or OCO legs it created, each with its first event; a
    /// rejected order (kept in the ledger with its reason) throws that reason.
    public func submit(_ request: OrderRequest) throws -> [BrokerReceipt] {
        let o = try ledger.submit(request, market: market)
        let b = try ledger.broker()
        func note(_ id: Int) -> String { b.state.events.first { $0.orderId == id }?.detail ?? "" }
        if o.status == .rejected {
            throw PaperBrokerError.rejected(b.state.events.last { $0.orderId == o.id }?.detail ?? "order rejected")
        }
        // Ids are positions in the order list; another process may have reset the ledger
        // between the submission and this read, so the list can be shorter than o.id.
        return b.orders.dropFirst(o.id - 1)
            .filter { $0.id == o.id || $0.parentId == o.id || ($0.ocoGroup != nil && $0.ocoGroup == o.ocoGroup) }
            .map { BrokerReceipt(id: String($0.id), note: note($0.id)) }
    }

    public func orders(includeClosed: Bool) throws -> [BrokerOrder] {
        let b = try ledger.broker()
        return (includeClosed ? b.orders : b.openOrders).map { o in
            BrokerOrder(id: String(o.id), side: o.side, quantity: o.quantity == 0 && o.sizing != nil ? nil : o.quantity,
                       symbol: o.symbol, type: o.type, typeName: o.type.name, role: o.role, timeInForce: o.timeInForce.rawValue,
                       status: o.status.rawValue, filledQuantity: o.filledQuantity,
                       averageFillPrice: o.filledQuantity > 0 ? o.averageFillPrice : nil, submittedAt: o.submittedAt)
        }
    }

    public func positions() throws -> [BrokerPosition] {
        let b = try ledger.broker()
        return b.positions.map { p in
            BrokerPosition(symbol: p.instrument.symbol, quantity: p.quantity, averageCost: p.averageCost, mark: b.mark(p.instrument),
                          marketValue: b.marketValue(p), unrealisedPnL: b.unrealisedPnL(p), realisedPnL: p.realised, greeks: b.greeks(p))
        }
    }

    public func fills() throws -> [BrokerFill] {
        try ledger.broker().fills.map { f in
            BrokerFill(time: f.time, orderId: f.orderId.map { String($0) }, side: f.side, quantity: f.quantity, symbol: f.symbol,
                      price: f.price, commission: f.commission)
        }
    }

    public func why(_ id: String) throws -> [String] {
        let b = try ledger.broker()
        guard let n = Self.number(id), b.order(n) != nil else { throw PaperBrokerError.noSuchOrder(id) }
        return b.why(n)
    }

    public func cancel(_ id: String) throws -> CancelOutcome {
        guard let n = Self.number(id) else { throw PaperBrokerError.noSuchOrder(id) }
        try ledger.cancel(n)
        return .cancelled
    }

    /// The simulator's ids are order numbers, `3` or `#3`.
    static func number(_ id: String) -> Int? {
        guard let n = Int(id.hasPrefix("#") ? String(id.dropFirst()) : id), n > 0 else { return nil }
        return n
    }
}
