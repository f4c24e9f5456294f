/// The simulated broker: accepts orders, checks them against the risk rules, fills them
/// bar by bar under `FillRules`, and keeps cash, positions and an explanation trail.
///
/// Pure value type: no clock, no I/O. Time advances only through `process(bar:symbol:)`,
/// so a session replays to the same fills. The ledger (TapeData/Ledger) persists `state`.
///
/// Buying power, stated: no leverage (backtesting.py's margin 1). Buying power = equity −
/// gross exposure (|long value| + |short value|). A long purchase spends cash; a short
/// sale's proceeds are held as collateral and the position also needs equity equal to
/// its value, so shorting 5,000 of stock uses 5,000 of buying power, like buying it.
public struct SimBroker: Sendable {
    public var config: BrokerConfig
    public var risk: RiskConfig
    /// Prices options; required before any option is traded or marked.
    public var pricer: OptionPricer?
    public private(set) var state: BrokerState
    /// Every order before this index is closed (orders never reopen), so the per-bar scans
    /// start here instead of at the first order ever placed. Derived, not stored.
    private var firstOpen = 0

    public init(config: BrokerConfig = BrokerConfig(), risk: RiskConfig = RiskConfig(), pricer: OptionPricer? = nil) {
        self.config = config
        self.risk = risk
        self.pricer = pricer
        self.state = BrokerState(cash: config.startingCash)
    }

    /// Rebuilds a broker from stored state (the ledger's load path).
    public init(config: BrokerConfig, risk: RiskConfig, state: BrokerState, pricer: OptionPricer? = nil) {
        self.config = config
        self.risk = risk
        self.pricer = pricer
        self.state = state
    }

    // MARK: - Account figures

    public var cash: Double { state.cash }
    public var orders: [Order] { state.orders }
    public var fills: [Fill] { state.fills }
    public var openOrders: [Order] { state.orders.filter { $0.status.isOpen } }
    /// Non-zero positions, by symbol.
    public var positions: [Position] {
        state.positions.values.filter { $0.quantity != 0 }.sorted { $0.instrument.symbol < $1.instrument.symbol }
    }

    public func order(_ id: Int) -> Order? {
        id >= 1 && id <= state.orders.count ? state.orders[id - 1] : nil
    }

    /// Current price per unit of an instrument: last close for shares, the model premium
    /// at the underlying's last close for options; nil when nothing is known yet.
    public func mark(_ instrument: Instrument) -> Double? {
        switch instrument {
        case .stock(let s): return state.lastPrice[s]
        case .option(let c):
            guard let u = state.lastPrice[c.underlying] else { return nil }
            return optionValue(c, spot: u, at: state.clock)?.price
        }
    }

    /// Signed market value of a position (average cost when no mark exists yet).
    public func marketValue(_ p: Position) -> Double {
        p.quantity * (mark(p.instrument) ?? p.averageCost) * p.instrument.multiplier
    }

    public func unrealisedPnL(_ p: Position) -> Double { marketValue(p) - p.costBasis }

    public var equity: Double { state.cash + positions.reduce(0) { $0 + marketValue($1) } }
    public var grossExposure: Double { positions.reduce(0) { $0 + abs(marketValue($1)) } }
    public var buyingPower: Double { max(equity - grossExposure, 0) }
    public var unrealisedPnL: Double { positions.reduce(0) { $0 + unrealisedPnL($1) } }

    /// Greeks of one position (shares have delta = quantity), nil when an option cannot be priced.
    public func greeks(_ p: Position) -> Greeks? {
        switch p.instrument {
        case .stock: return Greeks(delta: p.quantity)
        case .option(let c):
            guard let u = state.lastPrice[c.underlying], let v = optionValue(c, spot: u, at: state.clock) else { return nil }
            let k = p.quantity * c.multiplier
            return Greeks(delta: k * v.delta, gamma: k * v.gamma, theta: k * v.theta, vega: k * v.vega)
        }
    }

    /// Sum of position Greeks; positions that cannot be priced are left out.
    public var portfolioGreeks: Greeks { positions.compactMap { greeks($0) }.reduce(Greeks(), +) }

