import Foundation

/// Regression, dispersion and rolling window statistics.
enum StatisticIndicators {
    static let real: [IndicatorInput] = [.series("real")]

    /// TA-Lib's linear regression family over the last n values (ta_LINEARREG*.c): x counts
    /// bars from the oldest (0) to the newest (n-1); `b` is the line at the oldest bar.
    static func regression(_ x: [Double], _ n: Int, _ f: @escaping (_ slope: Double, _ b: Double) -> Double) -> [Double] {
        var out = Kernels.nans(x.count)
        let dn = Double(n)
        let sumX = dn * (dn - 1) * 0.5
        let sumXSqr = dn * (dn - 1) * (2 * dn - 1) / 6
        let divisor = sumX * sumX - dn * sumXSqr
        for today in (n - 1)..<x.count {
            var sumXY = 0.0, sumY = 0.0
            var i = n
            while i != 0 {
                i -= 1
                let v = x[today - i]
                sumY += v
                sumXY += Double(i) * v
            }
            let m = (dn * sumXY - sumX * sumY) / divisor
            let b = (sumY - m * sumX) / dn
            out[today] = f(m, b)
        }
        return out
    }

    static func regressionSpec(_ name: String, _ summary: String, _ formula: String,
                               _ f: @escaping @Sendable (Double, Double, Double) -> Double) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Statistic", summary: summary, formula: formula, inputs: real,
            params: [.period(14)], outputs: [name],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in
                let n = Double(p[0])
                return [regression(x[0], Int(p[0])) { m, b in f(m, b, n) }]
            },
            windowed: true)
    }

    /// A rolling window statistic with TA-Lib-style lookback n-1.
    static func rollingSpec(_ name: String, _ summary: String, _ formula: String, extra: [IndicatorParam] = [],
                            defaultPeriod: Double = 20, windowed: Bool = true,
                            stream: IndicatorStreamFactory? = nil,
                            _ f: @escaping @Sendable ([Double], Int, [Double]) -> [Double]) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Statistic", summary: summary, formula: formula, inputs: real,
            params: [.period(defaultPeriod, min: 1)] + extra, outputs: [name],
            conventionNote: "Rolling over the last `period` bars including the current one; no output until the window is full.",
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [f(x[0], Int(p[0]), p)] },
            stream: stream,
            windowed: windowed)
    }

    static let all: [IndicatorSpec] = [
        regressionSpec("linearreg", "least-squares line through the window, at the newest bar",
                       "linearreg = b + m * (n - 1)") { m, b, n in b + m * (n - 1) },
        regressionSpec("linearreg_slope", "slope of the least-squares line, per bar",
                       "m = (n Σxy - Σx Σy) / (n Σx² - (Σx)²)") { m, _, _ in m },
        regressionSpec("linearreg_intercept", "least-squares line at the oldest bar of the window",
                       "b = (Σy - m Σx) / n") { _, b, _ in b },
        regressionSpec("linearreg_angle", "angle of the least-squares line in degrees",
                       "angle = atan(m) * 180 / pi") { m, _, _ in atan(m) * (180.0 / Double.pi) },
        regressionSpec("tsf", "time series forecast: the regression line one bar ahead",
                       "tsf = b + m * n") { m, b, n in b + m * n },
        IndicatorSpec(
            name: "var", group: "Statistic", summary: "population variance over a window",
            formula: "var = mean(x^2) - mean(x)^2 (divides by n)", inputs: real,
            params: [.period(5, min: 1)], outputs: ["var"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [Kernels.variance(x[0], Int(p[0]))] },
            stream: { p, _ in StateStream(VarianceState(Int(p[0]))) { s, x in [s.next(x[0])] } }),
        rollingSpec("max", "highest value over the window", "max(x[i-n+1...i])") { x, n, _ in Kernels.rollingMax(x, n) },
        rollingSpec("min", "lowest value over the window", "min(x[i-n+1...i])") { x, n, _ in Kernels.rollingMin(x, n) },
        rollingSpec("sum", "sum over the window", "sum(x[i-n+1...i])", windowed: false,
                    stream: { p, _ in SMAStream(Int(p[0]), scale: 1) }) { x, n, _ in Kernels.sum(x, n) },
        rollingSpec("mean", "mean over the window", "sum(x, n) / n", windowed: false,
                    stream: { p, _ in SMAStream(Int(p[0])) }) { x, n, _ in Kernels.sma(x, n) },
        rollingSpec("std", "sample standard deviation over the window (divides by n - 1)",
                    "std = sqrt(sum((x - mean)^2) / (n - 1)), two-pass; NaN for n = 1") { x, n, _ in rollingStd(x, n) },
        rollingSpec("quantile", "rolling quantile, linear interpolation between order statistics",
                    "q-quantile of the window: sorted[(n - 1) * q], interpolated (numpy's default)",
                    extra: [.real("q", 0.5, min: 0, max: 1, help: "quantile in 0...1")]) { x, n, p in rollingQuantile(x, n, p[1]) },
        IndicatorSpec(
            name: "zscore", group: "Statistic", summary: "distance from the rolling mean in rolling standard deviations",
            formula: "zscore = (x - mean(x, n)) / std(x, n), sample std (n - 1); NaN when std is 0", inputs: real,
            params: [.period(20)], outputs: ["zscore"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in
                let n = Int(p[0]), v = x[0]
                var out = Kernels.nans(v.count)
                for i in (n - 1)..<v.count {
                    let mean = windowMean(v, i, n), s = windowStd(v, i, n, mean: mean)
                    if s > 0 { out[i] = (v[i] - mean) / s }
                }
                return [out]
            },
            windowed: true),
        IndicatorSpec(
            name: "correl", group: "Statistic", summary: "rolling Pearson correlation of two series",
            formula: "correl = cov(a, b) / (sd(a) sd(b)) over the window; NaN when either is constant",
            inputs: [.series("a"), .series("b")], params: [.period(30)], outputs: ["correl"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [pairwise(x[0], x[1], Int(p[0])) { cov, va, vb in va > 0 && vb > 0 ? cov / (va * vb).squareRoot() : .nan }] },
            windowed: true),
        IndicatorSpec(
            name: "beta", group: "Statistic", summary: "rolling beta of a series on a benchmark",
            formula: "beta = cov(a, b) / var(b) over the window (of the values given: pass returns, e.g. pct(close)); NaN when b is constant",
            inputs: [.series("a"), .series("b")], params: [.period(30)], outputs: ["beta"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [pairwise(x[0], x[1], Int(p[0])) { cov, _, vb in vb > 0 ? cov / vb : .nan }] },
            windowed: true),
        IndicatorSpec(
            name: "drawdown", group: "Statistic", summary: "fraction below the running maximum",
            formula: "drawdown = 1 - x / max(x[0...i]), 0 at a new high (x > 0 assumed)", inputs: real,
            params: [], outputs: ["drawdown"],
            lookback: { _ in 0 },
            kernel: { x, _, _ in
                var peak = -Double.infinity
                return [x[0].map { v in
                    peak = max(peak, v)
                    return peak > 0 ? 1 - v / peak : .nan
                }]
            }),
    ]

    static func windowMean(_ x: [Double], _ i: Int, _ n: Int) -> Double {
        var total = 0.0
        for j in (i - n + 1)...i { total += x[j] }
        return total / Double(n)
    }

    /// Two-pass sample standard deviation per window: no cancellation on price-sized values.
    static func rollingStd(_ x: [Double], _ n: Int) -> [Double] {
        var out = Kernels.nans(x.count)
        guard n > 1 else { return out }
        for i in (n - 1)..<x.count { out[i] = windowStd(x, i, n, mean: windowMean(x, i, n)) }
        return out
    }

    /// Sample standard deviation of the window ending at i, given its mean (the second pass).
    static func windowStd(_ x: [Double], _ i: Int, _ n: Int, mean: Double) -> Double {
        var ss = 0.0
        for j in (i - n + 1)...i { ss += (x[j] - mean) * (x[j] - mean) }
        return (ss / Double(n - 1)).squareRoot()
    }

    static func rollingQuantile(_ x: [Double], _ n: Int, _ q: Double) -> [Double] {
        var out = Kernels.nans(x.count)
        for i in (n - 1)..<x.count {
            let sorted = x[(i - n + 1)...i].sorted()
            let pos = Double(n - 1) * q
            let lo = Int(pos.rounded(.down))
            let hi = min(lo + 1, n - 1)
            let frac = pos - Double(lo)
            out[i] = sorted[lo] + (sorted[hi] - sorted[lo]) * frac
        }
        return out
    }

    /// Two-pass window covariance and (population) variances of a and b, passed to `f`.
    static func pairwise(_ a: [Double], _ b: [Double], _ n: Int, _ f: (Double, Double, Double) -> Double) -> [Double] {
        var out = Kernels.nans(a.count)
        for i in (n - 1)..<a.count {
            let ma = windowMean(a, i, n), mb = windowMean(b, i, n)
            var cov = 0.0, va = 0.0, vb = 0.0
            for j in (i - n + 1)...i {
                let da = a[j] - ma, db = b[j] - mb
                cov += da * db
                va += da * da
                vb += db * db
            }
            out[i] = f(cov, va, vb)
        }
        return out
    }
}
