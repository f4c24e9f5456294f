import Foundation

/// Realised volatility estimators over a rolling window of n bars, annualised by
/// sqrt(periods_per_year). Log prices throughout; a non-positive price gives NaN.
enum RealisedVolatility {
    static let ppy = IndicatorParam.real("periods_per_year", 252, min: 1, max: 1e6, help: "bars per year for annualising")

    static func spec(_ name: String, _ summary: String, _ formula: String, lookback: @escaping @Sendable (Int) -> Int,
                     _ f: @escaping @Sendable ([[Double]], Int) -> [Double]) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Volatility", summary: summary, formula: formula,
            inputs: [.open, .high, .low, .close], params: [.period(20), ppy], outputs: [name],
            conventionNote: "Annualised: the per-bar variance times periods_per_year, square-rooted.",
            lookback: { lookback(Int($0[0])) },
            kernel: { x, p, _ in [f(x, Int(p[0])).map { v in v.isNaN ? Double.nan : (v * p[1]).squareRoot() }] },
            windowed: true)
    }

    static let all: [IndicatorSpec] = [
        spec("rv_cc", "close-to-close realised volatility",
             "r = ln(c / c_prev); var = sum((r - mean r)^2) / (n - 1) over n returns", lookback: { $0 }) { x, n in
            let c = x[3]
            var r = Kernels.nans(c.count)
            for i in 1..<max(c.count, 1) { r[i] = log(c[i] / c[i - 1]) }
            return window(c.count, n, from: 1) { lo, hi in sampleVariance(r[lo...hi]) }
        },
        spec("rv_parkinson", "Parkinson high-low realised volatility",
             "var = sum(ln(h / l)^2) / (4 n ln 2)", lookback: { $0 - 1 }) { x, n in
            let hl: [Double] = (0..<x[0].count).map { i in pow(log(x[1][i] / x[2][i]), 2) }
            return window(hl.count, n, from: 0) { lo, hi in hl[lo...hi].reduce(0, +) / (4 * Double(n) * log(2.0)) }
        },
        spec("rv_gk", "Garman-Klass realised volatility",
             "var = mean(0.5 ln(h / l)^2 - (2 ln 2 - 1) ln(c / o)^2)", lookback: { $0 - 1 }) { x, n in
            let kOC = 2 * log(2.0) - 1
            let terms: [Double] = (0..<x[0].count).map { i in
                let hl: Double = pow(log(x[1][i] / x[2][i]), 2)
                let oc: Double = pow(log(x[3][i] / x[0][i]), 2)
                return 0.5 * hl - kOC * oc
            }
            return window(terms.count, n, from: 0) { lo, hi in terms[lo...hi].reduce(0, +) / Double(n) }
        },
        spec("rv_yz", "Yang-Zhang realised volatility (overnight, open-to-close and Rogers-Satchell parts)",
             "var = var(ln(o / c_prev)) + k var(ln(c / o)) + (1 - k) mean(rs), k = 0.34 / (1.34 + (n + 1) / (n - 1)), rs = ln(h/c) ln(h/o) + ln(l/c) ln(l/o)",
             lookback: { $0 }) { x, n in
            let o = x[0], h = x[1], l = x[2], c = x[3]
            let count = c.count
            var overnight = Kernels.nans(count), openClose = Kernels.nans(count), rs = Kernels.nans(count)
            for i in 0..<count {
                if i > 0 { overnight[i] = log(o[i] / c[i - 1]) }
                openClose[i] = log(c[i] / o[i])
                let upper: Double = log(h[i] / c[i]) * log(h[i] / o[i])
                let lower: Double = log(l[i] / c[i]) * log(l[i] / o[i])
                rs[i] = upper + lower
            }
            let dn = Double(n)
            let k = 0.34 / (1.34 + (dn + 1) / (dn - 1))
            return window(count, n, from: 1) { lo, hi in
                sampleVariance(overnight[lo...hi]) + k * sampleVariance(openClose[lo...hi])
                    + (1 - k) * rs[lo...hi].reduce(0, +) / dn
            }
        },
    ]

    /// Applies `f(lo, hi)` to each full window [i-n+1, i] whose start is at least `from`.
    static func window(_ count: Int, _ n: Int, from: Int, _ f: (Int, Int) -> Double) -> [Double] {
        var out = Kernels.nans(count)
        var i = from + n - 1
        while i < count {
            out[i] = f(i - n + 1, i)
            i += 1
        }
        return out
    }

    /// Two-pass sample variance (divides by count - 1).
    static func sampleVariance(_ x: ArraySlice<Double>) -> Double {
        let mean = x.reduce(0, +) / Double(x.count)
        return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
    }
}