    /// The explanation trail of an order: its events, then the latest evaluation while open.
    public func why(_ id: Int) -> [String] {
        guard let o = order(id) else { return [] }
        var out = state.events.filter { $0.orderId == id }.map { "\(CivilTime.format($0.time)) \($0.kind.rawValue): \($0.detail)" }
        if o.status.isOpen, !o.lastNote.isEmpty { out.append("working: " + o.lastNote) }
        return out
    }

    /// The accounting identity every state must satisfy: cash + positions at cost ==
    /// starting cash + realised P&L − commissions. `difference` is the left side minus the right.
    public var reconciliation: Reconciliation {
        let atCost = state.positions.values.reduce(0) { $0 + $1.costBasis }
        return Reconciliation(cash: state.cash, positionsAtCost: atCost, startingCash: config.startingCash,
                              realisedPnL: state.realisedPnL, commissions: state.commissions)
    }

    // MARK: - Orders

    /// Submits an order at the broker's current clock (`at` moves the clock forward when later).
    /// A request whose `clientOrderId` was seen before returns that earlier order unchanged,
    /// so a retried submission never trades twice. Returns the new order, rejected or accepted.
    @discardableResult
    public mutating func submit(_ request: OrderRequest, at time: Int64? = nil, market: PreTradeMarket = .none) -> Order {
        if let t = time, t > state.clock { state.clock = t }
        if let cid = request.clientOrderId, let existing = state.orders.first(where: { $0.clientOrderId == cid }) {
            return existing
        }
        let id = state.orders.count + 1
        var order = Order(id: id, clientOrderId: request.clientOrderId ?? "sim-\(id)", legs: request.legs, side: request.side,
                          quantity: request.quantity, sizing: request.sizing, type: request.type,
                          timeInForce: request.timeInForce, status: .new, role: .simple, parentId: nil, ocoGroup: nil,
                          submittedAt: state.clock)
        if case .bracket = request.orderClass { order.role = .entry }
        if case .oco(let tp, _) = request.orderClass {
            // The request's own order becomes the take-profit limit; the stop is its sibling
            // (the group number is claimed by newOcoGroup() below).
            order.type = .limit(tp)
            order.role = .takeProfit
            order.ocoGroup = state.nextOcoGroup
        }
        if state.breakers.peakEquity < equity { state.breakers.peakEquity = equity }
        if let violation = RiskRules.check(request, account: self, risk: risk, market: market) {
            order.status = .rejected
            state.orders.append(order)
            event(id, .rejected, violation.description)
            if let h = violation.halt { state.breakers.halt = h }
            return order
        }
        if case .trailingStop = order.type { order.trailMark = state.lastPrice[order.underlying] }
        state.orders.append(order)
        event(id, .submitted, "accepted: \(describe(order))")
        switch request.orderClass {
        case .simple: break
        case .bracket(let tp, let sl):
            let g = newOcoGroup()
            addChild(of: order, role: .takeProfit, type: .limit(tp), status: .held, group: g)
            addChild(of: order, role: .stopLoss, type: .stop(sl), status: .held, group: g)
        case .oco(_, let sl):
            let g = newOcoGroup()
            addChild(of: order, role: .stopLoss, type: .stop(sl), status: .new, group: g, sameSide: true)
        }
        return state.orders[id - 1]
    }

    public mutating func cancel(_ id: Int) throws {
        guard let o = order(id) else { throw BrokerError.noSuchOrder(id) }
        guard o.status.isOpen else { throw BrokerError.notOpen(id: id, status: o.status) }
        // A bracket entry's children follow it (see `close`); cancelling one OCO leg leaves the other.
        close(id, .cancelled, "cancelled by request" + (o.filledQuantity > 0 ? " after \(num(o.filledQuantity)) filled" : ""))
    }

    /// Clears a halt (`paper resume`): the peak starts again from equity now and the
    /// losing streak from zero. Returns the halt that was cleared.
    @discardableResult
    public mutating func resume() -> Halt? {
        let was = state.breakers.halt
        state.breakers.halt = nil
        state.breakers.peakEquity = equity
        state.breakers.lossStreak = 0
        if state.haltedDay != nil { state.haltedDay = nil }
        return was
    }

