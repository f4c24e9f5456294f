/// One position in a multi-leg strategy: an option or the underlying itself.
///
/// Quantities are signed units (+ long, − short) per one underlying unit; apply a contract
/// multiplier (usually 100) outside. Expiry is in calendar days from the entry date
/// (t = days/365, as everywhere in Options).
public struct StrategyLeg: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        case call, put, stock
    }

    public var kind: Kind
    /// Strike of an option leg; ignored for stock.
    public var strike: Double
    /// Signed quantity: +1 bought, −2 two sold.
    public var quantity: Double
    /// Calendar days from entry to the leg's expiry; ignored for stock.
    public var expiryDays: Double
    /// Price per unit paid (or received) at entry; nil means the model price.
    public var premium: Double?
    /// This leg's own volatility (a skew); nil means the market's.
    public var vol: Double?

    public init(_ kind: Kind, strike: Double = 0, quantity: Double, expiryDays: Double = 0,
                premium: Double? = nil, vol: Double? = nil) {
        self.kind = kind; self.strike = strike; self.quantity = quantity
        self.expiryDays = expiryDays; self.premium = premium; self.vol = vol
    }

    public var optionType: OptionType? {
        switch kind {
        case .call: return .call
        case .put: return .put
        case .stock: return nil
        }
    }

    /// Value per unit at expiry for underlying price `s` (stock: s itself).
    public func payoff(spot s: Double) -> Double {
        guard let type = optionType else { return s }
        return type.payoff(spot: s, strike: strike)
    }

    func validate(index: Int) throws {
        let name = "leg \(index + 1)"
        try Check.finite(quantity, "\(name) quantity")
        guard quantity != 0 else { throw OptionError.invalidInput("\(name) quantity must not be zero") }
        if kind != .stock {
            try Check.positive(strike, "\(name) strike")
            try Check.positive(expiryDays, "\(name) days to expiry")
        }
        if let p = premium { try Check.nonNegative(p, "\(name) premium") }
        if let v = vol { try Check.positive(v, "\(name) volatility") }
    }
}
