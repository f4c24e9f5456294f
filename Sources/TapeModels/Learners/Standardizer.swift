/// Per-feature mean and standard deviation of the training rows, applied to every row a
/// linear or kernel model sees (scikit-learn's StandardScaler: population std; a constant
/// column is refused before it gets here, see `DesignCheck`).
public struct Standardizer: Sendable, Equatable, Codable {
    public var means: [Double]
    public var scales: [Double]

    public init(means: [Double], scales: [Double]) {
        self.means = means
        self.scales = scales
    }

    public static func fit(_ x: [Double], rows: Int, cols: Int) -> Standardizer {
        var means = [Double](repeating: 0, count: cols), scales = [Double](repeating: 1, count: cols)
        guard rows > 0 else { return Standardizer(means: means, scales: scales) }
        for j in 0..<cols {
            var s = 0.0
            for r in 0..<rows { s += x[r * cols + j] }
            let m = s / Double(rows)
            var ss = 0.0
            for r in 0..<rows { let d = x[r * cols + j] - m; ss += d * d }
            let sd = (ss / Double(rows)).squareRoot()
            means[j] = m
            scales[j] = sd > 0 ? sd : 1
        }
        return Standardizer(means: means, scales: scales)
    }

    public func apply(_ x: [Double], cols: Int) -> [Double] {
        var out = x
        guard cols == means.count, cols > 0 else { return out }
        for i in out.indices {
            let j = i % cols
            out[i] = (x[i] - means[j]) / scales[j]
        }
        return out
    }
}

/// Checks a design matrix before a linear or kernel model sees it: a column that is
/// constant over the training rows, or one that is a linear combination of earlier ones,
/// makes the matrix singular, which a penalised library would paper over with an
/// arbitrary split of the weight. The error names the column.
public enum DesignCheck {
    /// Modified Gram-Schmidt on the standardised columns; a column whose remainder is
    /// below 1e-9 of its norm is dependent. O(rows · cols²).
    public static func singularColumn(_ x: [Double], rows: Int, cols: Int, names: [String]) -> String? {
        guard rows > 0, cols > 0 else { return nil }
        var basis: [[Double]] = []
        for j in 0..<cols {
            var v = (0..<rows).map { x[$0 * cols + j] }
            let m = v.reduce(0, +) / Double(rows)
            for r in 0..<rows { v[r] -= m }
            let norm0 = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let name = j < names.count ? names[j] : "column \(j + 1)"
            if norm0 <= 1e-12 * max(1, abs(m)) { return "'\(name)' is constant over the training rows" }
            for b in basis {
                var d = 0.0
                for r in 0..<rows { d += v[r] * b[r] }
                for r in 0..<rows { v[r] -= d * b[r] }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm <= 1e-9 * norm0 { return "'\(name)' is a linear combination of the features before it" }
            basis.append(v.map { $0 / norm })
        }
        return nil
    }
}
