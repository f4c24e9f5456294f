/// Value and sensitivities of one European option, in QuantLib's units (the textbook
/// partial derivatives). Per-day and per-1% variants are derived, never stored twice.
///
/// Sign conventions: theta and charm measure calendar time passing (t increases, time to
/// expiry T decreases), so theta = −∂V/∂T is usually negative for a long option.
public struct OptionGreeks: Equatable, Sendable {
    /// Option value in currency.
    public var price: Double
    /// ∂V/∂S per 1 unit of spot (for Black-76: of the futures price).
    public var delta: Double
    /// ∂²V/∂S² per unit of spot².
    public var gamma: Double
    /// −∂V/∂T per year (QuantLib `theta()`).
    public var thetaPerYear: Double
    /// ∂V/∂σ per 1.00 of volatility (100 vol points).
    public var vega: Double
    /// ∂V/∂r per 1.00 of the risk-free rate.
    public var rho: Double
    /// ∂V/∂q per 1.00 of dividend yield (0 for Black-76, whose forward carries no yield).
    public var dividendRho: Double
    /// ∂²V/∂S∂σ = ∂delta/∂σ per unit of spot per 1.00 of volatility.
    public var vanna: Double
    /// ∂²V/∂σ² (vomma) per 1.00 of volatility squared.
    public var volga: Double
    /// ∂delta/∂t as calendar time passes, per year.
    public var charm: Double
    /// ∂³V/∂S³ per unit of spot³.
    public var speed: Double
    /// ∂V/∂K per unit of strike.
    public var dualDelta: Double

    public init(price: Double, delta: Double, gamma: Double, thetaPerYear: Double, vega: Double,
                rho: Double, dividendRho: Double, vanna: Double, volga: Double, charm: Double,
                speed: Double, dualDelta: Double) {
        self.price = price; self.delta = delta; self.gamma = gamma; self.thetaPerYear = thetaPerYear
        self.vega = vega; self.rho = rho; self.dividendRho = dividendRho; self.vanna = vanna
        self.volga = volga; self.charm = charm; self.speed = speed; self.dualDelta = dualDelta
    }

    /// Theta per calendar day: thetaPerYear / 365 (QuantLib `thetaPerDay()`).
    public var thetaPerDay: Double { thetaPerYear / 365 }
    /// Vega per 1 volatility point (per 1%), the unit most screens show.
    public var vegaPerPoint: Double { vega / 100 }
    /// Rho per 1% of rate.
    public var rhoPerPoint: Double { rho / 100 }
    /// Dividend rho per 1% of yield.
    public var dividendRhoPerPoint: Double { dividendRho / 100 }
}
