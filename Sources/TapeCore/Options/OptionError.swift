/// Why an option calculation refused its inputs. Each case renders as one line that
/// names the fact that failed and the value that broke it, in the caller's units.
public enum OptionError: Error, Equatable, CustomStringConvertible {
    /// An input violated a precondition, e.g. `spot must be positive, got -5`.
    case invalidInput(String)
    /// An option price below the (discounted forward) intrinsic value: no volatility fits.
    case priceBelowIntrinsic(price: Double, intrinsic: Double)
    /// An option price at or above its upper bound (S·e^{-qT} for a call, K·e^{-rT} for a put).
    case priceAboveMaximum(price: Double, maximum: Double)
    /// A text input could not be read (chains, strategy definitions).
    case parse(String)
    /// A long calculation (a tree, a batch) stopped because its cancel check said so.
    case cancelled

    public var description: String {
        switch self {
        case .invalidInput(let fact): return fact
        case .priceBelowIntrinsic(let p, let i): return "price \(p) is below the intrinsic value \(i)"
        case .priceAboveMaximum(let p, let m): return "price \(p) is above the maximum value \(m)"
        case .parse(let what): return what
        case .cancelled: return "interrupted"
        }
    }
}

/// Precondition helpers shared by the pricing functions: each throws
/// `OptionError.invalidInput` with a sentence naming the input and its value.
enum Check {
    static func positive(_ value: Double, _ name: String) throws {
        guard value > 0, value.isFinite else {
            throw OptionError.invalidInput("\(name) must be positive, got \(value)")
        }
    }

    static func nonNegative(_ value: Double, _ name: String) throws {
        guard value >= 0, value.isFinite else {
            throw OptionError.invalidInput("\(name) must be zero or positive, got \(value)")
        }
    }

    static func finite(_ value: Double, _ name: String) throws {
        guard value.isFinite else {
            throw OptionError.invalidInput("\(name) must be a finite number, got \(value)")
        }
    }

    /// The inputs every European formula and inversion shares, checked in the order their
    /// errors are reported; `underlyingName` is "spot" or "forward".
    static func contract(underlying: Double, _ underlyingName: String, strike: Double, years: Double,
                         rate: Double) throws {
        try positive(underlying, underlyingName)
        try positive(strike, "strike")
        try positive(years, "time to expiry (years)")
        try finite(rate, "rate")
    }
}
