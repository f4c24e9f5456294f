import Foundation

/// How the second leg is weighed against the first in `spread = A − hedge × B`.
public enum HedgeMethod: String, Sendable, CaseIterable {
    /// A on B with a constant (the regression Engle-Granger runs).
    case ols
    /// Total least squares (orthogonal regression): the same line whichever leg is called A.
    case tls
    /// Mean of A over mean of B: equal money in both legs at the average prices.
    case ratio
}

/// A pair's spread and what says whether it reverts: the hedge ratio, the spread's z-score,
/// its half-life and the Engle-Granger test of A and B.
public struct PairSpread: Sendable {
    public let hedge: Double
    public let intercept: Double
    /// A − hedge × B − intercept at every aligned observation.
    public let spread: [Double]
    /// (spread − mean) / standard deviation (sample, n − 1), over the whole overlap.
    public let zScore: [Double]
    public let mean: Double
    public let standardDeviation: Double
    /// Observations for half the distance to the mean to close, from Δs = a + λ s₋₁ (the
    /// AR(1) s = (1 + λ) s₋₁): −ln 2 / ln(1 + λ); infinite when λ ≥ 0 (no reversion).
    public let halfLife: Double
    public let reversionSpeed: Double

    public static func compute(_ a: [Double], _ b: [Double], method: HedgeMethod) -> PairSpread? {
        guard a.count == b.count, a.count >= 3 else { return nil }
        let (h, c): (Double, Double)
        switch method {
        case .ols:
            guard let f = LeastSquares.fit(a, columns: [b, [Double](repeating: 1, count: b.count)]) else { return nil }
            (h, c) = (f.coefficients[0], f.coefficients[1])
        case .tls:
            let ma = mean(a), mb = mean(b)
            var sab = 0.0, saa = 0.0, sbb = 0.0
            for i in a.indices {
                sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb)
            }
            guard sab != 0 else { return nil }
            // Slope of the first principal axis of (B, A).
            let slope = (saa - sbb + ((saa - sbb) * (saa - sbb) + 4 * sab * sab).squareRoot()) / (2 * sab)
            (h, c) = (slope, ma - slope * mb)
        case .ratio:
            let mb = mean(b)
            guard mb != 0 else { return nil }
            (h, c) = (mean(a) / mb, 0)
        }
        let s = zip(a, b).map { $0 - h * $1 - c }
        let m = mean(s)
        let sd = (s.reduce(0.0) { $0 + ($1 - m) * ($1 - m) } / Double(s.count - 1)).squareRoot()
        let z = s.map { sd > 0 ? ($0 - m) / sd : .nan }
        let lagged = Array(s.dropLast())
        let diff = (1..<s.count).map { s[$0] - s[$0 - 1] }
        let speed = LeastSquares.fit(diff, columns: [lagged, [Double](repeating: 1, count: lagged.count)])?.coefficients[0] ?? .nan
        let halfLife = speed < 0 ? -log(2) / log1p(speed) : .infinity
        return PairSpread(hedge: h, intercept: c, spread: s, zScore: z, mean: m, standardDeviation: sd,
                          halfLife: halfLife, reversionSpeed: speed)
    }

    static func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }
}
