import Foundation

/// Ordinary least squares by Householder QR: coefficients, their t-values, the residuals and
/// the information criterion statsmodels reports (`OLS(...).fit().aic`). The design matrix is
/// small (a level, a constant, a few lags), so a dense column-major QR is plenty and keeps
/// the t-values accurate to the last digits statsmodels' pinv gives.
public struct LeastSquares: Sendable {
    public let coefficients: [Double]
    public let tValues: [Double]
    public let residuals: [Double]
    /// Sum of squared residuals.
    public let ssr: Double
    public let observations: Int
    /// Regressors (the rank of a full-rank design).
    public let regressors: Int

    /// statsmodels' AIC: −2 log-likelihood + 2 × regressors, Gaussian likelihood.
    public var aic: Double { Self.aic(ssr: ssr, observations: observations, regressors: regressors) }

    /// Fits `y` on the columns of `x` (each column as long as `y`); nil when the design
    /// is rank deficient or there are no residual degrees of freedom.
    /// Householder QR of the columns `x`, with Qᵀy: the reduced columns (R above the
    /// diagonal, the reflectors below), R's diagonal and Qᵀy. Nil for a zero column.
    private static func decompose(_ y: [Double], _ x: [[Double]], cancel: () throws -> Void) rethrows -> (a: [[Double]], rDiag: [Double], qty: [Double])? {
        let n = y.count, k = x.count
        var a = x
        var qty = y
        var rDiag = [Double](repeating: 0, count: k)
        for j in 0..<k {
            var norm = 0.0
            for i in j..<n { norm = hypot(norm, a[j][i]) }
            guard norm > 0 else { return nil }
            if a[j][j] < 0 { norm = -norm }
            for i in j..<n { a[j][i] /= norm }
            a[j][j] += 1
            for c in (j + 1)..<max(j + 1, k) {
                // A long design's QR takes seconds: let Ctrl-C in between columns.
                try cancel()
                var s = 0.0
                for i in j..<n { s += a[j][i] * a[c][i] }
                s = -s / a[j][j]
                for i in j..<n { a[c][i] += s * a[j][i] }
            }
            var s = 0.0
            for i in j..<n { s += a[j][i] * qty[i] }
            s = -s / a[j][j]
            for i in j..<n { qty[i] += s * a[j][i] }
            rDiag[j] = -norm
        }
        return (a, rDiag, qty)
    }

    /// statsmodels' AIC of `y` on the first 1, 2, ..., k columns, from one QR: the
    /// residual sum of squares of the first m columns is Σ_{i ≥ m} (Qᵀy)ᵢ². Nil as `fit`.
    public static func nestedAIC(_ y: [Double], columns x: [[Double]], cancel: () throws -> Void) rethrows -> [Double]? {
        let n = y.count, k = x.count
        guard k > 0, n > k, x.allSatisfy({ $0.count == n }), let d = try decompose(y, x, cancel: cancel) else { return nil }
        var tail = [Double](repeating: 0, count: k + 1)
        var acc = 0.0
        for i in stride(from: n - 1, through: k, by: -1) { acc += d.qty[i] * d.qty[i] }
        tail[k] = acc
        for m in stride(from: k - 1, through: 0, by: -1) { tail[m] = tail[m + 1] + d.qty[m] * d.qty[m] }
        return (1...k).map { m in aic(ssr: tail[m], observations: n, regressors: m) }
    }

    static func aic(ssr: Double, observations: Int, regressors: Int) -> Double {
        let n = Double(observations)
        let llf = -n / 2 * (log(2 * Double.pi) + log(ssr / n) + 1)
        return -2 * llf + 2 * Double(regressors)
    }

    /// Fits `y` on the columns of `x` (each column as long as `y`); nil when the design
    /// is rank deficient or there are no residual degrees of freedom.
    public static func fit(_ y: [Double], columns x: [[Double]]) -> LeastSquares? { fit(y, columns: x) {} }

    /// As `fit`, calling `cancel` between columns of the decomposition.
    public static func fit(_ y: [Double], columns x: [[Double]], cancel: () throws -> Void) rethrows -> LeastSquares? {
        let n = y.count, k = x.count
        guard k > 0, n > k, x.allSatisfy({ $0.count == n }), let (a, rDiag, qty) = try decompose(y, x, cancel: cancel) else { return nil }
        // R: r[i][j] for i < j is a[j][i], diagonal rDiag.
        func r(_ i: Int, _ j: Int) -> Double { i == j ? rDiag[i] : a[j][i] }
        let scale = rDiag.map(abs).max() ?? 0
        guard rDiag.allSatisfy({ abs($0) > scale * 1e-12 }) else { return nil }
        var beta = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
            var s = qty[i]
            for j in (i + 1)..<max(i + 1, k) { s -= r(i, j) * beta[j] }
            beta[i] = s / r(i, i)
        }
        var resid = y
        var ssr = 0.0
        for i in 0..<n {
            var fitted = 0.0
            for j in 0..<k { fitted += x[j][i] * beta[j] }
            resid[i] = y[i] - fitted
            ssr += resid[i] * resid[i]
        }
        // (X'X)^-1 = R^-1 R^-T: the diagonal is the row sums of squares of R^-1.
        var rInv = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for c in 0..<k {
            rInv[c][c] = 1 / r(c, c)
            for i in stride(from: c - 1, through: 0, by: -1) {
                var s = 0.0
                for j in (i + 1)...c { s += r(i, j) * rInv[j][c] }
                rInv[i][c] = -s / r(i, i)
            }
        }
        let sigma2 = ssr / Double(n - k)
        let t = (0..<k).map { i in
            beta[i] / (sigma2 * (i..<k).reduce(0.0) { $0 + rInv[i][$1] * rInv[i][$1] }).squareRoot()
        }
        return LeastSquares(coefficients: beta, tValues: t, residuals: resid, ssr: ssr, observations: n, regressors: k)
    }
}
