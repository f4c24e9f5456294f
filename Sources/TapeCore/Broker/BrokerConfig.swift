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

extension BrokerConfig {
    /// The settings keys (`paper config KEY VALUE`, the ledger's settings table).
    public static let keys: [(key: String, help: String)] = [
        ("starting_cash", "cash the account starts with (takes effect on reset)"),
        ("commission_rate", "commission as a fraction of notional (0.001 = 10 bp)"),
        ("commission_per_share", "commission per share"),
        ("commission_per_contract", "commission per option contract"),
        ("commission_minimum", "least commission on a fill that has any"),
        ("slippage_bp", "adverse move on market and stop fills, basis points"),
        ("max_volume_share", "largest fraction of a bar's volume one fill may take (none = no cap)"),
        ("option_volatility", "volatility the option model prices with (0.2 = 20%)"),
        ("option_rate", "risk-free rate for the option model (0.04 = 4%)"),
    ]

    public func value(_ key: String) -> String? {
        switch key {
        case "starting_cash": return String(startingCash)
        case "commission_rate": return String(commission.rate)
        case "commission_per_share": return String(commission.perShare)
        case "commission_per_contract": return String(commission.perContract)
        case "commission_minimum": return String(commission.minimum)
        case "slippage_bp": return String(slippageBp)
        case "max_volume_share": return maxVolumeShare.map { String($0) } ?? "none"
        case "option_volatility": return String(optionVolatility)
        case "option_rate": return String(optionRate)
        default: return nil
        }
    }

    /// Sets one key from text. Every value is a finite number (`none` only for max_volume_share).
    public mutating func set(_ key: String, _ text: String) throws {
        guard value(key) != nil else { throw BrokerConfigError.unknownKey(key) }
        if key == "max_volume_share", text == "none" {
            maxVolumeShare = nil
            return
        }
        guard let v = Double(text), v.isFinite else { throw BrokerConfigError.badValue(key: key, value: text) }
        let nonNegative = key != "option_rate"
        guard !nonNegative || v >= 0 else { throw BrokerConfigError.badValue(key: key, value: text) }
        switch key {
        case "starting_cash": startingCash = v
        case "commission_rate": commission.rate = v
        case "commission_per_share": commission.perShare = v
        case "commission_per_contract": commission.perContract = v
        case "commission_minimum": commission.minimum = v
        case "slippage_bp": slippageBp = v
        case "max_volume_share":
            guard v > 0, v <= 1 else { throw BrokerConfigError.badValue(key: key, value: text) }
            maxVolumeShare = v
        case "option_volatility":
            guard v > 0 else { throw BrokerConfigError.badValue(key: key, value: text) }
            optionVolatility = v
        default: optionRate = v
        }
    }
}

public enum BrokerConfigError: Error, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case badValue(key: String, value: String)

    public var description: String {
        switch self {
        case .unknownKey(let k): return "unknown broker setting '\(k)'; settings: " + BrokerConfig.keys.map(\.key).joined(separator: ", ")
        case .badValue(let k, let v): return "broker setting \(k): '\(v)' is out of range (see `paper config` help)"
        }
    }
}
