import Foundation

/// Sample covariance and correlation of aligned return series, and the Cholesky factor a
/// Monte Carlo needs. A singular covariance (one series a linear combination of others:
/// the same symbol twice, a constant series) has no Cholesky factor; `cholesky` names the
/// series that made it so instead of returning a factor with NaNs.
public enum Covariance {
    /// The k×k sample covariance (ddof 1) of k series of equal length.
    public static func matrix(_ x: [[Double]]) -> [[Double]] {
        let k = x.count
        guard let n = x.first?.count, n >= 2 else { return Array(repeating: Array(repeating: .nan, count: k), count: k) }
        let means = x.map { $0.reduce(0, +) / Double(n) }
        var c = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for i in 0..<k {
            for j in i..<k {
                var s = 0.0
                let a = x[i], b = x[j], ma = means[i], mb = means[j]
                for t in 0..<n { s += (a[t] - ma) * (b[t] - mb) }
                c[i][j] = s / Double(n - 1)
                c[j][i] = c[i][j]
            }
        }
        return c
    }

    /// Pearson correlation of two equal-length series (NaN when either is constant).
    public static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = min(a.count, b.count)
        guard n >= 2 else { return .nan }
        let ma = a.prefix(n).reduce(0, +) / Double(n), mb = b.prefix(n).reduce(0, +) / Double(n)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for t in 0..<n {
            let da = a[t] - ma, db = b[t] - mb
            sab += da * db; saa += da * da; sbb += db * db
        }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : .nan
    }

    /// The correlation matrix of k series (a constant series correlates NaN with all).
    public static func correlationMatrix(_ x: [[Double]]) -> [[Double]] {
        let c = matrix(x)
        let k = x.count
        var r = c
        for i in 0..<k {
            for j in 0..<k {
                let d = (c[i][i] * c[j][j]).squareRoot()
                r[i][j] = i == j ? (c[i][i] > 0 ? 1 : .nan) : (d > 0 ? c[i][j] / d : .nan)
            }
        }
        return r
    }

    /// The lower-triangular L with L·Lᵀ = c. Throws `RiskError.singularCovariance` when a
    /// pivot is not clearly positive: relative to the series' own variance, a pivot below
    /// 1e-10 means the series is explained by those before it to ten digits.
    public static func cholesky(_ c: [[Double]], names: [String]) throws -> [[Double]] {
        let k = c.count
        var l = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for j in 0..<k {
            var d = c[j][j]
            for m in 0..<j { d -= l[j][m] * l[j][m] }
            guard c[j][j].isFinite, c[j][j] > 0, d > 1e-10 * c[j][j] else {
                let name = j < names.count ? names[j] : "series \(j + 1)"
                if !(c[j][j] > 0) { throw RiskError.singularCovariance("\(name) does not vary") }
                // The earlier series it follows most closely, to say which to drop.
                let partner = (0..<j).max { abs(c[$0][j]) / (c[$0][$0] * c[j][j]).squareRoot() < abs(c[$1][j]) / (c[$1][$1] * c[j][j]).squareRoot() }
                let why = partner.map { p in
                    "\(name) moves with \(p < names.count ? names[p] : "series \(p + 1)") (correlation "
                        + Format.fixed(c[p][j] / (c[p][p] * c[j][j]).squareRoot(), 4) + ")"
                } ?? "\(name) is a combination of the others"
                throw RiskError.singularCovariance(why)
            }
            l[j][j] = d.squareRoot()
            for i in (j + 1)..<k {
                var s = c[i][j]
                for m in 0..<j { s -= l[i][m] * l[j][m] }
                l[i][j] = s / l[j][j]
            }
        }
        return l
    }
}

/// Why a risk figure cannot be computed; each description is one line with the fix.
public enum RiskError: Error, Equatable, CustomStringConvertible {
    case confidence(Double)
    case horizon(requested: Int, available: Int)
    case tooFewReturns(Int, need: Int)
    case singularCovariance(String)
    case noCommonDates(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .confidence(let c): return "confidence \(Format.number(c * 100))% must be between 0% and 100% (exclusive)"
        case .horizon(let h, let n):
            return "horizon \(h) periods is longer than the \(n) returns of the data: give a shorter horizon or more data"
        case .tooFewReturns(let n, let need): return "\(n) returns are too few: this needs at least \(need)"
        case .singularCovariance(let why): return "the covariance is singular: \(why); drop one of them"
        case .noCommonDates(let why): return why
        case .invalid(let m): return m
        }
    }
}
