import Foundation

/// Regression, dispersion and rolling window statistics.
enum StatisticIndicators {
    static let real: [IndicatorInput] = [.series("real")]

    /// TA-Lib's linear regression family over the last n values (ta_LINEARREG*.c 0.8): x
    /// counts bars back from the newest (0) to the oldest (n-1), and the window's sums of y
    /// and x·y are kept as running totals (O(1) a bar, TA-Lib 0.8's "perf #103"), with
    /// TA-Lib's operation order so the two agree to the last bits: a slope near zero is a
    /// difference of those totals, and any other order would differ from TA-Lib there.
    /// `f` gets the slope m per bar (oldest to newest) and the line's value b at the oldest bar.
    static func regression(_ x: [Double], _ n: Int, _ f: @escaping (_ slope: Double, _ b: Double) -> Double) -> [Double] {
        var state = RegressionState(n)
        return x.map { v in
            guard let (m, b) = state.next(v) else { return .nan }
            return f(m, b)
        }
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
            stream: { p, _ in
                let n = Double(p[0])
                return StateStream(RegressionState(Int(p[0]))) { s, x in
                    guard let (m, b) = s.next(x[0]) else { return [.nan] }
                    return [f(m, b, n)]
                }
            })
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
            formula: "var = mean((x - mean(x))^2) (divides by n)", inputs: real,
            params: [.period(5, min: 1),
                     IndicatorParam(name: "nbdev", talibName: "nbdev", defaultValue: 1, min: -1e6, max: 1e6, isInteger: false,
                                    help: "accepted for TA-Lib's signature; TA-Lib's VAR ignores it, and so does this", isModifier: true)],
            outputs: ["var"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [Kernels.variance(x[0], Int(p[0]))] },
            stream: { p, _ in StateStream(VarianceState(Int(p[0]))) { s, x in [s.next(x[0])] } }),
        rollingSpec("max", "highest value over the window", "max(x[i-n+1...i])", defaultPeriod: 30) { x, n, _ in Kernels.rollingMax(x, n) },
        rollingSpec("min", "lowest value over the window", "min(x[i-n+1...i])", defaultPeriod: 30) { x, n, _ in Kernels.rollingMin(x, n) },
        rollingSpec("sum", "sum over the window", "sum(x[i-n+1...i])", defaultPeriod: 30, windowed: false,
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
            name: "beta", group: "Statistic", summary: "TA-Lib's BETA: rolling beta of the second series' returns on the first's",
            formula: "ra, rb = one-bar returns of a and b (0 where the previous value is 0); beta = cov(ra, rb) / var(ra) over n returns; 0 when var(ra) is 0",
            inputs: [.series("a"), .series("b")], params: [.period(5, min: 1)], outputs: ["beta"],
            conventionNote: "TA-Lib's definition: pass prices, not returns; the FIRST series is the benchmark (beta(SPY.close, close) is the stock's beta). beta_cov is cov(a, b)/var(b) of the values as given.",
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in [talibBeta(x[0], x[1], Int(p[0]))] },
            windowed: true),
        IndicatorSpec(
            name: "beta_cov", group: "Statistic", summary: "rolling cov(a, b) / var(b) of the values given (pass returns for a return beta)",
            formula: "beta_cov = cov(a, b) / var(b) over the window; NaN when b is constant",
            inputs: [.series("a"), .series("b")], params: [.period(30)], outputs: ["beta_cov"],
            conventionNote: "The second series is the benchmark, and the values are used as given: beta_cov(pct(close), pct(SPY.close), 252). TA-Lib's BETA (beta) takes prices and the benchmark first.",
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [pairwise(x[0], x[1], Int(p[0])) { cov, _, vb in vb > 0 ? cov / vb : .nan }] },
            windowed: true),
        IndicatorSpec(
            name: "avgdev", group: "Statistic", summary: "mean absolute deviation from the window's mean",
            formula: "avgdev = sum(|x - mean(x, n)|) / n", inputs: real,
            params: [.period(14)], outputs: ["avgdev"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [avgdev(x[0], Int(p[0]))] },
            windowed: true),
        IndicatorSpec(
            name: "percentile", group: "Statistic", summary: "rolling percentile by the nearest-rank method",
            formula: "sorted window w (ascending); k = ceil(p * n / 100) clamped to 1...n; percentile = w[k]", inputs: real,
            params: [.period(30, min: 1), .real("percentile", 50, talib: "percentile", min: 0, max: 100, help: "percentage position in the sorted window")],
            outputs: ["percentile"],
            conventionNote: "TA-Lib's nearest rank: always a value of the window, never interpolated (quantile interpolates).",
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [percentile(x[0], Int(p[0]), p[1])] },
            windowed: true),
        IndicatorSpec(
            name: "percentrank", group: "Statistic", summary: "percent of the previous n values strictly below the current one",
            formula: "percentrank = 100 * count(x[j] < x[i], j = i-n ... i-1) / n", inputs: real,
            params: [.period(100, min: 1)], outputs: ["percentrank"],
            conventionNote: "TA-Lib's strict rule: ties do not count (TradingView's ta.percentrank counts them).",
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in [percentRank(x[0], Int(p[0]))] },
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

    /// TA-Lib's BETA: one-bar returns of both series (0 where the previous value is 0), then
    /// the least-squares slope of b's returns on a's over the last n returns, two-pass.
    static func talibBeta(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var out = Kernels.nans(a.count)
        guard n >= 1, n < a.count else { return out }
        func returns(_ x: [Double]) -> [Double] {
            (0..<x.count).map { i in i == 0 ? .nan : (x[i - 1] != 0 ? (x[i] - x[i - 1]) / x[i - 1] : 0) }
        }
        let ra = returns(a), rb = returns(b)
        let dn = Double(n)
        for i in n..<a.count {
            var ma = 0.0, mb = 0.0
            for j in (i - n + 1)...i { ma += ra[j]; mb += rb[j] }
            ma /= dn
            mb /= dn
            var sxy = 0.0, sxx = 0.0
            for j in (i - n + 1)...i {
                let da = ra[j] - ma
                sxy += da * (rb[j] - mb)
                sxx += da * da
            }
            // TA-Lib's test is on n·Σx² − (Σx)² = n²·var.
            out[i] = Kernels.isZero(dn * sxx) ? 0 : sxy / sxx
        }
        return out
    }

    static func avgdev(_ x: [Double], _ n: Int) -> [Double] {
        var out = Kernels.nans(x.count)
        guard n >= 1, n - 1 < x.count else { return out }
        for i in (n - 1)..<x.count {
            let mean = windowMean(x, i, n)
            var total = 0.0
            for j in (i - n + 1)...i { total += abs(x[j] - mean) }
            out[i] = total / Double(n)
        }
        return out
    }

    static func percentile(_ x: [Double], _ n: Int, _ p: Double) -> [Double] {
        var out = Kernels.nans(x.count)
        guard n >= 1, n - 1 < x.count else { return out }
        let rank = min(max(Int((p * Double(n) / 100).rounded(.up)), 1), n)
        var window = [Double](repeating: 0, count: n)
        for i in (n - 1)..<x.count {
            for j in 0..<n { window[j] = x[i - n + 1 + j] }
            window.sort()
            out[i] = window[rank - 1]
        }
        return out
    }

    static func percentRank(_ x: [Double], _ n: Int) -> [Double] {
        var out = Kernels.nans(x.count)
        guard n >= 1, n < x.count else { return out }
        for i in n..<x.count {
            var below = 0
            for j in (i - n)..<i where x[j] < x[i] { below += 1 }
            out[i] = Double(below) / Double(n) * 100
        }
        return out
    }
}

