/// Call or put. `sign` is the ±1 that turns one payoff formula into both:
/// payoff = max(sign·(S − K), 0).
public enum OptionType: String, Sendable, CaseIterable {
    case call
    case put

    public var sign: Double { self == .call ? 1 : -1 }

    /// Reads "call"/"c"/"put"/"p" in any case.
    public init?(text: String) {
        switch text.lowercased() {
        case "call", "c": self = .call
        case "put", "p": self = .put
        default: return nil
        }
    }

    /// Payoff at expiry for underlying price `s`.
    @inlinable
    public func payoff(spot s: Double, strike k: Double) -> Double {
        Swift.max(sign * (s - k), 0)
    }
}
