/// Costs charged on every fill: `rate` × notional + `perShare` × shares (or
/// `perContract` × contracts for options), at least `minimum` per fill when any applies.
public struct CommissionModel: Equatable, Sendable {
    public var rate: Double
    public var perShare: Double
    public var perContract: Double
    public var minimum: Double

    public init(rate: Double = 0, perShare: Double = 0, perContract: Double = 0, minimum: Double = 0) {
        self.rate = rate
        self.perShare = perShare
        self.perContract = perContract
        self.minimum = minimum
    }

    public func commission(quantity: Double, price: Double, instrument: Instrument) -> Double {
        let q = abs(quantity)
        var c = rate * q * abs(price) * instrument.multiplier
        c += instrument.option == nil ? perShare * q : perContract * q
        return c > 0 ? max(c, minimum) : 0
    }
}

/// The simulated broker's execution assumptions. Every figure it prints depends on these,
/// so they are stored with the ledger and shown by `paper config`.
public struct BrokerConfig: Equatable, Sendable {
    public var startingCash: Double
    public var commission: CommissionModel
    /// Adverse price move on market and stop fills, in basis points.
    public var slippageBp: Double
    /// When set, a fill takes at most this fraction of the bar's volume; the rest stays working.
    public var maxVolumeShare: Double?
    /// Volatility (fraction) the option model is given to price and mark options.
    public var optionVolatility: Double
    /// Risk-free rate (fraction) for the option model.
    public var optionRate: Double

    public init(startingCash: Double = 100_000, commission: CommissionModel = CommissionModel(), slippageBp: Double = 0,
                maxVolumeShare: Double? = nil, optionVolatility: Double = 0.2, optionRate: Double = 0.0) {
        self.startingCash = startingCash
        self.commission = commission
        self.slippageBp = slippageBp
        self.maxVolumeShare = maxVolumeShare
        self.optionVolatility = optionVolatility
        self.optionRate = optionRate
    }
}
