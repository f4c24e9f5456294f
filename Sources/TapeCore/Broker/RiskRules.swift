/// A refused order: the rule's name and why, in one line.
public struct RiskViolation: Equatable, Sendable, CustomStringConvertible {
    public var rule: String
    public var reason: String
    public var description: String { "rejected by \(rule): \(reason)" }
}

/// The pre-trade checks, run in a fixed order; the first rule broken rejects the order.
/// Prices are estimated the way the order would most likely fill: its limit (or stop)
/// price when it has one, else the last close; options at the model price.
enum RiskRules {
    static func check(_ r: OrderRequest, broker b: SimBroker) -> RiskViolation? {
        if let v = validate(r, broker: b) { return RiskViolation(rule: "invalid_order", reason: v) }
        let risk = b.risk
        let st = b.state
        let lead = r.legs[0]
        let mult = lead.instrument.multiplier
        let last = st.lastPrice[lead.instrument.underlying]
        let equity = b.equity
        let day = CivilTime.day(st.clock) * CivilTime.secondsPerDay

        // The price per unit the order is expected to trade at.
        var ref: Double?
        switch r.type {
        case .limit(let l), .stopLimit(_, let l): ref = l
        case .stop(let s): ref = s
        case .market, .trailingStop: ref = nil
        }
        if ref == nil {
            if r.legs.count == 1, case .stock = lead.instrument { ref = last } else if let u = last {
                ref = b.modelPrice(of: r.legs, spot: u, at: st.clock)
            }
        }
        guard let price = ref, price.isFinite else {
            return RiskViolation(rule: "invalid_order", reason: "no price seen yet for \(lead.instrument.underlying): step the clock over its bars first")
        }
        var qty = r.quantity
        if let f = r.sizing {
            let perUnit = abs(price) * mult * (1 + b.config.commission.rate)
            qty = perUnit > 0 ? (b.buyingPower * f / perUnit).rounded(.down) : 0
        }
        let notional = qty * abs(price) * mult

        if let limit = risk.dailyLossLimitPct, st.dayStart == day, st.dayStartEquity > 0 {
            let loss = (st.dayStartEquity - equity) / st.dayStartEquity * 100
            if st.haltedDay == day || loss >= limit {
                return RiskViolation(rule: "daily_loss_limit", reason: "trading halted for \(CivilTime.format(day)): equity \(f2(equity)) is "
                                     + "\(f2(loss))% below the day's start \(f2(st.dayStartEquity)) (limit \(f2(limit))%)")
            }
        }
        if let n = risk.maxOpenOrders {
            let open = st.orders.reduce(0) { $1.status.isOpen ? $0 + 1 : $0 }
            if open >= n { return RiskViolation(rule: "max_open_orders", reason: "\(open) orders already open (limit \(n))") }
        }
        if risk.duplicateWindowSeconds > 0 {
            let symbol = r.legs.count == 1 ? lead.instrument.symbol : nil
            if let dup = st.orders.last(where: { $0.status != .rejected && $0.role != .takeProfit && $0.role != .stopLoss
                                                  && $0.side == r.side && $0.legs == r.legs
                                                  && ($0.sizing == nil ? $0.quantity == r.quantity : $0.sizing == r.sizing)
                                                  && st.clock - $0.submittedAt < risk.duplicateWindowSeconds }) {
                let what = r.sizing.map { "\(f2($0 * 100))% of buying power" } ?? num(r.quantity)
                return RiskViolation(rule: "duplicate_order_guard", reason: "same \(r.side.rawValue) \(what) \(symbol ?? dup.symbol) as order "
                                     + "#\(dup.id) \(st.clock - dup.submittedAt) s ago (window \(risk.duplicateWindowSeconds) s)")
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
        if let cap = risk.maxOrderNotional, notional > cap {
            return RiskViolation(rule: "max_order_notional", reason: "order notional \(f2(notional)) exceeds \(f2(cap))")
        }
        if !risk.allowShort, r.legs.count == 1, case .stock(let s) = lead.instrument {
            let after = (st.positions[s]?.quantity ?? 0) + r.side.sign * qty
            if after < 0 { return RiskViolation(rule: "allow_short", reason: "would leave \(s) at \(num(after)) shares and shorting is disabled") }
        }
        if !risk.allowNakedShortOptions, let v = nakedShort(r, qty: qty, broker: b) {
            return RiskViolation(rule: "naked_short_options", reason: v)
        }
        guard equity > 0 else { return RiskViolation(rule: "buying_power", reason: "account equity \(f2(equity)) is not positive") }
        let opening: Double
        if r.legs.count == 1 {
            opening = b.openingQuantity(lead.instrument, side: r.side, quantity: qty) * abs(price) * mult
        } else {
            opening = max(r.side.sign * price, 0) * qty * mult   // a spread bought for a net debit
        }
        if risk.buyingPower {
            let need = opening + b.config.commission.commission(quantity: qty, price: price, instrument: lead.instrument)
            if opening > 0, need > b.buyingPower + 1e-9 {
                return RiskViolation(rule: "buying_power", reason: "needs \(f2(need)), buying power is \(f2(b.buyingPower))")
            }
        }
        if let limit = risk.maxPositionPct {
            for leg in r.legs {
                let held = st.positions[leg.instrument.symbol]?.quantity ?? 0
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
            for p in st.positions.values where p.quantity != 0 && p.instrument.underlying == name {
                before += b.greeks(p)?.delta ?? 0
            }
            var change = 0.0
            for leg in r.legs {
                let perUnit: Double
                switch leg.instrument {
                case .stock: perUnit = 1
                case .option(let c): perUnit = (b.optionValue(c, spot: u, at: st.clock)?.delta ?? 0) * c.multiplier
                }
                change += r.side(of: leg).sign * qty * Double(leg.ratio) * perUnit
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
    static func validate(_ r: OrderRequest, broker b: SimBroker) -> String? {
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
            if leg.instrument.option != nil, b.pricer == nil { return "no option model to price \(leg.instrument.symbol)" }
            if let c = leg.instrument.option, let why = expired(c, clock: b.state.clock) { return why }
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

    /// The first uncovered short option the order would create, described; nil when covered.
    /// Cover, per underlying: a short call by 100 shares held or a long call expiring no
    /// earlier; a short put by a long put expiring no earlier. Legs of the same order count.
    private static func nakedShort(_ r: OrderRequest, qty: Double, broker b: SimBroker) -> String? {
        var holdings: [Instrument: Double] = [:]
        for p in b.state.positions.values where p.quantity != 0 { holdings[p.instrument, default: 0] += p.quantity }
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
