import Foundation

/// Correlation as a picture and as a limit: the matrix, a rolling correlation of two
/// series, and an order of the series that puts those that move together side by side
/// (the heatmap's rows and columns).
public enum Correlation {
    /// Correlation of `a` and `b` over each trailing window of `window` returns; NaN
    /// before the first full window and for a window holding a NaN or a constant series.
    public static func rolling(_ a: [Double], _ b: [Double], window w: Int) -> [Double] {
        let n = min(a.count, b.count)
        var out = [Double](repeating: .nan, count: n)
        guard w >= 2, n >= w else { return out }
        // Two-pass per window: windows are short (tens to hundreds) and a running sum of
        // products loses digits when the means are far from zero.
        for t in (w - 1)..<n {
            let lo = t - w + 1
            var ok = true
            for k in lo...t where !(a[k].isFinite && b[k].isFinite) { ok = false; break }
            guard ok else { continue }
            out[t] = Covariance.correlation(Array(a[lo...t]), Array(b[lo...t]))
        }
        return out
    }

    /// The leaf order of average-linkage hierarchical clustering on the distance
    /// d = √((1 − ρ)/2) (0 for series that move as one, 1 for opposites): SciPy's
    /// `leaves_list(linkage(squareform(d), "average"))`. Each merge joins the two
    /// closest clusters (the first pair in index order on a tie), the cluster made
    /// earlier (or the lower original index) on the left; leaves are read left to
    /// right. A NaN correlation counts as 0 (unrelated).
    public static func clusterOrder(_ rho: [[Double]]) -> [Int] {
        let n = rho.count
        guard n > 2 else { return Array(0..<n) }
        // Cluster ids: 0..<n leaves, n + m the m-th merge (SciPy's numbering).
        var members: [Int: [Int]] = [:]
        var active: [Int] = Array(0..<n)
        for i in 0..<n { members[i] = [i] }
        func d(_ i: Int, _ j: Int) -> Double {
            let r = rho[i][j].isFinite ? min(max(rho[i][j], -1), 1) : 0
            return ((1 - r) / 2).squareRoot()
        }
        var dist = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n { for j in 0..<n { dist[i][j] = i == j ? 0 : d(i, j) } }
        // Average linkage between clusters, kept in a dictionary keyed by id pairs.
        var between: [Int: [Int: Double]] = [:]
        for i in 0..<n { for j in 0..<n where i != j { between[i, default: [:]][j] = dist[i][j] } }
        var children: [Int: (Int, Int)] = [:]
        var next = n
        while active.count > 1 {
            var best = (Double.infinity, 0, 0)
            for (x, a) in active.enumerated() {
                for b in active[(x + 1)...] {
                    let v = between[a]?[b] ?? .infinity
                    if v < best.0 { best = (v, a, b) }
                }
            }
            let (_, a, b) = best
            let left = min(a, b), right = max(a, b)
            children[next] = (left, right)
            let merged = (members[left] ?? []) + (members[right] ?? [])
            members[next] = merged
            active.removeAll { $0 == a || $0 == b }
            for c in active {
                // Average of every leaf-to-leaf distance (UPGMA).
                var s = 0.0
                for i in merged { for j in members[c] ?? [] { s += dist[i][j] } }
                let v = s / Double(merged.count * (members[c]?.count ?? 1))
                between[next, default: [:]][c] = v
                between[c, default: [:]][next] = v
            }
            active.append(next)
            next += 1
        }
        var order: [Int] = []
        var stack = [next - 1]
        while let id = stack.popLast() {
            if let (l, r) = children[id] { stack.append(r); stack.append(l) } else { order.append(id) }
        }
        return order
    }
}
