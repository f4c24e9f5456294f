import Foundation

/// A refused order: the rule's name and why, in one line. `halt` is set when the refusal
/// trips a circuit breaker the broker must remember (so `paper why` can explain it).
public struct RiskViolation: Equatable, Sendable, CustomStringConvertible {
    public var rule: String
    public var reason: String
    public var halt: Halt?

    public init(rule: String, reason: String, halt: Halt? = nil) {
        self.rule = rule
        self.reason = reason
        self.halt = halt
    }

    public var description: String { "rejected by \(rule): \(reason)" }
}

/// The pre-trade checks, run in a fixed order (RiskConfig.keys, after the structural
/// ones); the first rule broken rejects the order. One implementation for every broker:
/// the simulator runs it inside its ledger transaction, any other broker behind
/// `GuardedBroker`, before the order leaves Tape.
///
/// Prices are estimated the way the order would most likely fill: its limit (or stop)
/// price when it has one, else the last price; options at the model price.
///
/// The circuit breakers (daily loss, drawdown from peak, losing streak, order rate) stop
/// orders that open or add to exposure; an order that only reduces a position always
/// passes them, so a halt never traps a position. The same holds for the restricted list
/// and the minimum price.
public enum RiskRules {
    public static func check<A: PreTradeAccount>(_ r: OrderRequest, account b: A, risk: RiskConfig,
                                                 market: PreTradeMarket = .none) -> RiskViolation? {
        if let v = validate(r, account: b) { return RiskViolation(rule: "invalid_order", reason: v) }
        let lead = r.legs[0]
        let mult = lead.instrument.multiplier
        let last = b.lastPrice(lead.instrument.underlying)
        let equity = b.equity
        let clock = b.clock
        let day = CivilTime.day(clock) * CivilTime.secondsPerDay

        // The price per unit the order is expected to trade at.
        var ref: Double?
        switch r.type {
        case .limit(let l), .stopLimit(_, let l): ref = l
        case .stop(let s): ref = s
        case .market, .trailingStop: ref = nil
        }
        if ref == nil {
            if r.legs.count == 1, case .stock = lead.instrument { ref = last } else if let u = last {
                ref = modelPrice(r.legs, spot: u, account: b)
            }
        }
        guard let price = ref, price.isFinite else {
            return RiskViolation(rule: "invalid_order", reason: "no price seen yet for \(lead.instrument.underlying): step the clock over its bars first")
        }
        var qty = r.quantity
        if let f = r.sizing {
            let perUnit = abs(price) * mult * (1 + b.commissionRate)
            qty = perUnit > 0 ? (b.buyingPower * f / perUnit).rounded(.down) : 0
        }
        let notional = qty * abs(price) * mult
        let holdings = b.holdings
        // Does the order open or add to exposure in any leg?
        let opens = r.legs.contains { leg in
            openingQuantity(holdings[leg.instrument] ?? 0, side: r.side(of: leg), quantity: qty * Double(leg.ratio)) > 0
        }

        if opens, let v = restricted(r, risk: risk) { return v }
        if opens, let h = b.breakers.halt, h.isActive(at: clock) {
            return RiskViolation(rule: h.rule, reason: haltMessage(h))
        }
        if opens, let v = breakers(b, risk: risk, day: day) { return v }
        if let n = risk.maxOpenOrders, b.openOrderCount >= n {
            return RiskViolation(rule: "max_open_orders", reason: "\(b.openOrderCount) orders already open (limit \(n))")
        }
        if risk.duplicateWindowSeconds > 0 {
            let symbol = r.legs.count == 1 ? lead.instrument.symbol : nil
            if let dup = b.recentOrders.last(where: { !$0.isExitLeg && $0.side == r.side && $0.legs == r.legs
                                                        && ($0.sizing == nil ? $0.quantity == r.quantity : $0.sizing == r.sizing)
                                                        && clock - $0.submittedAt < risk.duplicateWindowSeconds }) {
                let what = r.sizing.map { "\(f2($0 * 100))% of buying power" } ?? num(r.quantity)
                let shown = symbol ?? dup.legs.map { $0.instrument.symbol }.joined(separator: " ")
                return RiskViolation(rule: "duplicate_order_guard", reason: "same \(r.side.rawValue) \(what) \(shown) as order "
                                     + "#\(dup.id) \(clock - dup.submittedAt) s ago (window \(risk.duplicateWindowSeconds) s)")
            }
        }
        if let collar = risk.priceCollarPct, r.legs.count == 1, case .stock = lead.instrument, let l = last, l > 0 {
            var prices: [(String, Double)] = []
            switch r.type {
            case .limit(let p): prices = [("limit", p)]
            case .stop(let p): prices = [("stop", p)]
            case .stopLimit(let s, let p): prices = [("stop", s), ("limit", p)]
            case .market, .trailingStop: break
            }
            if case .bracket(let tp, let sl) = r.orderClass { prices += [("take-profit", tp), ("stop-loss", sl)] }
            if case .oco(let tp, let sl) = r.orderClass { prices = [("take-profit", tp), ("stop-loss", sl)] }
            for (label, p) in prices {
                let away = abs(p - l) / l * 100
                if away > collar {
                    return RiskViolation(rule: "price_collar", reason: "\(label) \(f2(p)) is \(f2(away))% from the last price \(f2(l)) (collar \(f2(collar))%)")
                }
            }
        }
        if opens, let floor = risk.minPrice, let l = last, l < floor {
            return RiskViolation(rule: "min_price", reason: "\(lead.instrument.underlying) at \(f2(l)) is below the minimum price \(f2(floor))")
        }
        if let cap = risk.maxOrderQuantity, qty > cap {
            return RiskViolation(rule: "max_order_quantity", reason: "\(num(qty)) units exceed the limit of \(num(cap)) per order")
        }
        if let cap = risk.maxOrderNotional, notional > cap {
            return RiskViolation(rule: "max_order_notional", reason: "order notional \(f2(notional)) exceeds \(f2(cap))")
        }
        if !risk.allowShort, r.legs.count == 1, case .stock(let s) = lead.instrument {
            let after = (holdings[lead.instrument] ?? 0) + r.side.sign * qty
            if after < 0 { return RiskViolation(rule: "allow_short", reason: "would leave \(s) at \(num(after)) shares and shorting is disabled") }
        }
        if !risk.allowNakedShortOptions, let v = nakedShort(r, qty: qty, holdings: holdings) {
            return RiskViolation(rule: "naked_short_options", reason: v)
        }
        guard equity > 0 else { return RiskViolation(rule: "buying_power", reason: "account equity \(f2(equity)) is not positive") }
        let opening: Double
        if r.legs.count == 1 {
            opening = openingQuantity(holdings[lead.instrument] ?? 0, side: r.side, quantity: qty) * abs(price) * mult
        } else {
            opening = max(r.side.sign * price, 0) * qty * mult   // a spread bought for a net debit
        }
        if risk.buyingPower {
            let need = opening + b.commission(quantity: qty, price: price, instrument: lead.instrument)
            if opening > 0, need > b.buyingPower + 1e-9 {
                return RiskViolation(rule: "buying_power", reason: "needs \(f2(need)), buying power is \(f2(b.buyingPower))")
            }
        }
        if let limit = risk.maxPositionPct {
            for leg in r.legs {
                let held = holdings[leg.instrument] ?? 0
                let after = held + r.side(of: leg).sign * qty * Double(leg.ratio)
                let unit = r.legs.count == 1 ? abs(price) : (b.mark(leg.instrument) ?? 0)
                let pct = abs(after) * unit * leg.instrument.multiplier / equity * 100
                if abs(after) > abs(held), pct > limit + 1e-9 {
                    return RiskViolation(rule: "max_position_pct", reason: "\(leg.instrument.symbol) would be \(f2(pct))% of equity \(f2(equity)) (limit \(f2(limit))%)")
                }
            }
        }
        if let limit = risk.maxConcentrationPct, let u = last, u > 0 {
            let name = lead.instrument.underlying
            var before = 0.0
            for (instrument, q) in holdings where instrument.underlying == name {
                before += delta(instrument, quantity: q, spot: u, account: b) ?? 0
            }
            var change = 0.0
            for leg in r.legs {
                change += delta(leg.instrument, quantity: r.side(of: leg).sign * qty * Double(leg.ratio), spot: u, account: b) ?? 0
            }
            let after = before + change
            let pct = abs(after) * u / equity * 100
            if abs(after) > abs(before), pct > limit + 1e-9 {
                return RiskViolation(rule: "max_concentration", reason: "delta exposure to \(name) would be \(num((after * 100).rounded() / 100)) shares, "
                                     + "\(f2(pct))% of equity (limit \(f2(limit))%)")
            }
        }
        if let limit = risk.maxGrossExposurePct {
            let pct = (b.grossExposure + opening) / equity * 100
            if opening > 0, pct > limit + 1e-9 {
                return RiskViolation(rule: "max_gross_exposure", reason: "gross exposure would be \(f2(pct))% of equity (limit \(f2(limit))%)")
            }
        }
        if opens, let limit = risk.maxCorrelation, let v = correlated(r, limit: limit, lookback: risk.correlationLookback, holdings: holdings,
                                                                      clock: clock, market: market) {
            return v
        }
        return nil
    }