    /// Changes the broker's assumptions (costs, slippage, volatility) from now on.
    public mutating func reconfigure(_ config: BrokerConfig) {
        let start = state.cash == self.config.startingCash && state.orders.isEmpty ? config.startingCash : nil
        self.config = config
        if let s = start { state.cash = s }
    }

    // MARK: - Bars

    /// Processes one bar of `symbol`: fills, expires or keeps every open order on it that
    /// was submitted before the bar, marks positions at the close, settles expired options
    /// and trips the daily loss limit. Orders placed now fill on a later bar.
    public mutating func process(bar: PriceBar, symbol: String) {
        // A bar with a missing price (NaN in the data) says nothing about where orders could
        // trade: skip it rather than let a NaN fill poison cash and equity.
        guard bar.open.isFinite, bar.high.isFinite, bar.low.isFinite, bar.close.isFinite else { return }
        let day = CivilTime.day(bar.time) * CivilTime.secondsPerDay
        if state.dayStart != day {
            state.dayStart = day
            state.dayStartEquity = equity
        }
        if bar.time > state.clock { state.clock = bar.time }
        while firstOpen < state.orders.count, !state.orders[firstOpen].status.isOpen { firstOpen += 1 }
        var handled = Set<Int>()
        var i = firstOpen
        while i < state.orders.count {
            // Most orders are long closed: test the status in place before copying the order.
            let status = state.orders[i].status
            guard status == .new || status == .partiallyFilled else { i += 1; continue }
            let o = state.orders[i]
            i += 1
            guard !handled.contains(o.id),
                  o.underlying == symbol, o.submittedAt < bar.time else { continue }
            if o.timeInForce == .day, let first = o.firstEvaluatedDay, day > first {
                close(o.id, .expired, "day order expired unfilled at the end of \(CivilTime.format(first))")
                continue
            }
            handled.insert(o.id)
            // The sibling is open, so it lies at or after firstOpen.
            if let g = o.ocoGroup, let sib = state.orders[firstOpen...].first(where: { $0.ocoGroup == g && $0.id != o.id && $0.status.isOpen
                                                                      && $0.status != .held && $0.submittedAt < bar.time }) {
                handled.insert(sib.id)
                processOCO(o.id, sib.id, bar: bar, day: day)
            } else {
                evaluate(o.id, bar: bar, day: day)
            }
        }
        state.lastPrice[symbol] = bar.close
        settleExpired(underlying: symbol, bar: bar, day: day)
        tripBreakers(day: day)
    }

    /// At a bar's close: the peak equity moves up, and the daily loss limit and the
    /// drawdown limit halt trading as soon as they are reached, not only when the next
    /// order arrives (so `paper why` can say when it happened).
    private mutating func tripBreakers(day: Int64) {
        let e = equity
        if let limit = risk.dailyLossLimitPct, state.haltedDay != day, state.dayStartEquity > 0 {
            let loss = (state.dayStartEquity - e) / state.dayStartEquity * 100
            if loss >= limit {
                state.haltedDay = day
                let reason = "equity \(f2(e)) is \(f2(loss))% below the day's start \(f2(state.dayStartEquity)) (limit \(f2(limit))%)"
                state.breakers.halt = Halt(rule: "daily_loss_limit", since: state.clock, until: day + CivilTime.secondsPerDay, reason: reason)
            }
        }
        if let limit = risk.maxDrawdownPct, state.breakers.peakEquity > 0, state.breakers.halt?.rule != "max_drawdown" {
            let fall = (state.breakers.peakEquity - e) / state.breakers.peakEquity * 100
            if fall >= limit {
                let reason = "equity \(f2(e)) is \(f2(fall))% below its peak \(f2(state.breakers.peakEquity)) (limit \(f2(limit))%)"
                state.breakers.halt = Halt(rule: "max_drawdown", since: state.clock, until: nil, reason: reason)
            }
        }
        if state.breakers.peakEquity < e { state.breakers.peakEquity = e }
    }

    // MARK: - Internals

