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

    /// Rolling mean, sample variance and (for order 4) the sample skewness and excess
    /// kurtosis (pandas' bias-corrected definitions), each window summed afresh in the
    /// window's own order: O(n·w), exact and free of running-sum drift. Windows here are
    /// at most a few hundred bars.
    static func moments(_ x: [Double], _ n: Int, order: Int) -> Moments {
        let count = x.count
        var mean = nans(count), variance = nans(count)
        var skew = order >= 3 ? nans(count) : [], kurt = order >= 4 ? nans(count) : []
        guard n >= 2 else { return Moments(mean: mean, variance: variance, skew: skew, kurtosis: kurt) }
        let dn = Double(n)
        var lastNaN = -1
        x.withUnsafeBufferPointer { xs in
            for i in 0..<count {
                if xs[i].isNaN { lastNaN = i; continue }
                guard i - lastNaN >= n else { continue }
                var s = 0.0
                for j in (i - n + 1)...i { s += xs[j] }
                let m = s / dn
                var m2 = 0.0, m3 = 0.0, m4 = 0.0
                if order >= 3 {
                    for j in (i - n + 1)...i { let d = xs[j] - m; let d2 = d * d; m2 += d2; m3 += d2 * d; m4 += d2 * d2 }
                } else {
                    for j in (i - n + 1)...i { let d = xs[j] - m; m2 += d * d }
                }
                mean[i] = m
                variance[i] = m2 / (dn - 1)
                if order >= 3 {
                    let b2 = m2 / dn, b3 = m3 / dn
                    if b2 <= 1e-300 || n < 3 { skew[i] = 0 } else {
                        skew[i] = (dn * (dn - 1)).squareRoot() / (dn - 2) * b3 / pow(b2, 1.5)
                    }
                }
                if order >= 4 {
                    let b2 = m2 / dn, b4 = m4 / dn
                    if b2 <= 1e-300 || n < 4 { kurt[i] = 0 } else {
                        let g2 = b4 / (b2 * b2) - 3
                        kurt[i] = (dn - 1) / ((dn - 2) * (dn - 3)) * ((dn + 1) * g2 + 6)
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

    static func rollingMax(_ x: [Double], _ n: Int) -> [Double] { extreme(x, n, >=) }
    static func rollingMin(_ x: [Double], _ n: Int) -> [Double] { extreme(x, n, <=) }

    /// Monotone deque of indices: amortised O(1) per bar.
    private static func extreme(_ x: [Double], _ n: Int, _ better: (Double, Double) -> Bool) -> [Double] {
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
            if i - lastNaN >= n { out[i] = x[deque[head]] }
        }
        return out
    }

    /// Bars since the window's maximum (0 = this bar), over the last n bars.
    static func barsSinceMax(_ x: [Double], _ n: Int) -> [Double] {
        var out = nans(x.count)
        guard n >= 1 else { return out }
        var deque = [Int](repeating: 0, count: x.count + 1)
        var head = 0, tail = 0, lastNaN = -1
        for i in 0..<x.count {
            let v = x[i]
            if v.isNaN { lastNaN = i; head = 0; tail = 0; continue }
            // Ties: the most recent bar counts, so `>=` drops older equal values.
            while tail > head, v >= x[deque[tail - 1]] { tail -= 1 }
            deque[tail] = i
            tail += 1
            while deque[head] <= i - n { head += 1 }
            if i - lastNaN >= n { out[i] = Double(i - deque[head]) }
        }
        return out
    }

    /// Pearson correlation of x and y over the last n pairs, summed afresh per window.
    static func correlation(_ x: [Double], _ y: [Double], _ n: Int) -> [Double] {
        let count = min(x.count, y.count)
        var out = nans(count)
        guard n >= 2 else { return out }
        var lastNaN = -1
        let dn = Double(n)
        for i in 0..<count {
            if x[i].isNaN || y[i].isNaN { lastNaN = i; continue }
            guard i - lastNaN >= n else { continue }
            var sx = 0.0, sy = 0.0
            for j in (i - n + 1)...i { sx += x[j]; sy += y[j] }
            let mx = sx / dn, my = sy / dn
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for j in (i - n + 1)...i {
                let dx = x[j] - mx, dy = y[j] - my
                sxy += dx * dy; sxx += dx * dx; syy += dy * dy
            }
            let d = (sxx * syy).squareRoot()
            out[i] = d > 1e-300 ? sxy / d : 0
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

    /// Least-squares slope (per bar) and R² of the last n values against time.
    static func regression(_ y: [Double], _ n: Int) -> (slope: [Double], r2: [Double]) {
        var slope = nans(y.count), r2 = nans(y.count)
        guard n >= 3 else { return (slope, r2) }
        let dn = Double(n)
        let mx = (dn - 1) / 2
        var sxx = 0.0
        for j in 0..<n { let d = Double(j) - mx; sxx += d * d }
        var lastNaN = -1
        for i in 0..<y.count {
            if y[i].isNaN { lastNaN = i; continue }
            guard i - lastNaN >= n else { continue }
            var sy = 0.0
            for j in (i - n + 1)...i { sy += y[j] }
            let my = sy / dn
            var sxy = 0.0, syy = 0.0
            for j in 0..<n {
                let dy = y[i - n + 1 + j] - my
                sxy += (Double(j) - mx) * dy
                syy += dy * dy
            }
            let b = sxy / sxx
            slope[i] = b
            r2[i] = syy > 1e-300 ? (b * sxy) / syy : 0
        }
        return (slope, r2)
    }

    /// Rescaled-range Hurst exponent of the returns in the last n bars: log(R/S) against
    /// log(size) over sub-windows of sizes n/8, n/4, n/2 and n, fitted by least squares.
    /// O(n) per bar.
    static func hurst(_ r: [Double], _ n: Int) -> [Double] {
        var out = nans(r.count)
        let sizes = [n / 8, n / 4, n / 2, n].filter { $0 >= 8 }
        guard sizes.count >= 2 else { return out }
        var lastNaN = -1
        var logSize = [Double](), logRS = [Double]()
        logSize.reserveCapacity(sizes.count)
        logRS.reserveCapacity(sizes.count)
        for i in 0..<r.count {
            if r[i].isNaN { lastNaN = i; continue }
            guard i - lastNaN >= n else { continue }
            logSize.removeAll(keepingCapacity: true)
            logRS.removeAll(keepingCapacity: true)
            for s in sizes {
                // Average R/S over the non-overlapping chunks of size s ending at bar i.
                var total = 0.0, chunks = 0
                var end = i
                while end - s + 1 >= i - n + 1 {
                    let lo = end - s + 1
                    var m = 0.0
                    for j in lo...end { m += r[j] }
                    m /= Double(s)
                    var cum = 0.0, hi = -Double.infinity, low = Double.infinity, ss = 0.0
                    for j in lo...end {
                        let d = r[j] - m
                        cum += d
                        if cum > hi { hi = cum }
                        if cum < low { low = cum }
                        ss += d * d
                    }
                    let sd = (ss / Double(s)).squareRoot()
                    if sd > 1e-300 { total += (hi - low) / sd; chunks += 1 }
                    end -= s
                }
                if chunks > 0, total > 0 {
                    logSize.append(log(Double(s)))
                    logRS.append(log(total / Double(chunks)))
                }
            }
            guard logSize.count >= 2 else { out[i] = 0.5; continue }
            let k = Double(logSize.count)
            let mx = logSize.reduce(0, +) / k, my = logRS.reduce(0, +) / k
            var sxy = 0.0, sxx = 0.0
            for (a, b) in zip(logSize, logRS) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx) }
            out[i] = sxx > 0 ? sxy / sxx : 0.5
        }
        return out
    }

    /// Fraction of the last n values that lie below the current one (0...1), the current
    /// one excluded: a causal percentile rank. O(n) per bar.
    static func percentileRank(_ x: [Double], _ n: Int) -> [Double] {
        var out = nans(x.count)
        guard n >= 2 else { return out }
        var lastNaN = -1
        for i in 0..<x.count {
            if x[i].isNaN { lastNaN = i; continue }
            guard i - lastNaN >= n else { continue }
            var below = 0
            for j in (i - n + 1)..<i where x[j] < x[i] { below += 1 }
            out[i] = Double(below) / Double(n - 1)
        }
        return out
    }

    /// x[t] / x[t - k] - 1 style ratios need a lag: x shifted k bars later, NaN before.
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
