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
        // I = B0 + (B∞ − B0)(1 − e^{ht}), ht = −(bT + 2√v)·B0/(B∞ − B0), with expm1: β → 1
        // when b = r < 0 (a call without yield at a negative rate) sends B∞ to ±∞ and ht to
        // 0, and 1 − e^{ht} would round to 0 there; the limit is B0·(1 + bT + 2√v), which
        // QuantLib 1.44 returns at β = 1 exactly.
        let spread = bInfinity - b0
        let lift = bT + 2 * v.squareRoot()
        let boundary = spread.isFinite ? b0 - spread * expm1(-lift * b0 / spread) : b0 * (1 + lift)
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

/// Bjerksund and Stensland's (2002) refinement: the exercise boundary is flat on two
/// pieces, split at t₁ = ½(√5 − 1)T, which needs the bivariate normal (`BivariateNormal`).
/// It is closer to the true American value than the 1993 flat boundary, and like it a lower
/// bound (a suboptimal exercise rule). Formulas as in Haug, *The Complete Guide to Option
/// Pricing Formulas*, 2nd ed., section 3.5.2; puts by the same put-call symmetry.
extension BjerksundStensland {
    public static func price2002(_ type: OptionType, spot: Double, strike: Double, years: Double, rate: Double,
                                 dividendYield: Double = 0, vol: Double) throws -> Double {
        try BlackScholes.validate(spot: spot, strike: strike, years: years, rate: rate,
                                  dividendYield: dividendYield, vol: vol)
        // A put is a call with spot and strike, rate and yield swapped.
        let (s, k, r, q) = type == .call ? (spot, strike, rate, dividendYield) : (strike, spot, dividendYield, rate)
        let b = r - q
        let european = BlackScholes.uncheckedPrice(.call, spot: s, strike: k, years: years, rate: r,
                                                   dividendYield: q, vol: vol)
        // No early exercise: carry at least the rate (a call without yield).
        if b >= r { return european }
        let v2 = vol * vol
        let beta = (0.5 - b / v2) + ((b / v2 - 0.5) * (b / v2 - 0.5) + 2 * r / v2).squareRoot()
        guard beta.isFinite, beta > 1 else {
            throw OptionError.invalidInput(
                "Bjerksund-Stensland does not cover the double-boundary case r < q < 0 (rate \(rate), dividend yield \(dividendYield))")
        }
        let value = call2002(s: s, k: k, t: years, r: r, b: b, vol: vol, beta: beta)
        return max(value, european, s - k, 0)
    }

    /// Haug's formula with every power of S, I and K taken as a ratio in log space, so that
    /// the large exponents of a low volatility (κ = 2b/σ² + 2γ − 1 reaches thousands)
    /// multiply probabilities that underflow to 0 instead of giving inf × 0.
    private static func call2002(s: Double, k: Double, t: Double, r: Double, b: Double, vol: Double, beta: Double) -> Double {
        let v2 = vol * vol
        let bInfinity = beta / (beta - 1) * k
        let b0 = max(k, r / (r - b) * k)
        let t1 = 0.5 * (5.0.squareRoot() - 1) * t
        let h1 = -(b * t1 + 2 * vol * t1.squareRoot()) * k * k / ((bInfinity - b0) * b0)
        let h2 = -(b * t + 2 * vol * t.squareRoot()) * k * k / ((bInfinity - b0) * b0)
        let i1 = b0 + (bInfinity - b0) * (1 - exp(h1))
        let i2 = b0 + (bInfinity - b0) * (1 - exp(h2))
        if s >= i2 { return s - k }
        // As QuantLib's 1993 engine: a trigger 12.5 standard deviations above the forward
        // is never reached; the European value is the answer (the caller's floor).
        if log(i2 / (s * exp(b * t))) / (vol * t.squareRoot()) > 12.5 { return 0 }

        /// x^κ·N, as exp(κ ln x + ln N): 0 when N underflows, whatever κ ln x is.
        func scaled(_ ratio: Double, _ kappa: Double, _ n: Double) -> Double {
            n > 0 ? exp(kappa * log(ratio) + log(n)) : 0
        }
        /// φ(S, T, γ, H, I)/S^γ.
        func phi(_ tt: Double, _ gamma: Double, _ h: Double, _ i: Double) -> Double {
            let sd = vol * tt.squareRoot()
            let lambda = (-r + gamma * b + 0.5 * gamma * (gamma - 1) * v2) * tt
            let d = -(log(s / h) + (b + (gamma - 0.5) * v2) * tt) / sd
            let kappa = 2 * b / v2 + (2 * gamma - 1)
            return exp(lambda) * (Normal.cdf(d) - scaled(i / s, kappa, Normal.cdf(d - 2 * log(i / s) / sd)))
        }
        /// ψ(S, T, γ, H, I₂, I₁, t₁)/S^γ.
        func psi(_ tt: Double, _ gamma: Double, _ h: Double, _ i2: Double, _ i1: Double, _ t1: Double) -> Double {
            let sd1 = vol * t1.squareRoot(), sd = vol * tt.squareRoot()
            let drift = b + (gamma - 0.5) * v2
            let e1 = (log(s / i1) + drift * t1) / sd1
            let e2 = (log(i2 * i2 / (s * i1)) + drift * t1) / sd1
            let e3 = (log(s / i1) - drift * t1) / sd1
            let e4 = (log(i2 * i2 / (s * i1)) - drift * t1) / sd1
            let f1 = (log(s / h) + drift * tt) / sd
            let f2 = (log(i2 * i2 / (s * h)) + drift * tt) / sd
            let f3 = (log(i1 * i1 / (s * h)) + drift * tt) / sd
            let f4 = (log(s * i1 * i1 / (h * i2 * i2)) + drift * tt) / sd
            let rho = (t1 / tt).squareRoot()
            let lambda = -r + gamma * b + 0.5 * gamma * (gamma - 1) * v2
            let kappa = 2 * b / v2 + (2 * gamma - 1)
            return exp(lambda * tt) * (
                BivariateNormal.cdf(-e1, -f1, rho)
                    - scaled(i2 / s, kappa, BivariateNormal.cdf(-e2, -f2, rho))
                    - scaled(i1 / s, kappa, BivariateNormal.cdf(-e3, -f3, -rho))
                    + scaled(i1 / i2, kappa, BivariateNormal.cdf(-e4, -f4, -rho)))
        }

        // α_j·S^β = (I_j − K)·(S/I_j)^β, below 1 in ratio since S < I₂ ≤ I₁.
        let a1 = (i1 - k) * pow(s / i1, beta), a2 = (i2 - k) * pow(s / i2, beta)
        return a2 - a2 * phi(t1, beta, i2, i2)
            + s * (phi(t1, 1, i2, i2) - phi(t1, 1, i1, i2))
            - k * phi(t1, 0, i2, i2) + k * phi(t1, 0, i1, i2)
            + a1 * phi(t1, beta, i1, i2) - a1 * psi(t, beta, i1, i2, i1, t1)
            + s * (psi(t, 1, i1, i2, i1, t1) - psi(t, 1, k, i2, i1, t1))
            - k * psi(t, 0, i1, i2, i1, t1) + k * psi(t, 0, k, i2, i1, t1)
    }
}
