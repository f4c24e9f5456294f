/// Quantiles without a full sort. Historical VaR of 20 years of daily returns must take
/// tens of microseconds (`make bench`), and sorting 5,000 numbers costs several times
/// what selecting two of them does: Hoare's selection (quickselect with a median of
/// three) finds the k-th smallest in linear expected time.
///
/// The quantile is numpy's default ("linear", Hyndman & Fan type 7): position
/// q·(n − 1) between the two order statistics around it, which is what empyrical's
/// `value_at_risk` and `tail_ratio` and pandas' `Series.quantile` compute.
public enum OrderStatistics {
    /// The q-quantile (0 ≤ q ≤ 1) of the finite values of `x`; NaN when there are none.
    public static func quantile(_ x: [Double], _ q: Double) -> Double {
        var a = x.filter { $0.isFinite }
        return quantile(inPlace: &a, q)
    }

    /// The q-quantile of `a`, reordering it (every value must be finite).
    public static func quantile(inPlace a: inout [Double], _ q: Double) -> Double {
        let n = a.count
        guard n > 0, q >= 0, q <= 1 else { return .nan }
        let position = q * Double(n - 1)
        let lo = min(Int(position), n - 1)
        let t = position - Double(lo)
        return a.withUnsafeMutableBufferPointer { p -> Double in
            select(p, lo)
            let below = p[lo]
            guard t > 0, lo + 1 < n else { return below }
            // After selection everything past lo is ≥ p[lo]: the next order statistic is their minimum.
            var above = p[lo + 1]
            for k in (lo + 2)..<n where p[k] < above { above = p[k] }
            // numpy's lerp, which is exact at both ends.
            return t < 0.5 ? below + (above - below) * t : above - (above - below) * (1 - t)
        }
    }

    /// Moves the k-th smallest element of `p` to index k, smaller ones before it and
    /// larger ones after it.
    static func select(_ p: UnsafeMutableBufferPointer<Double>, _ k: Int) {
        var lo = 0, hi = p.count - 1
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            // Median of three to the middle, guarding against sorted input.
            if p[mid] < p[lo] { p.swapAt(mid, lo) }
            if p[hi] < p[lo] { p.swapAt(hi, lo) }
            if p[hi] < p[mid] { p.swapAt(hi, mid) }
            let pivot = p[mid]
            var i = lo, j = hi
            while i <= j {
                while p[i] < pivot { i += 1 }
                while p[j] > pivot { j -= 1 }
                if i <= j { p.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}