    // MARK: - The rules that need more than one line

    static func restricted(_ r: OrderRequest, risk: RiskConfig) -> RiskViolation? {
        guard !risk.restrictedSymbols.isEmpty else { return nil }
        for leg in r.legs {
            let u = leg.instrument.underlying.uppercased()
            if risk.restrictedSymbols.contains(u) {
                return RiskViolation(rule: "restricted_symbols", reason: "\(u) is on the restricted list; only orders that reduce a position in it pass")
            }
        }
        return nil
    }

    /// The circuit breakers that trip on the account as it stands: the day's loss, the
    /// fall from the peak, the losing streak, the order rate.
    static func breakers<A: PreTradeAccount>(_ b: A, risk: RiskConfig, day: Int64) -> RiskViolation? {
        let equity = b.equity, s = b.breakers, clock = b.clock
        if let limit = risk.dailyLossLimitPct, s.dayStart == day, s.dayStartEquity > 0 {
            let loss = (s.dayStartEquity - equity) / s.dayStartEquity * 100
            if loss >= limit {
                let reason = "equity \(f2(equity)) is \(f2(loss))% below the day's start \(f2(s.dayStartEquity)) (limit \(f2(limit))%)"
                return tripped(Halt(rule: "daily_loss_limit", since: clock, until: day + CivilTime.secondsPerDay, reason: reason))
            }
        }
        if let limit = risk.maxDrawdownPct, s.peakEquity > 0 {
            let fall = (s.peakEquity - equity) / s.peakEquity * 100
            if fall >= limit {
                let reason = "equity \(f2(equity)) is \(f2(fall))% below its peak \(f2(s.peakEquity)) (limit \(f2(limit))%)"
                return tripped(Halt(rule: "max_drawdown", since: clock, until: nil, reason: reason))
            }
        }
        if let limit = risk.maxConsecutiveLosses, s.lossStreak >= limit {
            let reason = "\(s.lossStreak) losing closes in a row (limit \(limit))"
            return tripped(Halt(rule: "max_consecutive_losses", since: clock, until: day + CivilTime.secondsPerDay, reason: reason))
        }
        if let limit = risk.maxOrdersPerMinute {
            let window = b.recentOrders.filter { !$0.isExitLeg && clock - $0.submittedAt < 60 }
            if window.count >= limit {
                let reason = "\(window.count) orders in the last 60 s (limit \(limit))"
                let until = (window.map(\.submittedAt).min() ?? clock) + 60
                return tripped(Halt(rule: "max_order_rate", since: clock, until: until, reason: reason))
            }
        }
        return nil
    }

