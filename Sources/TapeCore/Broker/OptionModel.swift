/// The option-pricing hook the broker uses to mark, fill and report Greeks on options.
///
/// The broker does not price options itself: the caller injects a function (Black-Scholes-
/// Merton from TapeCore/Options in the shell, a closed form in tests). Keeping it a closure
/// keeps the broker independent of the pricing library and lets tests pin exact prices.
public struct OptionModelInput: Sendable, Equatable {
    public var right: OptionRight
    public var spot: Double
    public var strike: Double
    /// Time to expiry in years (calendar days / 365).
    public var years: Double
    /// Annualised volatility as a fraction (0.25 = 25%).
    public var volatility: Double
    /// Continuously compounded risk-free rate as a fraction.
    public var rate: Double
}

/// Price per unit of underlying and Greeks per unit: delta and gamma per 1.0 move of the
/// underlying, theta per calendar day, vega per 1.0 (100 vol points) of volatility —
/// whatever units the injected model uses are passed through unchanged and summed.
public struct OptionModelOutput: Sendable, Equatable {
    public var price: Double
    public var delta: Double
    public var gamma: Double
    public var theta: Double
    public var vega: Double

    public init(price: Double, delta: Double, gamma: Double, theta: Double, vega: Double) {
        self.price = price
        self.delta = delta
        self.gamma = gamma
        self.theta = theta
        self.vega = vega
    }
}

public typealias OptionPricer = @Sendable (OptionModelInput) -> OptionModelOutput

/// Position or portfolio Greeks in currency-free "underlying units": delta is the number
/// of shares the holding behaves like.
public struct Greeks: Sendable, Equatable {
    public var delta = 0.0
    public var gamma = 0.0
    public var theta = 0.0
    public var vega = 0.0

    public init(delta: Double = 0, gamma: Double = 0, theta: Double = 0, vega: Double = 0) {
        self.delta = delta
        self.gamma = gamma
        self.theta = theta
        self.vega = vega
    }

    public static func + (a: Greeks, b: Greeks) -> Greeks {
        Greeks(delta: a.delta + b.delta, gamma: a.gamma + b.gamma, theta: a.theta + b.theta, vega: a.vega + b.vega)
    }
}
