/// The rolling mean of `Convention.pandas`: pandas `Series.rolling(n).mean()` to the bit,
/// as backtesting.py's examples compute their SMAs. Strict crossovers of two averages can
/// hinge on the last bit, so reproducing that library's trade lists needs its rounding,
/// not TA-Lib's running total (`Kernels.sma`); the rules differ too: a NaN inside the
/// window gives NaN for that window only (pandas counts observations), where TA-Lib's
/// running total stays NaN from then on.
///
/// `RollingMeanTests` demands bit-identical output against pandas 3.1.1.
enum PandasRollingMean {
    static func mean(_ x: [Double], _ n: Int) -> [Double] {
        var out = Kernels.nans(x.count)
        guard n >= 1, x.count >= n else { return out }
        let steady = allPositive(x)
        x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                var m = RollingMean(n)
                for i in 0..<(steady ? n : xs.count) { m.step(xs, i, o) }
                if steady { for i in n..<xs.count { o[i] = m.steady(leaving: xs[i - n], entering: xs[i]) } }
            }
        }
        return out
    }

    /// Whether every value is a positive finite number: then a full window never skips a
    /// NaN or counts a negative, and `RollingMean.steady` applies.
    static func allPositive(_ x: [Double]) -> Bool {
        x.withUnsafeBufferPointer { xs in
            var ok = true
            for k in 0..<xs.count { ok = ok && xs[k] > 0 && xs[k] < .infinity }
            return ok
        }
    }
}

/// pandas `roll_mean` state (pandas/_libs/window/aggregations.pyx): a running sum
/// with Kahan compensation kept separately for the values added and the values removed
/// (the leaving value is removed before the entering one is added), NaN inputs
/// skipped; the mean is the last value itself when the last `nobs` values added were
/// all equal, and 0 when rounding gives it the wrong sign.
///
/// Separate compensations also make it faster than one shared compensation: each
/// Kahan update is a chain of four dependent additions, and with two chains the
/// removal and the addition of a bar overlap instead of queueing.
struct RollingMean {
    let n: Int
    var sum = 0.0, addCompensation = 0.0, removeCompensation = 0.0
    var nobs = 0, negatives = 0
    var repeats = 0, previous = Double.nan

    init(_ n: Int) { self.n = n }

    @inline(__always)
    mutating func step(_ x: UnsafeBufferPointer<Double>, _ i: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        if i >= n { remove(x[i - n]) }
        add(x[i])
        if i >= n - 1 && nobs == n { out[i] = mean }
    }

    /// A step once the window is full, for series of positive finite numbers only
    /// (nothing skipped, no negatives): the same operations as `step`, without the
    /// bookkeeping that cannot change.
    @inline(__always)
    mutating func steady(leaving: Double, entering v: Double) -> Double {
        var y = -leaving - removeCompensation, t = sum + y
        removeCompensation = (t - sum) - y
        sum = t
        y = v - addCompensation
        t = sum + y
        addCompensation = (t - sum) - y
        sum = t
        repeats = v == previous ? repeats &+ 1 : 1
        previous = v
        let m = sum / Double(n)
        return repeats >= n ? v : (m < 0 ? 0 : m)
    }

    var mean: Double {
        let m = sum / Double(nobs)
        if repeats >= nobs { return previous }
        if negatives == 0 && m < 0 || negatives == nobs && m > 0 { return 0 }
        return m
    }

    @inline(__always)
    mutating func add(_ v: Double) {
        guard !v.isNaN else { return }
        nobs += 1
        let y = v - addCompensation, t = sum + y
        addCompensation = (t - sum) - y
        sum = t
        if v.sign == .minus { negatives += 1 }
        repeats = v == previous ? repeats + 1 : 1
        previous = v
    }

    @inline(__always)
    mutating func remove(_ v: Double) {
        guard !v.isNaN else { return }
        nobs -= 1
        let y = -v - removeCompensation, t = sum + y
        removeCompensation = (t - sum) - y
        sum = t
        if v.sign == .minus { negatives -= 1 }
    }
}

/// Incremental pandas rolling mean: `RollingMean.step` on a ring of the last n inputs,
/// so stream and batch agree bit for bit.
final class PandasMeanStream: IndicatorStream {
    var state: RollingMean
    var ring: [Double]
    var count = 0

    init(_ n: Int) {
        state = RollingMean(n)
        ring = Array(repeating: .nan, count: n)
    }

    func push(_ inputs: [Double]) -> [Double] {
        let x = inputs[0], n = state.n
        let slot = count % n
        if count >= n { state.remove(ring[slot]) }
        state.add(x)
        ring[slot] = x
        count += 1
        return [count >= n && state.nobs == n ? state.mean : .nan]
    }
}