    static func tripped(_ h: Halt) -> RiskViolation { RiskViolation(rule: h.rule, reason: haltMessage(h), halt: h) }

    /// How a halt reads in a rejection: for the rest of a day, until a time, or until
    /// `paper resume`.
    public static func haltMessage(_ h: Halt) -> String {
        if let u = h.until {
            if u % CivilTime.secondsPerDay == 0, u - h.since <= CivilTime.secondsPerDay {
                return "trading halted for \(CivilTime.format(u - CivilTime.secondsPerDay)): \(h.reason)"
            }
            return "trading halted until \(CivilTime.format(u, forceTime: true)): \(h.reason)"
        }
        return "trading halted since \(CivilTime.format(h.since)): \(h.reason); resume with paper resume"
    }

    /// The correlation limit: no new exposure to a symbol whose recent returns move with
    /// a position already held (in the same direction) more closely than `limit`.
    static func correlated(_ r: OrderRequest, limit: Double, lookback: Int, holdings: [Instrument: Double], clock: Int64,
                           market: PreTradeMarket) -> RiskViolation? {
        let name = r.legs[0].instrument.underlying
        let direction = r.side(of: r.legs[0]).sign
        var held: [String: Double] = [:]
        for (instrument, q) in holdings where instrument.underlying != name { held[instrument.underlying, default: 0] += q }
        let others = held.filter { $0.value != 0 }.keys.sorted()
        guard !others.isEmpty else { return nil }
        guard let mine = market.returns(name, clock), mine.count >= lookback else {
            return RiskViolation(rule: "max_correlation", reason: "no \(lookback) returns of \(name) up to \(CivilTime.format(clock)) to measure "
                                 + "its correlation with \(others.joined(separator: ", ")): load \(name)")
        }
        for other in others {
            guard let theirs = market.returns(other, clock), theirs.count >= lookback else {
                return RiskViolation(rule: "max_correlation", reason: "no \(lookback) returns of \(other) up to \(CivilTime.format(clock)) to measure "
                                     + "its correlation with \(name): load \(other)")
            }
            let rho = Covariance.correlation(Array(mine.suffix(lookback)), Array(theirs.suffix(lookback)))
            // Same direction and positively correlated, or opposite and negatively: the risk adds up.
            let sameWay = ((held[other] ?? 0) > 0) == (direction > 0)
            let effective = sameWay ? rho : -rho
            if effective.isFinite, effective > limit {
                return RiskViolation(rule: "max_correlation", reason: "\(name) moves with the \(other) position: correlation \(Format.fixed(rho, 2)) "
                                     + "over \(lookback) returns (limit \(Format.fixed(limit, 2)))")
            }
        }
        return nil
    }

