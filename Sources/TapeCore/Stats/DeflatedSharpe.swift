import Foundation

/// The deflated Sharpe ratio (Bailey & López de Prado, "The Deflated Sharpe Ratio:
/// Correcting for Selection Bias, Backtest Overfitting and Non-Normality", Journal of
/// Portfolio Management 40(5), 2014).
///
/// After N trials the best Sharpe ratio is inflated by selection. The paper's expected
/// maximum under the null of no skill (eq. 2, from extreme-value theory),
///     SR0 = √V · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))),
/// with V the variance of the trials' Sharpe ratios and γ the Euler–Mascheroni constant,
/// is the benchmark; the DSR is the probabilistic Sharpe ratio against it (eq. 1),
///     DSR = Φ( (SR − SR0) √(T − 1) / √(1 − γ₃ SR + (γ₄ − 1)/4 · SR²) ),
/// where SR is the best trial's Sharpe ratio, T its number of returns, γ₃ their skewness
/// and γ₄ their (non-excess) kurtosis. All Sharpe ratios here are per period, not
/// annualised, as the paper requires.
public struct DeflatedSharpe: Sendable, Equatable, Codable {
    public var trials: Int
    /// The best trial's per-period Sharpe ratio.
    public var sharpe: Double
    /// Variance of the trials' per-period Sharpe ratios.
    public var trialVariance: Double
    /// SR0: the best Sharpe ratio expected from N unskilled trials.
    public var expectedMaxSharpe: Double
    public var skewness: Double
    /// Non-excess kurtosis (3 for normal returns).
    public var kurtosis: Double
    public var observations: Int
    /// The probability that the true Sharpe ratio exceeds SR0: the DSR.
    public var probability: Double

    static let eulerGamma = 0.577_215_664_901_532_9

    public init(sharpe: Double, trialSharpes: [Double], skewness: Double, kurtosis: Double, observations: Int) {
        let finite = trialSharpes.filter { $0.isFinite }
        trials = finite.count
        self.sharpe = sharpe
        self.skewness = skewness
        self.kurtosis = kurtosis
        self.observations = observations
        let v = BacktestStatistics.sampleVariance(finite)
        trialVariance = v
        expectedMaxSharpe = DeflatedSharpe.expectedMaximum(trials: finite.count, variance: v)
        probability = DeflatedSharpe.probabilistic(sharpe: sharpe, benchmark: expectedMaxSharpe, skewness: skewness,
                                                   kurtosis: kurtosis, observations: observations)
    }

    /// SR0 for N trials whose Sharpe ratios have variance V (0 for a single trial).
    public static func expectedMaximum(trials n: Int, variance v: Double) -> Double {
        guard n >= 2, v.isFinite, v >= 0 else { return n == 1 ? 0 : .nan }
        let g = eulerGamma
        return v.squareRoot() * ((1 - g) * normalQuantile(1 - 1 / Double(n)) + g * normalQuantile(1 - 1 / (Double(n) * M_E)))
    }

    /// The probabilistic Sharpe ratio of `sharpe` against `benchmark` (eq. 1).
    public static func probabilistic(sharpe sr: Double, benchmark: Double, skewness: Double, kurtosis: Double, observations t: Int) -> Double {
        let denom = 1 - skewness * sr + (kurtosis - 1) / 4 * sr * sr
        guard t >= 2, denom > 0 else { return .nan }
        return normalCDF((sr - benchmark) * Double(t - 1).squareRoot() / denom.squareRoot())
    }

    /// Per-period Sharpe ratio (mean / sample sd), skewness and non-excess kurtosis
    /// (population moments, as the paper's γ₃ and γ₄) of a return series.
    public static func moments(_ r: [Double]) -> (sharpe: Double, skewness: Double, kurtosis: Double) {
        let n = Double(r.count)
        guard r.count >= 2 else { return (.nan, .nan, .nan) }
        let m = r.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for x in r {
            let d = x - m
            m2 += d * d; m3 += d * d * d; m4 += d * d * d * d
        }
        m2 /= n; m3 /= n; m4 /= n
        let sd = (m2 * n / (n - 1)).squareRoot()
        return (sd > 0 ? m / sd : .nan, m2 > 0 ? m3 / pow(m2, 1.5) : .nan, m2 > 0 ? m4 / (m2 * m2) : .nan)
    }

    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Φ⁻¹(p): Acklam's rational approximation (relative error 1.15e-9) refined by one
    /// Halley step on erfc, which brings it to full double precision.
    public static func normalQuantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : (p == 1 ? .infinity : .nan) }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = normalCDF(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }
}