    private mutating func evaluate(_ id: Int, bar: PriceBar, day: Int64) {
        guard let priced = priceBar(for: state.orders[id - 1], bar: bar) else {
            state.orders[id - 1].lastNote = "no option model to price \(state.orders[id - 1].symbol)"
            return
        }
        var o = state.orders[id - 1]
        var triggered = o.triggered
        let decision = FillRules.decide(o.type, side: o.side, bar: priced, slippageBp: config.slippageBp,
                                        trailMark: o.trailMark, triggered: &triggered)
        if triggered && !o.triggered {
            state.orders[id - 1].triggered = true
            event(id, .triggered, "stop triggered on \(CivilTime.format(bar.time))")
        }
        o = state.orders[id - 1]
        if o.firstEvaluatedDay == nil { state.orders[id - 1].firstEvaluatedDay = day }
        switch decision {
        case .fill(let price, let atOpen, let why):
            execute(id, price: price, atOpen: atOpen, why: why, bar: bar, priced: priced)
        case .none(let why):
            state.orders[id - 1].lastNote = why + " on \(CivilTime.format(bar.time))"
            if o.timeInForce == .ioc || o.timeInForce == .fok {
                close(id, .cancelled, "\(o.timeInForce.rawValue): not filled on its first bar (\(why))")
            }
        }
        if state.orders[id - 1].status.isOpen, case .trailingStop = o.type {
            state.orders[id - 1].trailMark = FillRules.updatedTrailMark(o.trailMark, side: o.side, bar: priced)
        }
    }

    /// Two orders of one OCO group on the same bar. When both would fill, the one filled at
    /// the open wins (the open is seen first); otherwise the stop wins, the pessimistic
    /// reading backtests use when a bar touches both stop and target.
    private mutating func processOCO(_ a: Int, _ b: Int, bar: PriceBar, day: Int64) {
        let oa = state.orders[a - 1], ob = state.orders[b - 1]
        guard let pa = priceBar(for: oa, bar: bar), let pb = priceBar(for: ob, bar: bar) else { return }
        var ta = oa.triggered, tb = ob.triggered
        let da = FillRules.decide(oa.type, side: oa.side, bar: pa, slippageBp: config.slippageBp, trailMark: oa.trailMark, triggered: &ta)
        let db = FillRules.decide(ob.type, side: ob.side, bar: pb, slippageBp: config.slippageBp, trailMark: ob.trailMark, triggered: &tb)
        if case .fill(_, let openA, _) = da, case .fill(_, let openB, _) = db {
            let aIsStop = oa.role == .stopLoss || { if case .stop = oa.type { return true }; return false }()
            let first: Int
            if openA != openB { first = openA ? a : b } else { first = aIsStop ? a : b }
            let other = first == a ? b : a
            state.orders[other - 1].lastNote = "both legs of OCO group touched on \(CivilTime.format(bar.time)); "
                + "#\(first) taken first (open gap, else stop first)"
            evaluate(first, bar: bar, day: day)
            return
        }
        evaluate(a, bar: bar, day: day)
        if state.orders[b - 1].status.isOpen { evaluate(b, bar: bar, day: day) }
    }

