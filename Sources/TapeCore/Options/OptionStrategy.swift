import Foundation

/// Market inputs for valuing a strategy: one spot, flat rates and one volatility (legs may
/// carry their own). Rates are continuously compounded per year.
public struct StrategyMarket: Equatable, Sendable {
    public var spot: Double
    public var rate: Double
    public var dividendYield: Double
    public var vol: Double

    public init(spot: Double, rate: Double, dividendYield: Double = 0, vol: Double) {
        self.spot = spot; self.rate = rate; self.dividendYield = dividendYield; self.vol = vol
    }

    func validate() throws {
        try Check.positive(spot, "spot")
        try Check.finite(rate, "rate")
        try Check.finite(dividendYield, "dividend yield")
        try Check.positive(vol, "volatility")
    }
}

/// A multi-leg position: a named template instantiated at strikes and expiries, or any
/// custom list of legs. Valuation is Black-Scholes-Merton per leg with the leg's remaining
/// time; a leg past its expiry is worth its payoff at that spot (cash-settled at expiry).
public struct OptionStrategy: Equatable, Sendable {
    public var name: String
    public var legs: [StrategyLeg]

    public init(name: String = "custom", legs: [StrategyLeg]) throws {
        guard !legs.isEmpty else { throw OptionError.invalidInput("a strategy needs at least one leg") }
        for (i, leg) in legs.enumerated() { try leg.validate(index: i) }
        self.name = name
        self.legs = legs
    }

    /// The catalog strategy `name` centred on strike `center` with strike spacing `width`;
    /// `farDays` (calendars, diagonals) defaults to twice `nearDays`.
    public static func named(_ name: String, center: Double, width: Double, nearDays: Double,
                             farDays: Double? = nil) throws -> OptionStrategy {
        guard let template = StrategyTemplate.named(name) else {
            throw OptionError.invalidInput("unknown strategy \"\(name)\"")
        }
        try Check.positive(center, "centre strike")
        try Check.positive(width, "strike width")
        try Check.positive(nearDays, "days to expiry")
        let far = farDays ?? 2 * nearDays
        guard far > nearDays else {
            throw OptionError.invalidInput("far expiry (\(far) days) must be after the near one (\(nearDays) days)")
        }
        return try OptionStrategy(name: template.name,
                                  legs: template.legs(center: center, width: width, nearDays: nearDays, farDays: far))
    }

    /// Days to the first option expiry (0 for stock alone): "at expiry" means this date.
    public var firstExpiryDays: Double {
        legs.filter { $0.kind != .stock }.map(\.expiryDays).min() ?? 0
    }

    /// Whether all options expire together, so the expiry P&L is piecewise linear in spot.
    public var isSingleExpiry: Bool {
        Set(legs.filter { $0.kind != .stock }.map(\.expiryDays)).count <= 1
    }

    /// Entry price per unit of each leg: its premium, or the model price today.
    public func entryPrices(_ market: StrategyMarket) throws -> [Double] {
        try market.validate()
        return legs.map { leg in
            leg.premium ?? legValue(leg, spot: market.spot, elapsedDays: 0, market: market)
        }
    }

    /// Net cost of entering: positive is a debit paid, negative a credit received.
    public func netPremium(_ market: StrategyMarket) throws -> Double {
        zip(legs, try entryPrices(market)).reduce(0) { $0 + $1.0.quantity * $1.1 }
    }

    /// Mark-to-model value of the position with the underlying at `spot`, `elapsedDays`
    /// after entry (legs then expired count at their payoff).
    public func value(spot: Double, elapsedDays: Double, market: StrategyMarket) throws -> Double {
        try market.validate()
        try Check.positive(spot, "underlying price")
        try Check.nonNegative(elapsedDays, "days elapsed")
        return legs.reduce(0) { $0 + $1.quantity * legValue($1, spot: spot, elapsedDays: elapsedDays, market: market) }
    }

    /// Profit or loss against the entry cost at `spot`, `elapsedDays` after entry.
    public func profit(spot: Double, elapsedDays: Double, market: StrategyMarket) throws -> Double {
        try value(spot: spot, elapsedDays: elapsedDays, market: market) - netPremium(market)
    }

    /// Value of the legs at the first expiry for underlying `spot` (payoff diagram; legs
    /// expiring later are valued by the model with their remaining time).
    public func payoffAtExpiry(spot: Double, market: StrategyMarket) throws -> Double {
        try value(spot: spot, elapsedDays: firstExpiryDays, market: market)
    }

    /// Sum of the legs' Greeks (stock: price S, delta 1), `elapsedDays` after entry, at `spot`.
    public func greeks(spot: Double, elapsedDays: Double = 0, market: StrategyMarket) throws -> OptionGreeks {
        try market.validate()
        var total = OptionGreeks(price: 0, delta: 0, gamma: 0, thetaPerYear: 0, vega: 0, rho: 0, dividendRho: 0,
                                 vanna: 0, volga: 0, charm: 0, speed: 0, dualDelta: 0)
        for leg in legs {
            let q = leg.quantity
            guard let type = leg.optionType else {
                total.price += q * spot
                total.delta += q
                continue
            }
            let remaining = (leg.expiryDays - elapsedDays) / 365
            guard remaining > 0 else {
                let payoff = type.payoff(spot: spot, strike: leg.strike)
                total.price += q * payoff
                if payoff > 0 { total.delta += q * type.sign }
                continue
            }
            let g = BlackScholes.uncheckedGreeks(type, spot: spot, strike: leg.strike, years: remaining,
                                                 rate: market.rate, dividendYield: market.dividendYield,
                                                 vol: leg.vol ?? market.vol)
            total.price += q * g.price; total.delta += q * g.delta; total.gamma += q * g.gamma
            total.thetaPerYear += q * g.thetaPerYear; total.vega += q * g.vega; total.rho += q * g.rho
            total.dividendRho += q * g.dividendRho; total.vanna += q * g.vanna; total.volga += q * g.volga
            total.charm += q * g.charm; total.speed += q * g.speed; total.dualDelta += q * g.dualDelta
        }
        return total
    }

    func legValue(_ leg: StrategyLeg, spot: Double, elapsedDays: Double, market: StrategyMarket) -> Double {
        guard let type = leg.optionType else { return spot }
        let remaining = (leg.expiryDays - elapsedDays) / 365
        guard remaining > 0 else { return leg.payoff(spot: spot) }
        return BlackScholes.uncheckedPrice(type, spot: spot, strike: leg.strike, years: remaining, rate: market.rate,
                                           dividendYield: market.dividendYield, vol: leg.vol ?? market.vol)
    }
}
