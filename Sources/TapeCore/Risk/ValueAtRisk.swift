import Foundation

/// How a VaR is estimated.
public enum VaRMethod: String, CaseIterable, Sendable {
    /// The empirical quantile of the horizon returns that happened (overlapping windows).
    case historical
    /// A normal distribution with the sample mean and sd of the one-period returns,
    /// scaled to the horizon as i.i.d.: mean × h, sd × √h (the variance-covariance method).
    case normal
    /// The normal quantile corrected for the sample's skewness and excess kurtosis by the
    /// Cornish-Fisher expansion (Favre & Galeano 2002's "modified VaR").
    case cornishFisher = "cornish_fisher"
    /// Multivariate normal one-period returns, compounded over the horizon, by simulation
    /// seeded by the session (`MonteCarloRisk`).
    case monteCarlo = "monte_carlo"
}

/// Value at risk and conditional value at risk (expected shortfall) at the
/// (1 − confidence) tail, as returns: a VaR of -0.031 is a loss of 3.1% that is
/// exceeded with probability 1 − confidence.
///
/// Definitions (the agreement tests hold them to the references to 1e-9):
/// - historical: VaR is the linear-interpolated quantile (numpy's default; empyrical
///   `value_at_risk`), CVaR the mean of the returns at or below it (quantstats
///   `conditional_value_at_risk(method="historical")`);
/// - normal: VaR = μ + σ·Φ⁻¹(α), CVaR = μ − σ·φ(Φ⁻¹(α))/α with σ the sample sd
///   (quantstats `value_at_risk` and its parametric CVaR);
/// - Cornish-Fisher: z = Φ⁻¹(α) becomes z + (z²−1)S/6 + (z³−3z)K/24 − (2z³−5z)S²/36
///   (S the skewness m₃/m₂^1.5, K the excess kurtosis m₄/m₂² − 3); CVaR is the mean of that
///   quantile function over the tail, (1/α)∫₀^α q(p) dp, which integrates in closed form:
///   μ + σ·φ(z)/α·(−1 − zS/6 + (1 − z²)K/24 − (1 − 2z²)S²/36).
public enum ValueAtRisk {
    /// VaR and CVaR of the finite values of `x` by historical simulation.
    public static func historical(_ x: [Double], confidence: Double) -> (valueAtRisk: Double, conditional: Double) {
        var a = x.filter { $0.isFinite }
        guard !a.isEmpty else { return (.nan, .nan) }
        let q = OrderStatistics.quantile(inPlace: &a, 1 - confidence)
        var sum = 0.0, n = 0
        for v in a where v <= q { sum += v; n += 1 }
        return (q, n > 0 ? sum / Double(n) : .nan)
    }

    public static func normal(mean: Double, sd: Double, confidence: Double) -> (valueAtRisk: Double, conditional: Double) {
        let alpha = 1 - confidence
        let z = DeflatedSharpe.normalQuantile(alpha)
        return (mean + sd * z, mean - sd * density(z) / alpha)
    }

    public static func cornishFisher(mean: Double, sd: Double, skewness s: Double, excessKurtosis k: Double,
                                     confidence: Double) -> (valueAtRisk: Double, conditional: Double) {
        let alpha = 1 - confidence
        let z = DeflatedSharpe.normalQuantile(alpha)
        let zcf = z + (z * z - 1) * s / 6 + (z * z * z - 3 * z) * k / 24 - (2 * z * z * z - 5 * z) * s * s / 36
        let tail = density(z) / alpha * (-1 - z * s / 6 + (1 - z * z) * k / 24 - (1 - 2 * z * z) * s * s / 36)
        return (mean + sd * zcf, mean + sd * tail)
    }

    /// Standard normal density.
    static func density(_ x: Double) -> Double { exp(-x * x / 2) / (2 * Double.pi).squareRoot() }

    /// Overlapping `h`-period compounded returns: element t is Π(1 + r[t...t+h-1]) − 1.
    /// A window holding a NaN is NaN.
    public static func horizonReturns(_ r: [Double], horizon h: Int) -> [Double] {
        guard h > 1 else { return r }
        guard r.count >= h else { return [] }
        var out = [Double](repeating: .nan, count: r.count - h + 1)
        for t in out.indices {
            var g = 1.0
            for k in t..<(t + h) { g *= 1 + r[k] }
            out[t] = g - 1
        }
        return out
    }

    /// Sample mean, sd (ddof 1), skewness m₃/m₂^1.5 and excess kurtosis m₄/m₂² − 3
    /// (population moments, as scipy.stats' `skew` and `kurtosis` with bias=True).
    public static func moments(_ x: [Double]) -> (mean: Double, sd: Double, skewness: Double, excessKurtosis: Double) {
        let n = Double(x.count)
        guard x.count >= 2 else { return (.nan, .nan, .nan, .nan) }
        let m = x.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for v in x {
            let d = v - m, d2 = d * d
            m2 += d2; m3 += d2 * d; m4 += d2 * d2
        }
        m2 /= n; m3 /= n; m4 /= n
        let sd = (m2 * n / (n - 1)).squareRoot()
        return (m, sd, m2 > 0 ? m3 / pow(m2, 1.5) : .nan, m2 > 0 ? m4 / (m2 * m2) - 3 : .nan)
    }
}