    private mutating func execute(_ id: Int, price: Double, atOpen: Bool, why: String, bar: PriceBar, priced: PriceBar) {
        let o = state.orders[id - 1]
        let lead = o.legs[0]
        let perUnitCost = abs(price) * lead.instrument.multiplier
        var qty = o.remaining
        var note = why
        if let f = o.sizing, o.quantity == 0 {
            let perUnit = perUnitCost * (1 + config.commission.rate) + (lead.instrument.option == nil ? config.commission.perShare : config.commission.perContract)
            let power = buyingPower   // marks every position: once, not per use
            qty = perUnit > 0 ? (power * f / perUnit).rounded(.down) : 0
            guard qty >= 1 else {
                close(id, .cancelled, "sized to 0 units: buying power \(f2(power)) at \(f2(price))")
                return
            }
            state.orders[id - 1].quantity = qty
            note += "; sized to \(num(qty)) units (\(f2(f * 100))% of buying power \(f2(power)))"
        }
        if let share = config.maxVolumeShare, let v = priced.volume, !o.isSpread {
            let cap = (share * v).rounded(.down)
            if cap < qty {
                if o.timeInForce == .fok {
                    close(id, .cancelled, "fok: only \(num(cap)) of \(num(qty)) available (\(f2(share * 100))% of bar volume \(num(v)))")
                    return
                }
                guard cap >= 1 else {
                    let why = "no fill: \(f2(share * 100))% of bar volume \(num(v)) is under one unit"
                    if o.timeInForce == .ioc { close(id, .cancelled, "ioc: " + why) } else { state.orders[id - 1].lastNote = why }
                    return
                }
                qty = cap
                note += "; partial: capped at \(f2(share * 100))% of bar volume \(num(v))"
            }
        }
        if risk.buyingPower && !o.isSpread {
            let opening = openingQuantity(lead.instrument, side: o.side, quantity: qty)
            let need = opening * perUnitCost + config.commission.commission(quantity: qty, price: price, instrument: lead.instrument)
            let power = buyingPower
            if opening > 0, need > power + 1e-9 {
                close(id, .cancelled, "buying_power at fill: need \(f2(need)), have \(f2(power))")
                return
            }
        }
        // Per-leg prices: the model prices at the open, with the first leg absorbing any
        // difference so the legs add up to the net fill price.
        var legPrices = [price]
        if o.isSpread || o.legs[0].instrument.option != nil {
            legPrices = o.legs.map { leg in
                leg.instrument.option.flatMap { optionValue($0, spot: bar.open, at: bar.time)?.price } ?? price
            }
            if o.isSpread {
                let net = zip(o.legs, legPrices).reduce(0) { $0 + ($1.0.side.sign * Double($1.0.ratio) * $1.1) }
                legPrices[0] += (price - net) / (lead.side.sign * Double(lead.ratio))
            } else {
                legPrices[0] = price
            }
        }
        for (leg, p) in zip(o.legs, legPrices) {
            let side = o.side(of: leg)
            let q = qty * Double(leg.ratio)
            let commission = config.commission.commission(quantity: q, price: p, instrument: leg.instrument)
            book(Fill(orderId: id, time: bar.time, symbol: leg.instrument.symbol, side: side, quantity: q, price: p,
                      commission: commission, why: note), instrument: leg.instrument)
        }
        var u = state.orders[id - 1]
        u.averageFillPrice = (u.averageFillPrice * u.filledQuantity + price * qty) / (u.filledQuantity + qty)
        u.filledQuantity += qty
        u.lastNote = ""
        u.status = u.remaining <= 1e-12 ? .filled : .partiallyFilled
        state.orders[id - 1] = u
        event(id, .fill, "\(u.side.rawValue) \(num(qty)) \(u.symbol) at \(f2(price)): \(note)")
        if u.status == .partiallyFilled && (u.timeInForce == .ioc) {
            // Activated first, so children of an entry filled at the open see the rest of this bar.
            if u.role == .entry { activateChildren(of: id, bar: bar, sameBar: atOpen) }
            close(id, .cancelled, "ioc: remainder \(num(u.remaining)) cancelled")
        }
        if let g = u.ocoGroup {
            for sib in state.orders where sib.ocoGroup == g && sib.id != id && sib.status.isOpen {
                let left = state.orders[id - 1].remaining
                if left <= 1e-12 {
                    close(sib.id, .cancelled, "OCO sibling #\(id) filled")
                } else {
                    state.orders[sib.id - 1].quantity = sib.filledQuantity + left
                }
            }
        }
        if u.role == .entry, u.status == .filled {
            activateChildren(of: id, bar: bar, sameBar: atOpen)
        }
    }

    private mutating func book(_ fill: Fill, instrument: Instrument) {
        var p = state.positions[instrument.symbol] ?? Position(instrument: instrument)
        let before = p.quantity
        let pnl = p.apply(side: fill.side, quantity: fill.quantity, price: fill.price)
        state.positions[instrument.symbol] = p
        // A fill that closes (part of) a position ends a win or a loss: the losing streak
        // counts the losses in a row, net of this fill's commission.
        if before != 0, (before > 0) != (fill.side == .buy) {
            let net = pnl - fill.commission
            if net < 0 { state.breakers.lossStreak += 1 } else if net > 0 { state.breakers.lossStreak = 0 }
        }
        state.cash -= fill.side.sign * fill.quantity * fill.price * instrument.multiplier + fill.commission
        state.realisedPnL += pnl
        state.commissions += fill.commission
        state.fills.append(fill)
    }

