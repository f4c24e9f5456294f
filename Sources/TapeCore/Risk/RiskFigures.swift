import Foundation

/// The dispersion and drawdown figures of a return series, each defined as a well-known
/// reference computes it, so a figure printed by Tape can be checked against it (the
/// fixtures in Tests/Fixtures/risk were written by empyrical-reloaded 0.7.1 and
/// quantstats 0.0.86; RiskAgreementTests compares them to 1e-9):
///
/// | figure | definition | reference |
/// |---|---|---|
/// | annual volatility | sample sd (ddof 1) × √periods | empyrical `annual_volatility` |
/// | downside deviation | √mean(min(r, 0)²) × √periods | empyrical `downside_risk` |
/// | beta | cov(r, b) / var(b) | empyrical `beta` |
/// | tracking error | sample sd of r − b × √periods | empyrical `excess_sharpe`'s denominator |
/// | max drawdown | worst fall of Π(1 + r) from its running peak, the start counted as a peak | empyrical `max_drawdown` |
/// | Ulcer index | √(Σ drawdown² / (n − 1)), drawdowns as fractions | quantstats `ulcer_index` |
/// | tail ratio | \|95th percentile\| / \|5th percentile\| | empyrical `tail_ratio` |
///
/// Returns are simple (not log) returns per period; `periodsPerYear` is 252 for daily
/// bars, as both references assume.
public struct RiskFigures: Sendable, Equatable {
    public var observations = 0
    public var annualVolatility = Double.nan
    public var downsideDeviation = Double.nan
    /// NaN without a benchmark.
    public var beta = Double.nan
    /// Annualised; NaN without a benchmark.
    public var trackingError = Double.nan
    /// Negative: -0.34 is a third below the peak.
    public var maxDrawdown = Double.nan
    public var ulcerIndex = Double.nan
    public var tailRatio = Double.nan

    public init() {}

    /// Every figure of `returns`; `benchmark` (same length, same periods) adds beta and
    /// tracking error. NaN returns are left out, pairwise for the benchmark figures.
    public static func compute(returns given: [Double], benchmark: [Double]? = nil, periodsPerYear: Double = 252) -> RiskFigures {
        let r = given.filter { $0.isFinite }
        var f = RiskFigures()
        f.observations = r.count
        guard !r.isEmpty else { return f }
        f.annualVolatility = r.count >= 2 ? sampleStandardDeviation(r) * periodsPerYear.squareRoot() : .nan
        f.downsideDeviation = downsideDeviation(r, periodsPerYear: periodsPerYear)
        let dd = drawdowns(r)
        f.maxDrawdown = dd.min() ?? .nan
        f.ulcerIndex = r.count >= 2 ? (dd.reduce(0) { $0 + $1 * $1 } / Double(r.count - 1)).squareRoot() : .nan
        let q95 = OrderStatistics.quantile(r, 0.95), q5 = OrderStatistics.quantile(r, 0.05)
        f.tailRatio = abs(q95) / abs(q5)
        if let b = benchmark, b.count == given.count {
            var x: [Double] = [], y: [Double] = []
            for (a, c) in zip(given, b) where a.isFinite && c.isFinite { x.append(a); y.append(c) }
            f.beta = beta(x, y)
            let active = zip(x, y).map { $0 - $1 }
            f.trackingError = active.count >= 2 ? sampleStandardDeviation(active) * periodsPerYear.squareRoot() : .nan
        }
        return f
    }

    /// Simple returns v[t] / v[t-1] − 1 of a value series (prices, equity). A step from or
    /// to a missing (NaN) or non-positive value is NaN, so a gap never reads as a crash.
    public static func simpleReturns(_ v: [Double]) -> [Double] {
        guard v.count >= 2 else { return [] }
        var out = [Double](repeating: .nan, count: v.count - 1)
        for t in 1..<v.count where v[t - 1] > 0 && v[t - 1].isFinite && v[t].isFinite && v[t] > 0 {
            out[t - 1] = v[t] / v[t - 1] - 1
        }
        return out
    }

    /// The drawdown after each return, the start (1.0) counted as the first peak.
    public static func drawdowns(_ r: [Double]) -> [Double] {
        var value = 1.0, peak = 1.0
        return r.map { x in
            value *= 1 + x
            peak = max(peak, value)
            return value / peak - 1
        }
    }

    public static func mean(_ x: [Double]) -> Double {
        x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count)
    }

    /// Sample standard deviation (ddof 1), two-pass for accuracy.
    public static func sampleStandardDeviation(_ x: [Double]) -> Double {
        guard x.count >= 2 else { return .nan }
        let m = mean(x)
        var s = 0.0
        for v in x { s += (v - m) * (v - m) }
        return (s / Double(x.count - 1)).squareRoot()
    }

    static func downsideDeviation(_ r: [Double], periodsPerYear: Double) -> Double {
        var s = 0.0
        for x in r where x < 0 { s += x * x }
        return (s / Double(r.count)).squareRoot() * periodsPerYear.squareRoot()
    }

    /// empyrical's form: mean((b − b̄)·r) / mean((b − b̄)²).
    static func beta(_ r: [Double], _ b: [Double]) -> Double {
        guard r.count >= 2 else { return .nan }
        let mb = mean(b)
        var cov = 0.0, v = 0.0
        for (x, y) in zip(r, b) {
            let d = y - mb
            cov += d * x
            v += d * d
        }
        return v > 0 ? cov / v : .nan
    }
}