/// The linear regression window bar by bar, with TA-Lib 0.8's running sums and rebuilds
/// (see `StatisticIndicators.regression`); batch and stream both run it.
struct RegressionState {
    let n: Int
    let dn: Double
    let sumX: Double
    let divisor: Double
    var ring: [Double]
    var count = 0
    var sumXY = 0.0
    var sumY = 0.0
    var sumAbs = 0.0
    var untilRebuild = 0

    init(_ n: Int) {
        self.n = n
        dn = Double(n)
        sumX = dn * (dn - 1) * 0.5
        let sumXSqr = dn * (dn - 1) * (2 * dn - 1) / 6
        divisor = sumX * sumX - dn * sumXSqr
        ring = Array(repeating: 0, count: n)
    }

    /// (slope per bar, the line's value at the window's oldest bar) once the window is full.
    mutating func next(_ v: Double) -> (Double, Double)? {
        let slot = count % n
        let leaving = ring[slot]
        ring[slot] = v
        count += 1
        if count < n { return nil }
        if count == n {
            rebuild()
        } else {
            let weighted = dn * leaving
            sumXY = sumXY + sumY - weighted
            sumY = sumY - leaving + v
            sumAbs = sumAbs - abs(leaving) + abs(v)
            untilRebuild -= 1
            // TA-Lib 0.8 (#254): rebuilt every 32 windows, or at once when the departing
            // value outweighs the window (a spike's residue would outlive it).
            if untilRebuild <= 0 || abs(weighted) > 100 * sumAbs { rebuild() }
        }
        let m = (dn * sumXY - sumX * sumY) / divisor
        return (m, (sumY - m * sumX) / dn)
    }

    /// The sums from the window, oldest first; x counts bars back (the newest weighs 0).
    private mutating func rebuild() {
        sumXY = 0
        sumY = 0
        sumAbs = 0
        var i = n
        while i != 0 {
            i -= 1
            let value = ring[(count - 1 - i) % n]
            sumY += value
            sumXY += Double(i) * value
            sumAbs += abs(value)
        }
        untilRebuild = 32 * n
    }
}