    /// Bracket children start working once the entry is filled, for its filled quantity.
    /// They see the rest of the same bar only when the entry filled at the open.
    private mutating func activateChildren(of id: Int, bar: PriceBar, sameBar: Bool) {
        let filled = state.orders[id - 1].filledQuantity
        for child in state.orders where child.parentId == id && child.status == .held {
            state.orders[child.id - 1].status = .new
            state.orders[child.id - 1].quantity = filled
            state.orders[child.id - 1].submittedAt = sameBar ? state.orders[id - 1].submittedAt : bar.time
            event(child.id, .activated, "entry #\(id) filled \(num(filled)); \(child.role.rawValue) working"
                  + (sameBar ? " from the rest of this bar" : " from the next bar"))
        }
    }

    /// Quantity of a trade that opens or increases exposure (the rest closes an opposite holding).
    func openingQuantity(_ instrument: Instrument, side: OrderSide, quantity: Double) -> Double {
        let held = state.positions[instrument.symbol]?.quantity ?? 0
        if held == 0 || (held > 0) == (side == .buy) { return quantity }
        return max(quantity - abs(held), 0)
    }

    /// The prices the bar offers this order: the bar itself for shares, or the model
    /// premium (net of legs for spreads) at the underlying's open, high, low and close.
    func priceBar(for o: Order, bar: PriceBar) -> PriceBar? {
        if o.legs.count == 1, case .stock = o.legs[0].instrument { return bar }
        func net(_ spot: Double) -> Double? { modelPrice(of: o.legs, spot: spot, at: bar.time) }
        guard let po = net(bar.open), let ph = net(bar.high), let pl = net(bar.low), let pc = net(bar.close) else { return nil }
        return PriceBar(time: bar.time, open: po, high: max(po, ph, pl, pc), low: min(po, ph, pl, pc), close: pc, volume: nil)
    }

    /// Model premium of option legs at `spot`: one contract's price, or a spread's net with
    /// the legs as they are when it is bought; nil when a leg is no option or has no price.
    func modelPrice(of legs: [OrderLeg], spot: Double, at t: Int64) -> Double? {
        var total = 0.0
        for leg in legs {
            guard let c = leg.instrument.option, let v = optionValue(c, spot: spot, at: t) else { return nil }
            total += (legs.count == 1 ? 1 : leg.side.sign) * Double(leg.ratio) * v.price
        }
        return total
    }

    /// Model value of a contract at `spot` and time `t`; the contract expires at the end of
    /// its expiry day, so time to expiry is (expiry day + 1 day − t) / 365 days.
    func optionValue(_ c: OptionContract, spot: Double, at t: Int64) -> OptionModelOutput? {
        guard let pricer else { return nil }
        let years = max(Double(c.expiry + CivilTime.secondsPerDay - t), 0) / (365 * Double(CivilTime.secondsPerDay))
        if years <= 0 {
            let value = c.intrinsic(at: spot)
            return OptionModelOutput(price: value, delta: value > 0 ? c.right.sign : 0, gamma: 0, theta: 0, vega: 0)
        }
        let v = pricer(OptionModelInput(right: c.right, spot: spot, strike: c.strike, years: years,
                                        volatility: config.optionVolatility, rate: config.optionRate))
        return v.price.isFinite ? v : nil
    }

