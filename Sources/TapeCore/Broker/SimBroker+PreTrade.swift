/// The simulator as the pre-trade checks see it: its own state, its option model and its
/// costs. `SimBroker.submit` runs the checks on it inside the ledger's transaction, so
/// what they read is what the order will meet.
extension SimBroker: PreTradeAccount {
    public var clock: Int64 { state.clock }

    public var holdings: [Instrument: Double] {
        var out: [Instrument: Double] = [:]
        for p in state.positions.values where p.quantity != 0 { out[p.instrument, default: 0] += p.quantity }
        return out
    }

    public func lastPrice(_ underlying: String) -> Double? { state.lastPrice[underlying] }

    public func optionModel(_ c: OptionContract, spot: Double) -> OptionModelOutput? { optionValue(c, spot: spot, at: state.clock) }

    public var canPriceOptions: Bool { pricer != nil }

    public var openOrderCount: Int { state.orders.reduce(0) { $1.status.isOpen ? $0 + 1 : $0 } }

    public var recentOrders: [RecentOrder] {
        state.orders.compactMap { o in
            o.status == .rejected ? nil : RecentOrder(id: String(o.id), side: o.side, legs: o.legs, quantity: o.quantity, sizing: o.sizing,
                                                      submittedAt: o.submittedAt, isExitLeg: o.role == .takeProfit || o.role == .stopLoss)
        }
    }

    public var commissionRate: Double { config.commission.rate }

    public func commission(quantity: Double, price: Double, instrument: Instrument) -> Double {
        config.commission.commission(quantity: quantity, price: price, instrument: instrument)
    }

    /// The breakers with the day's start as the daily loss limit keeps it.
    public var breakers: BreakerState {
        var s = state.breakers
        s.dayStart = state.dayStart
        s.dayStartEquity = state.dayStartEquity
        return s
    }
}
