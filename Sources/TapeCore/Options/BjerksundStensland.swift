import Foundation

/// Bjerksund and Stensland's (1993) closed-form approximation of an American option: a
/// flat exercise boundary I between the immediate and the perpetual one. The references
/// (QuantLib 1.44's `BjerksundStenslandApproximationEngine`) match this 1993 version, not
/// the two-step 2002 one, so this is what is implemented — with QuantLib's 2023 safeguards,
/// which the low-volatility rows depend on: the value is written as (I − K)(S/I)^β(1 − φ̃)
/// so that I^{−β} cannot underflow; a boundary more than 12.5 standard deviations above
/// the forward ("run-away") means the European value; the result is never below the
/// European value nor below immediate exercise.
///
/// Puts use the put-call symmetry P(S, K, r, q) = C(K, S, q, r): spot and strike swap,
/// and so do the two discount factors.
public enum BjerksundStensland {
    public static func price(_ type: OptionType, spot: Double, strike: Double, years: Double, rate: Double,
                             dividendYield: Double = 0, vol: Double) throws -> Double {
        try BlackScholes.validate(spot: spot, strike: strike, years: years, rate: rate,
                                  dividendYield: dividendYield, vol: vol)
        var s = spot, k = strike
        var riskFreeDiscount = exp(-rate * years)
        var dividendDiscount = exp(-dividendYield * years)
        if type == .put {
            swap(&s, &k)
            swap(&riskFreeDiscount, &dividendDiscount)
        }
        if dividendDiscount > 1 && riskFreeDiscount > dividendDiscount {
            throw OptionError.invalidInput(
                "Bjerksund-Stensland does not cover the double-boundary case r < q < 0 (rate \(rate), dividend yield \(dividendYield))")
        }
        let variance = vol * vol * years
        let european = BlackScholes.blackPrice(.call, forward: s * dividendDiscount / riskFreeDiscount, strike: k,
                                               stdDev: variance.squareRoot(), discount: riskFreeDiscount)
        var value = european
        if !(dividendDiscount >= 1 && dividendDiscount >= riskFreeDiscount) {
            value = americanCall(s: s, k: k, riskFreeDiscount: riskFreeDiscount, dividendDiscount: dividendDiscount,
                                 variance: variance, european: european)
        }
        if value < (s - k) * (1 + 10 * Double.ulpOfOne) { value = max(0, s - k) }
        return value
    }

    /// The call approximation in QuantLib's variables: rT = −ln D_r, bT = ln(D_q/D_r), v = σ²T.
    private static func americanCall(s: Double, k: Double, riskFreeDiscount: Double, dividendDiscount: Double,
                                     variance v: Double, european: Double) -> Double {
        let bT = log(dividendDiscount / riskFreeDiscount)
        let rT = log(1 / riskFreeDiscount)
        let beta = (0.5 - bT / v) + ((bT / v - 0.5) * (bT / v - 0.5) + 2 * rT / v).squareRoot()
        let bInfinity = beta / (beta - 1) * k
        let b0 = bT == rT ? k : max(k, rT / (rT - bT) * k)
        let ht = -(bT + 2 * v.squareRoot()) * b0 / (bInfinity - b0)
        let boundary = b0 + (bInfinity - b0) * (1 - exp(ht))
        let forward = s * dividendDiscount / riskFreeDiscount
        let distance = log(boundary / forward) / v.squareRoot()
        // Immediate exercise, too, is compared with the European value (QuantLib does so).
        if s >= boundary { return max(0, s - k, european) }
        if distance > 12.5 { return european }
        func phi(_ gamma: Double, _ h: Double) -> Double {
            phiTilde(s: s, gamma: gamma, h: h, i: boundary, rT: rT, bT: bT, v: v)
        }
        let value = (boundary - k) * pow(s / boundary, beta) * (1 - phi(beta, boundary))
            + s * phi(1, boundary) - s * phi(1, k) - k * phi(0, boundary) + k * phi(0, k)
        return max(value, european)
    }

    /// φ(S, γ, H, I)/S^γ = e^λ [N(d) − (I/S)^κ N(d − 2 ln(I/S)/√v)], with
    /// λ = −rT + γ·bT + ½γ(γ−1)v, d = −(ln(S/H) + bT + (γ − ½)v)/√v, κ = 2bT/v + 2γ − 1.
    private static func phiTilde(s: Double, gamma: Double, h: Double, i: Double, rT: Double, bT: Double,
                                 v: Double) -> Double {
        let lambda = -rT + gamma * bT + 0.5 * gamma * (gamma - 1) * v
        let d = -(log(s / h) + (bT + (gamma - 0.5) * v)) / v.squareRoot()
        let kappa = 2 * bT / v + (2 * gamma - 1)
        return exp(lambda) * (Normal.cdf(d) - pow(i / s, kappa) * Normal.cdf(d - 2 * log(i / s) / v.squareRoot()))
    }
}