    /// Options on `underlying` whose expiry day has come are cash-settled at intrinsic value
    /// against this bar's close (no delivery of shares: stated simplification); open orders
    /// on them are cancelled.
    private mutating func settleExpired(underlying: String, bar: PriceBar, day: Int64) {
        for i in firstOpen..<state.orders.count where state.orders[i].status.isOpen && state.orders[i].underlying == underlying
            && state.orders[i].legs.contains(where: { ($0.instrument.option?.expiry ?? Int64.max) <= day }) {
            close(i + 1, .cancelled, "contract expired on \(CivilTime.format(day))")
        }
        let expired = state.positions.values.filter { p in
            p.quantity != 0 && p.instrument.option.map { $0.underlying == underlying && $0.expiry <= day } == true
        }
        for p in expired.sorted(by: { $0.instrument.symbol < $1.instrument.symbol }) {
            guard let c = p.instrument.option else { continue }
            let value = c.intrinsic(at: bar.close)
            let side: OrderSide = p.quantity > 0 ? .sell : .buy
            let why = "expired \(CivilTime.format(c.expiry)): cash-settled at intrinsic \(f2(value)) "
                + "(underlying close \(f2(bar.close)), strike \(f2(c.strike)))"
            book(Fill(orderId: nil, time: bar.time, symbol: c.occSymbol, side: side, quantity: abs(p.quantity), price: value,
                      commission: 0, why: why), instrument: p.instrument)
        }
    }

    private mutating func addChild(of parent: Order, role: OrderRole, type: OrderType, status: OrderStatus, group: Int,
                                   sameSide: Bool = false) {
        let id = state.orders.count + 1
        let side = sameSide ? parent.side : parent.side.opposite
        let child = Order(id: id, clientOrderId: parent.clientOrderId + "-" + role.rawValue, legs: parent.legs, side: side,
                          quantity: parent.quantity, sizing: nil, type: type, timeInForce: .gtc, status: status, role: role,
                          parentId: parent.id, ocoGroup: group, submittedAt: parent.submittedAt)
        state.orders.append(child)
        event(id, .submitted, "\(role.rawValue) of #\(parent.id): \(describe(child))" + (status == .held ? ", held until the entry fills" : ""))
    }

    private mutating func newOcoGroup() -> Int {
        defer { state.nextOcoGroup += 1 }
        return state.nextOcoGroup
    }

    /// Ends an open order without (further) fills. Whatever ends a bracket entry — a
    /// cancel, a day order expiring, ioc/fok, a fill refused for buying power, an expired
    /// contract — decides its held children in this one place: they protect the part that
    /// filled, from the next bar, and are cancelled when nothing filled (a take-profit
    /// and stop-loss of a position never opened would otherwise wait forever, and could
    /// open one of their own).
    private mutating func close(_ id: Int, _ status: OrderStatus, _ detail: String) {
        state.orders[id - 1].status = status
        state.orders[id - 1].lastNote = ""
        event(id, status == .expired ? .expired : .cancelled, detail)
        guard state.orders[id - 1].role == .entry else { return }
        if state.orders[id - 1].filledQuantity > 0 {
            activateChildren(of: id, bar: PriceBar(time: state.clock, open: 0, high: 0, low: 0, close: 0, volume: nil), sameBar: false)
            return
        }
        let why = status == .expired ? "expired unfilled" : "cancelled"
        for child in state.orders where child.parentId == id && child.status == .held {
            close(child.id, .cancelled, "parent #\(id) \(why)")
        }
    }

    private mutating func event(_ id: Int, _ kind: OrderEventKind, _ detail: String) {
        state.events.append(OrderEvent(orderId: id, time: state.clock, kind: kind, detail: detail))
    }

    func describe(_ o: Order) -> String {
        let price: String
        switch o.type {
        case .market: price = "market"
        case .limit(let l): price = "limit \(f2(l))"
        case .stop(let s): price = "stop \(f2(s))"
        case .stopLimit(let s, let l): price = "stop \(f2(s)) limit \(f2(l))"
        case .trailingStop(.amount(let a)): price = "trailing stop \(f2(a))"
        case .trailingStop(.percent(let p)): price = "trailing stop \(f2(p * 100))%"
        }
        let qty = o.sizing != nil && o.quantity == 0 ? "\(f2((o.sizing ?? 0) * 100))% of buying power" : num(o.quantity)
        return "\(o.side.rawValue) \(qty) \(o.symbol) \(price) \(o.timeInForce.rawValue)"
    }
}