    /// A contract is settled at its underlying's first bar on its expiry day
    /// (`SimBroker.settleExpired`), so once the clock has reached that day an order in it
    /// could only fill after it expired: refused, not left to fill at intrinsic value.
    static func expired(_ c: OptionContract, clock: Int64) -> String? {
        guard clock >= c.expiry else { return nil }
        return "\(c.occSymbol) has expired (expiry \(CivilTime.format(c.expiry)), paper clock at \(CivilTime.format(clock)))"
    }

    /// Structural checks; nil when the request is well formed.
    static func validate<A: PreTradeAccount>(_ r: OrderRequest, account b: A) -> String? {
        guard let lead = r.legs.first else { return "an order needs at least one instrument" }
        if let f = r.sizing {
            guard f.isFinite, f > 0, f <= 1 else { return "sizing fraction \(f) must be in (0, 1]" }
        } else {
            guard r.quantity.isFinite, r.quantity > 0 else { return "quantity \(num(r.quantity)) must be positive" }
            guard r.quantity == r.quantity.rounded() else { return "quantity \(num(r.quantity)) must be a whole number of units" }
        }
        for leg in r.legs {
            guard leg.ratio >= 1 else { return "leg ratio \(leg.ratio) must be at least 1" }
            guard leg.instrument.underlying == lead.instrument.underlying else { return "all legs of a spread must share one underlying" }
            if leg.instrument.option != nil, !b.canPriceOptions { return "no option model to price \(leg.instrument.symbol)" }
            if let c = leg.instrument.option, let why = expired(c, clock: b.clock) { return why }
        }
        if r.legs.count > 1 {
            guard r.legs.allSatisfy({ $0.instrument.option != nil }) else { return "a multi-leg order takes option legs only" }
            switch r.type {
            case .market, .limit: break
            default: return "a multi-leg order is market or limit (on the net price)"
            }
            guard r.orderClass == .simple else { return "a multi-leg order cannot be a bracket or OCO" }
        }
        let positiveOnly = r.legs.count == 1
        func ok(_ p: Double) -> Bool { p.isFinite && (!positiveOnly || p > 0) }
        switch r.type {
        case .market: break
        case .limit(let p): if !ok(p) { return "limit price \(f2(p)) must be a positive number" }
        case .stop(let p): if !ok(p) { return "stop price \(f2(p)) must be a positive number" }
        case .stopLimit(let s, let l): if !ok(s) || !ok(l) { return "stop \(f2(s)) and limit \(f2(l)) must be positive numbers" }
        case .trailingStop(.amount(let a)): if !(a.isFinite && a > 0) { return "trail amount \(f2(a)) must be positive" }
        case .trailingStop(.percent(let p)): if !(p.isFinite && p > 0 && p < 1) { return "trail \(f2(p * 100))% must be between 0% and 100%" }
        }
        switch r.orderClass {
        case .simple: break
        case .bracket(let tp, let sl), .oco(let tp, let sl):
            guard ok(tp), ok(sl) else { return "take-profit and stop-loss prices must be positive numbers" }
            let buying = { if case .bracket = r.orderClass { return r.side == .buy }; return r.side == .sell }()
            // Exits of a long sit above (target) and below (stop) the price; of a short, the reverse.
            if buying ? tp <= sl : tp >= sl {
                return "take-profit \(f2(tp)) must be \(buying ? "above" : "below") stop-loss \(f2(sl)) for a \(buying ? "long" : "short") position"
            }
        }
        return nil
    }

