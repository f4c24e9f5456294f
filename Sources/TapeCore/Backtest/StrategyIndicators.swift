import Foundation

/// The few causal indicators the built-in strategies and ATR stops need, kept local to the
/// backtest so the engine does not depend on the indicator catalogue. Every output has the
/// input's length with NaN during warm-up; value i uses inputs 0...i only.
public enum StrategyIndicators {
    /// Rolling mean exactly as pandas `rolling(n).mean()` computes it (`RollingMean`).
    /// Matching its rounding matters: strict crossovers of two averages can hinge on the
    /// last bit, and the agreement tests compare trade lists.
    public static func sma(_ x: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: x.count)
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

    /// Two rolling means of one series in a single pass, each value bit-identical to
    /// `sma`: the two means' dependent chains of additions run side by side.
    public static func smaPair(_ x: [Double], _ n1: Int, _ n2: Int) -> ([Double], [Double]) {
        guard n1 >= 1, n2 >= 1, x.count >= max(n1, n2), allPositive(x) else { return (sma(x, n1), sma(x, n2)) }
        var a = [Double](repeating: .nan, count: x.count), b = a
        let warm = max(n1, n2)
        x.withUnsafeBufferPointer { xs in
            a.withUnsafeMutableBufferPointer { oa in
                b.withUnsafeMutableBufferPointer { ob in
                    var ma = RollingMean(n1), mb = RollingMean(n2)
                    for i in 0..<warm {
                        if i < n1 { ma.step(xs, i, oa) } else { oa[i] = ma.steady(leaving: xs[i - n1], entering: xs[i]) }
                        if i < n2 { mb.step(xs, i, ob) } else { ob[i] = mb.steady(leaving: xs[i - n2], entering: xs[i]) }
                    }
                    for i in warm..<xs.count {
                        let v = xs[i]
                        oa[i] = ma.steady(leaving: xs[i - n1], entering: v)
                        ob[i] = mb.steady(leaving: xs[i - n2], entering: v)
                    }
                }
            }
        }
        return (a, b)
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

    /// pandas `roll_mean` state (pandas/_libs/window/aggregations.pyx): a running sum
    /// with Kahan compensation kept separately for the values added and the values removed
    /// (the leaving value is removed before the entering one is added), NaN inputs
    /// skipped; the mean is the last value itself when the last `nobs` values added were
    /// all equal, and 0 when rounding gives it the wrong sign.
    ///
    /// Separate compensations also make it faster than one shared compensation: each
    /// Kahan update is a chain of four dependent additions, and with two chains the
    /// removal and the addition of a bar overlap instead of queueing.
    private struct RollingMean {
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
        private mutating func add(_ v: Double) {
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
        private mutating func remove(_ v: Double) {
            guard !v.isNaN else { return }
            nobs -= 1
            let y = -v - removeCompensation, t = sum + y
            removeCompensation = (t - sum) - y
            sum = t
            if v.sign == .minus { negatives -= 1 }
        }
    }

    /// Exponential moving average, alpha = 2/(n+1), seeded with the simple mean of the
    /// first n values (the TA-Lib convention), so the first value is at index n-1.
    public static func ema(_ x: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: x.count)
        guard n >= 1 else { return out }
        // Start after any leading NaN (e.g. an EMA of a MACD line).
        guard let first = x.firstIndex(where: { !$0.isNaN }), x.count - first >= n else { return out }
        var seed = 0.0
        for i in first..<(first + n) { seed += x[i] }
        var v = seed / Double(n)
        out[first + n - 1] = v
        let a = 2.0 / Double(n + 1)
        for i in (first + n)..<x.count {
            v += a * (x[i] - v)
            out[i] = v
        }
        return out
    }

    /// Wilder's RSI: average gain and loss seeded with the simple mean of the first n
    /// changes, then smoothed with 1/n (TA-Lib `RSI`); first value at index n.
    public static func rsi(_ x: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: x.count)
        guard n >= 1, x.count > n else { return out }
        var gain = 0.0, loss = 0.0
        for i in 1...n {
            let d = x[i] - x[i - 1]
            if d > 0 { gain += d } else { loss -= d }
        }
        gain /= Double(n); loss /= Double(n)
        func value() -> Double { gain + loss == 0 ? 50 : 100 * gain / (gain + loss) }
        out[n] = value()
        for i in (n + 1)..<x.count {
            let d = x[i] - x[i - 1]
            gain = (gain * Double(n - 1) + max(d, 0)) / Double(n)
            loss = (loss * Double(n - 1) + max(-d, 0)) / Double(n)
            out[i] = value()
        }
        return out
    }

