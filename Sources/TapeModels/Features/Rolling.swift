import Foundation

/// Causal rolling-window kernels for the feature catalogue: the value at bar t uses bars
/// t-n+1...t only, and is computed in one forward pass, so it is bit-for-bit the same
/// whether or not later bars exist (the look-ahead test relies on that). A window with a
/// NaN in it gives NaN; the running totals restart after the NaN leaves the window, so
/// one bad bar does not poison the rest of the series.
///
/// Speed matters (the whole matrix for 5,000 bars within 5 ms): every kernel is one pass
/// over preallocated output, O(1) per bar except `rollingMax`/`rollingMin` (amortised
/// O(1) with a monotone deque) and the few that say otherwise.
enum Rolling {
    static func nans(_ n: Int) -> [Double] { [Double](repeating: .nan, count: n) }

    /// Sum of the last n values, exact restarts after NaN (counted, not subtracted).
    static func sum(_ x: [Double], _ n: Int) -> [Double] {
        var out = nans(x.count)
        guard n >= 1 else { return out }
        x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                var total = 0.0, valid = 0
                for i in 0..<xs.count {
                    let v = xs[i]
                    if v.isNaN { total = 0; valid = 0; continue }
                    total += v
                    valid += 1
                    if valid > n { total -= xs[i - n] }
                    if valid >= n { o[i] = total }
                }
            }
        }
        return out
    }

    static func mean(_ x: [Double], _ n: Int) -> [Double] {
        var s = sum(x, n)
        let inv = 1 / Double(max(n, 1))
        for i in s.indices { s[i] *= inv }
        return s
    }

    /// Sample standard deviation (n - 1) from running sums of x and x², shifted by the
    /// window's first value to keep the cancellation small.
    static func std(_ x: [Double], _ n: Int) -> [Double] {
        let m = moments(x, n, order: 2)
        return m.variance.map { $0.isNaN ? .nan : max($0, 0).squareRoot() }
    }

    struct Moments {
        var mean: [Double]
        var variance: [Double]
        var skew: [Double]
        var kurtosis: [Double]
    }

    /// Rolling mean, sample variance and (for order 3 and 4) the sample skewness and
    /// excess kurtosis (pandas' bias-corrected definitions), from running sums of the
    /// powers of x - c, where c is the first value of the current run (the shift keeps
    /// the cancellation small for prices far from zero). O(1) per bar; a NaN restarts the
    /// sums, so a value depends only on its own window and the run before it, never on
    /// later bars.
    static func moments(_ x: [Double], _ n: Int, order: Int) -> Moments {
        let count = x.count
        var mean = nans(count), variance = nans(count)
        var skew = order >= 3 ? nans(count) : [], kurt = order >= 4 ? nans(count) : []
        guard n >= 2 else { return Moments(mean: mean, variance: variance, skew: skew, kurtosis: kurt) }
        let dn = Double(n)
        var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, valid = 0, c = 0.0
        x.withUnsafeBufferPointer { xs in
            for i in 0..<count {
                let v = xs[i]
                if v.isNaN { s1 = 0; s2 = 0; s3 = 0; s4 = 0; valid = 0; continue }
                if valid == 0 { c = v }
                let d = v - c, d2 = d * d
                s1 += d; s2 += d2
                if order >= 3 { s3 += d2 * d; s4 += d2 * d2 }
                valid += 1
                if valid > n {
                    let o = xs[i - n] - c, o2 = o * o
                    s1 -= o; s2 -= o2
                    if order >= 3 { s3 -= o2 * o; s4 -= o2 * o2 }
                }
                guard valid >= n else { continue }
                let m = s1 / dn
                // Central moments from the shifted power sums.
                let m2 = max(s2 / dn - m * m, 0)
                mean[i] = m + c
                variance[i] = m2 * dn / (dn - 1)
                if order >= 3 {
                    let m3 = s3 / dn - 3 * m * s2 / dn + 2 * m * m * m
                    skew[i] = m2 <= 1e-300 || n < 3 ? 0 : (dn * (dn - 1)).squareRoot() / (dn - 2) * m3 / pow(m2, 1.5)
                    if order >= 4 {
                        let m4 = s4 / dn - 4 * m * s3 / dn + 6 * m * m * s2 / dn - 3 * m * m * m * m
                        if m2 <= 1e-300 || n < 4 { kurt[i] = 0 } else {
                            let g2 = m4 / (m2 * m2) - 3
                            kurt[i] = (dn - 1) / ((dn - 2) * (dn - 3)) * ((dn + 1) * g2 + 6)
                        }
                    }
                }
            }
        }
        return Moments(mean: mean, variance: variance, skew: skew, kurtosis: kurt)
    }

    /// (x - rolling mean) / rolling sample std over the last n values; 0 when flat.
    static func zscore(_ x: [Double], _ n: Int) -> [Double] {
        let m = moments(x, n, order: 2)
        var out = nans(x.count)
        for i in x.indices where !m.mean[i].isNaN {
            let sd = max(m.variance[i], 0).squareRoot()
            out[i] = sd > 1e-300 ? (x[i] - m.mean[i]) / sd : 0
        }
        return out
    }

    static func rollingMax(_ x: [Double], _ n: Int) -> [Double] { extreme(x, n, >=) { _, at in x[at] } }
    static func rollingMin(_ x: [Double], _ n: Int) -> [Double] { extreme(x, n, <=) { _, at in x[at] } }

    /// Bars since the window's maximum (0 = this bar), over the last n bars. Ties: the
    /// most recent bar counts, as `>=` drops older equal values.
    static func barsSinceMax(_ x: [Double], _ n: Int) -> [Double] { extreme(x, n, >=) { i, at in Double(i - at) } }

    /// Monotone deque of indices: amortised O(1) per bar. `value(i, at)` turns bar i's
    /// window extreme, found at bar `at`, into the output.
    private static func extreme(_ x: [Double], _ n: Int, _ better: (Double, Double) -> Bool,
                                _ value: (Int, Int) -> Double) -> [Double] {
        var out = nans(x.count)
        guard n >= 1 else { return out }
        var deque = [Int](repeating: 0, count: x.count + 1)
        var head = 0, tail = 0, lastNaN = -1
        for i in 0..<x.count {
            let v = x[i]
            if v.isNaN { lastNaN = i; head = 0; tail = 0; continue }
            while tail > head, better(v, x[deque[tail - 1]]) { tail -= 1 }
            deque[tail] = i
            tail += 1
            while deque[head] <= i - n { head += 1 }
            if i - lastNaN >= n { out[i] = value(i, deque[head]) }
        }
        return out
    }

    /// Pearson correlation of x and y over the last n pairs, from running sums shifted by
    /// the run's first pair; 0 when either is flat.
    static func correlation(_ x: [Double], _ y: [Double], _ n: Int) -> [Double] {
        let count = min(x.count, y.count)
        var out = nans(count)
        guard n >= 2 else { return out }
        let dn = Double(n)
        var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0, valid = 0, cx = 0.0, cy = 0.0
        for i in 0..<count {
            if x[i].isNaN || y[i].isNaN { sx = 0; sy = 0; sxx = 0; syy = 0; sxy = 0; valid = 0; continue }
            if valid == 0 { cx = x[i]; cy = y[i] }
            let a = x[i] - cx, b = y[i] - cy
            sx += a; sy += b; sxx += a * a; syy += b * b; sxy += a * b
            valid += 1
            if valid > n {
                let oa = x[i - n] - cx, ob = y[i - n] - cy
                sx -= oa; sy -= ob; sxx -= oa * oa; syy -= ob * ob; sxy -= oa * ob
            }
            guard valid >= n else { continue }
            let vx = sxx - sx * sx / dn, vy = syy - sy * sy / dn, cv = sxy - sx * sy / dn
            out[i] = vx > 1e-300 && vy > 1e-300 ? max(-1, min(1, cv / (vx * vy).squareRoot())) : 0
        }
        return out
    }

    /// Lag-k autocorrelation of x over the last n values (pairs (x[j-k], x[j]) with both
    /// in the window).
    static func autocorrelation(_ x: [Double], lag k: Int, _ n: Int) -> [Double] {
        var lagged = nans(x.count)
        if k < x.count { for i in k..<x.count { lagged[i] = x[i - k] } }
        return correlation(lagged, x, n - k)
    }

    /// Least-squares slope (per bar) and R² of the last n values against time (bar 0 the
    /// oldest of the window), from running sums: the plain sum, the sum weighted by the
    /// bar's place in the window (which drops by one for every value when the window
    /// moves) and the sum of squares, all shifted by the run's first value.
    static func regression(_ y: [Double], _ n: Int) -> (slope: [Double], r2: [Double]) {
        var slope = nans(y.count), r2 = nans(y.count)
        guard n >= 3 else { return (slope, r2) }
        let dn = Double(n)
        let mx = (dn - 1) / 2
        let sxx = dn * (dn * dn - 1) / 12
        var s = 0.0, w = 0.0, ss = 0.0, valid = 0, c = 0.0
        for i in 0..<y.count {
            if y[i].isNaN { s = 0; w = 0; ss = 0; valid = 0; continue }
            if valid == 0 { c = y[i] }
            let v = y[i] - c
            if valid >= n {
                let old = y[i - n] - c
                // Every value moves one place older: the weighted sum loses the plain sum.
                w -= s - old
                s -= old
                ss -= old * old
                w += (dn - 1) * v
            } else {
                w += Double(valid) * v
            }
            s += v
            ss += v * v
            valid += 1
            guard valid >= n else { continue }
            let sxy = w - mx * s
            let syy = ss - s * s / dn
            let b = sxy / sxx
            slope[i] = b
            r2[i] = syy > 1e-300 ? min(1, max(0, b * sxy / syy)) : 0
        }
        return (slope, r2)
    }

    /// Hurst exponent of the returns in the last n bars by the aggregated-variance
    /// (variance-time) method: the variance of k-bar sums of returns grows as k^(2H), so H
    /// is half the least-squares slope of ln var against ln k, for k = 1, 2, 4, 8, 16
    /// (0.5 for a random walk, above it trending, below it mean-reverting). Each k-bar
    /// variance is a rolling variance of overlapping k-bar sums inside the window, O(1)
    /// per bar.
    static func hurst(_ r: [Double], _ n: Int) -> [Double] {
        var out = nans(r.count)
        let ks = [1, 2, 4, 8, 16].filter { n - $0 + 1 >= 8 }
        guard ks.count >= 2 else { return out }
        let variances: [[Double]] = ks.map { k in
            // The k-bar sums ending at each bar, then their variance over the sums whose
            // bars all lie in the window (n - k + 1 of them).
            let sums = sum(r, k)
            return moments(sums, n - k + 1, order: 2).variance
        }
        let lx = ks.map { log(Double($0)) }
        let mx = lx.reduce(0, +) / Double(ks.count)
        let sxx = lx.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        for i in r.indices {
            var sy = 0.0, sxy = 0.0, ok = true
            for (j, v) in variances.enumerated() {
                let x = v[i]
                guard x > 0 else { ok = false; break }
                let ly = 0.5 * log(x)
                sy += ly
                sxy += (lx[j] - mx) * ly
            }
            guard ok else { continue }
            out[i] = sxy / sxx
        }
        return out
    }

    /// Fraction of the previous n - 1 values that lie below the current one (0...1): a
    /// causal percentile rank. The window is kept sorted (binary search, then one move of
    /// the values above), O(log n + n/k) per bar.
    static func percentileRank(_ x: [Double], _ n: Int) -> [Double] {
        var out = nans(x.count)
        guard n >= 2 else { return out }
        var window: [Double] = []
        window.reserveCapacity(n)
        func position(_ v: Double) -> Int {
            var lo = 0, hi = window.count
            while lo < hi { let mid = (lo + hi) / 2; if window[mid] < v { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        var valid = 0
        for i in 0..<x.count {
            let v = x[i]
            if v.isNaN { window.removeAll(keepingCapacity: true); valid = 0; continue }
            valid += 1
            if valid >= n {
                // The previous n - 1 values are in the window: count those below v.
                out[i] = Double(position(v)) / Double(n - 1)
            }
            if valid > n - 1 {
                let old = x[i - (n - 1)]
                window.remove(at: position(old))
            }
            window.insert(v, at: position(v))
        }
        return out
    }

    /// x shifted k bars later (the value k bars back), NaN before.
    static func lag(_ x: [Double], _ k: Int) -> [Double] {
        var out = nans(x.count)
        guard k >= 0, k < x.count else { return out }
        for i in k..<x.count { out[i] = x[i - k] }
        return out
    }
}

extension Rolling {
    /// EMA with k = 2/(n+1), seeded with the mean of its first n valid inputs (TA-Lib's
    /// rule); restarts after a NaN.
    static func ema(_ x: [Double], _ n: Int) -> [Double] {
        var out = nans(x.count)
        guard n >= 1 else { return out }
        let k = 2 / (Double(n) + 1)
        var total = 0.0, valid = 0, prev = 0.0
        for i in 0..<x.count {
            let v = x[i]
            if v.isNaN { valid = 0; total = 0; continue }
            valid += 1
            if valid < n { total += v; continue }
            if valid == n { total += v; prev = total / Double(n) } else { prev = (v - prev) * k + prev }
            out[i] = prev
        }
        return out
    }
}