    /// Quantity of a trade that opens or increases exposure (the rest closes an opposite holding).
    static func openingQuantity(_ held: Double, side: OrderSide, quantity: Double) -> Double {
        if held == 0 || (held > 0) == (side == .buy) { return quantity }
        return max(quantity - abs(held), 0)
    }

    /// Model premium of option legs at `spot`: one contract's price, or a spread's net.
    static func modelPrice<A: PreTradeAccount>(_ legs: [OrderLeg], spot: Double, account b: A) -> Double? {
        var total = 0.0
        for leg in legs {
            guard let c = leg.instrument.option, let v = b.optionModel(c, spot: spot) else { return nil }
            total += (legs.count == 1 ? 1 : leg.side.sign) * Double(leg.ratio) * v.price
        }
        return total
    }

    /// Shares-equivalent delta of `quantity` units of an instrument.
    static func delta<A: PreTradeAccount>(_ i: Instrument, quantity q: Double, spot: Double, account b: A) -> Double? {
        switch i {
        case .stock: return q
        case .option(let c): return b.optionModel(c, spot: spot).map { $0.delta * q * c.multiplier }
        }
    }

    /// The first uncovered short option the order would create, described; nil when covered.
    /// Cover, per underlying: a short call by 100 shares held or a long call expiring no
    /// earlier; a short put by a long put expiring no earlier. Legs of the same order count.
    private static func nakedShort(_ r: OrderRequest, qty: Double, holdings held: [Instrument: Double]) -> String? {
        var holdings = held
        for leg in r.legs { holdings[leg.instrument, default: 0] += r.side(of: leg).sign * qty * Double(leg.ratio) }
        for leg in r.legs where r.side(of: leg) == .sell {
            guard let c = leg.instrument.option, let after = holdings[leg.instrument], after < 0 else { continue }
            let shorts = holdings.filter { $0.key.option.map { $0.underlying == c.underlying && $0.right == c.right } ?? false && $0.value < 0 }
                .reduce(0) { $0 + abs($1.value) * ($1.key.option?.multiplier ?? 100) }
            var cover = holdings.filter { h in
                h.value > 0 && (h.key.option.map { $0.underlying == c.underlying && $0.right == c.right && $0.expiry >= c.expiry } ?? false)
            }.reduce(0) { $0 + $1.value * ($1.key.option?.multiplier ?? 100) }
            if c.right == .call { cover += max(holdings[.stock(c.underlying)] ?? 0, 0) }
            if shorts > cover + 1e-9 {
                return "selling \(num(qty * Double(leg.ratio))) \(c.occSymbol) leaves \(num(shorts)) \(c.right.rawValue) units short "
                    + "against \(num(cover)) covered; naked short options are disabled"
            }
        }
        return nil
    }
}