    /// Wilder's average true range (TA-Lib `ATR`): true ranges from bar 1, seeded with
    /// their simple mean over n bars, first value at index n.
    public static func atr(high: [Double], low: [Double], close: [Double], _ n: Int) -> [Double] {
        let count = min(high.count, low.count, close.count)
        var out = [Double](repeating: .nan, count: count)
        guard n >= 1, count > n else { return out }
        func tr(_ i: Int) -> Double {
            max(high[i] - low[i], abs(high[i] - close[i - 1]), abs(low[i] - close[i - 1]))
        }
        var v = 0.0
        for i in 1...n { v += tr(i) }
        v /= Double(n)
        out[n] = v
        for i in (n + 1)..<count {
            v = (v * Double(n - 1) + tr(i)) / Double(n)
            out[i] = v
        }
        return out
    }

    /// Rolling population standard deviation (ddof 0, as Bollinger defined his bands),
    /// computed per window from its mean so it never goes negative from cancellation.
    public static func rollingStd(_ x: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: x.count)
        guard n >= 1, x.count >= n else { return out }
        for i in (n - 1)..<x.count {
            var m = 0.0
            for j in (i - n + 1)...i { m += x[j] }
            m /= Double(n)
            var s = 0.0
            for j in (i - n + 1)...i { s += (x[j] - m) * (x[j] - m) }
            out[i] = (s / Double(n)).squareRoot()
        }
        return out
    }

    /// Highest value of the n bars *before* bar i (bar i excluded, so "close above the
    /// channel" is a breakout rather than a tautology); first value at index n.
    public static func priorMax(_ x: [Double], _ n: Int) -> [Double] {
        prior(x, n, from: -.infinity) { max($0, $1) }
    }

    /// Lowest value of the n bars before bar i (bar i excluded); first value at index n.
    public static func priorMin(_ x: [Double], _ n: Int) -> [Double] {
        prior(x, n, from: .infinity) { min($0, $1) }
    }

    /// The n values before each bar folded with `pick` from `start` (NaN ones skipped, as
    /// `max`/`min` keep their first argument against NaN); first value at index n.
    @inline(__always)
    private static func prior(_ x: [Double], _ n: Int, from start: Double, _ pick: (Double, Double) -> Double) -> [Double] {
        var out = [Double](repeating: .nan, count: x.count)
        guard n >= 1, x.count > n else { return out }
        for i in n..<x.count {
            var m = start
            for j in (i - n)..<i { m = pick(m, x[j]) }
            out[i] = m
        }
        return out
    }

    /// Rate of change x[i]/x[i-n] - 1; first value at index n.
    public static func momentum(_ x: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: x.count)
        guard n >= 1, x.count > n else { return out }
        for i in n..<x.count { out[i] = x[i] / x[i - n] - 1 }
        return out
    }

    /// True at bar i when a crosses above b: a[i-1] < b[i-1] and a[i] > b[i], both strict
    /// (backtesting.py's `crossover`); NaN on either side compares false. The built-ins
    /// use `crossFlags`, which packs the same comparisons into signal bits.
    public static func crossAbove(_ a: [Double], _ b: [Double]) -> [Bool] {
        var out = [Bool](repeating: false, count: min(a.count, b.count))
        for i in out.indices.dropFirst() { out[i] = a[i - 1] < b[i - 1] && a[i] > b[i] }
        return out
    }

    /// The signals of a crossover strategy packed per bar (`SignalStrategy.Signal`): a
    /// crossing above enters long; a crossing below enters short when `reverse`, else
    /// exits the long. The crossings are `crossAbove(a, b)`'s and `crossAbove(b, a)`'s.
    static func crossFlags(_ a: [Double], _ b: [Double], reverse: Bool) -> [UInt8] {
        let n = min(a.count, b.count)
        var flags = [UInt8](repeating: 0, count: n)
        guard n > 1 else { return flags }
        let up = SignalStrategy.Signal.entryLong, down = reverse ? SignalStrategy.Signal.entryShort : SignalStrategy.Signal.exitLong
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                flags.withUnsafeMutableBufferPointer { f in
                    for i in 1..<n {
                        // Bits combined with `&` rather than `&&`: no branches on
                        // comparisons that go either way.
                        let above = bit(pa[i - 1] < pb[i - 1]) & bit(pa[i] > pb[i])
                        let below = bit(pb[i - 1] < pa[i - 1]) & bit(pb[i] > pa[i])
                        f[i] = above &* up | below &* down
                    }
                }
            }
        }
        return flags
    }

    @inline(__always)
    private static func bit(_ b: Bool) -> UInt8 { b ? 1 : 0 }

    /// Index of the first bar at which every array is defined (not NaN); the arrays'
    /// length when one never is.
    public static func firstValid(_ arrays: [[Double]]) -> Int {
        var w = 0
        for a in arrays {
            w = max(w, a.firstIndex(where: { !$0.isNaN }) ?? a.count)
        }
        return w
    }
}
