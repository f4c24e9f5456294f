/// Building blocks shared by many indicators, written as TA-Lib writes them (same
/// operation order where it matters) so results agree to the last bits. Each takes the
/// index of its input's first valid value (`from`), so chained indicators (an EMA of an
/// EMA) start where their input starts; output before the first value is NaN.
enum Kernels {
    static func nans(_ n: Int) -> [Double] { Array(repeating: .nan, count: n) }

    /// Simple moving average from a running total, first output at `from + n - 1`. TA-Lib
    /// adds the newest value and subtracts the leaving one in two steps; here the window's
    /// change `x[i] - x[i-n]` is added in one (one add on the loop-carried path), and the
    /// mean is `total * (1/n)` instead of a division. Agrees with TA-Lib to ~1e-15 relative.
    /// SMAStream does the same.
    static func sma(_ x: [Double], _ n: Int, from: Int = 0, scale: Double? = nil) -> [Double] {
        var out = nans(x.count)
        let first = from + n - 1
        guard n >= 1, from >= 0, first < x.count else { return out }
        let inv = scale ?? 1 / Double(n)
        x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                var total = 0.0
                for i in from...first { total += xs[i] }
                o[first] = total * inv
                var i = first + 1
                while i < xs.count {
                    total += xs[i] - xs[i - n]
                    o[i] = total * inv
                    i += 1
                }
            }
        }
        return out
    }

    /// Exponential moving average, k = 2/(n+1) unless given. TA-Lib seeds with the mean of
    /// the first n inputs (first output at `from + n - 1`, README "EMA seeding"); with
    /// `seedFirst` (TradingView's `ta.ema`) the seed is the first input itself, output from `from`.
    /// The update `(x - ema) * k + ema` is evaluated as `ema * (1 - k) + x * k`, and from the
    /// second update on two steps at a time, so the loop-carried path is one multiply and one
    /// add per two bars (agrees with TA-Lib's form to ~1e-15).
    static func ema(_ x: [Double], _ n: Int, from: Int = 0, k: Double? = nil, seedFirst: Bool = false) -> [Double] {
        var out = nans(x.count)
        let first = seedFirst ? from : from + n - 1
        guard n >= 1, from >= 0, first < x.count else { return out }
        let k = k ?? 2.0 / (Double(n) + 1.0)
        x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                var prev: Double
                if seedFirst {
                    prev = xs[from]
                } else {
                    var total = 0.0
                    for i in from...first { total += xs[i] }
                    prev = total / Double(n)
                }
                o[first] = prev
                let k1 = 1 - k
                var i = first + 1
                guard i < xs.count else { return }
                var older = prev
                prev = prev * k1 + xs[i] * k
                o[i] = prev
                i += 1
                // Two interleaved chains: ema[i] = ema[i-2]·(1-k)² + (x[i-1]·(1-k) + x[i])·k
                // (the recurrence applied twice; see ATRState). EMAStream's TwoStepEMA does the same.
                let k1k1 = k1 * k1
                while i < xs.count {
                    let next = older * k1k1 + (xs[i - 1] * k1 + xs[i]) * k
                    older = prev
                    prev = next
                    o[i] = prev
                    i += 1
                }
            }
        }
        return out
    }

    /// Linearly weighted mean, weights 1..n oldest..newest, TA-Lib's running form, rebuilt
    /// from the window every 8n bars as TA-Lib 0.8 does (#254), so its rounding residue
    /// stays at the window's scale and the two agree to the last bits.
    static func wma(_ x: [Double], _ n: Int, from: Int = 0) -> [Double] {
        var out = nans(x.count)
        let first = from + n - 1
        guard n >= 1, from >= 0, first < x.count else { return out }
        let divider = Double(n) * Double(n + 1) / 2
        let dn = Double(n)
        var periodSum = 0.0, periodSub = 0.0
        var weight = 1.0
        for i in from..<first {
            periodSub += x[i]
            periodSum += x[i] * weight
            weight += 1
        }
        var trailingValue = 0.0
        var trailing = from
        var untilRebuild = 8 * n
        for i in first..<x.count {
            periodSub += x[i]
            periodSub -= trailingValue
            periodSum += x[i] * dn
            untilRebuild -= 1
            if untilRebuild <= 0 {
                untilRebuild = 8 * n
                periodSub = 0
                periodSum = 0
                var w = 1.0
                for j in (i - n + 1)...i {
                    periodSub += x[j]
                    periodSum += x[j] * w
                    w += 1
                }
            }
            trailingValue = x[trailing]
            trailing += 1
            out[i] = periodSum / divider
            periodSum -= periodSub
        }
        return out
    }

    /// Rolling sum over n bars: `sma`'s running total without the division.
    static func sum(_ x: [Double], _ n: Int, from: Int = 0) -> [Double] {
        sma(x, n, from: from, scale: 1)
    }

    /// Population variance over n bars (`WindowMoments`: within a few ulps of the exact
    /// two-pass value, where TA-Lib's old running sums of x and x² lost digits on FX).
    static func variance(_ x: [Double], _ n: Int, from: Int = 0) -> [Double] {
        var out = nans(x.count)
        x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                WindowMomentsKernel.run(xs, n, from: from) { i, m in o[i] = m.variance }
            }
        }
        return out
    }

    /// Highest value over the last n bars (inclusive), first output at `from + n - 1`.
    /// Tracks the index of the maximum and rescans only when it leaves the window, as
    /// TA-Lib's MAX does; `>=` keeps the most recent bar on ties.
    static func rollingMax(_ x: [Double], _ n: Int, from: Int = 0) -> [Double] {
        extreme(x, n, from: from, better: { $0 >= $1 })
    }

    static func rollingMin(_ x: [Double], _ n: Int, from: Int = 0) -> [Double] {
        extreme(x, n, from: from, better: { $0 <= $1 })
    }

    @inline(__always)
    private static func extreme(_ x: [Double], _ n: Int, from: Int, better: (Double, Double) -> Bool) -> [Double] {
        var out = nans(x.count)
        let first = from + n - 1
        guard n >= 1, from >= 0, first < x.count else { return out }
        x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                var idx = -1
                var best = 0.0
                for i in first..<xs.count {
                    let trailing = i - n + 1
                    if idx < trailing {
                        idx = trailing
                        best = xs[idx]
                        var j = trailing + 1
                        while j <= i {
                            if better(xs[j], best) { best = xs[j]; idx = j }
                            j += 1
                        }
                    } else if better(xs[i], best) {
                        best = xs[i]
                        idx = i
                    }
                    o[i] = best
                }
            }
        }
        return out
    }

    /// True range from bar 1: `max(high, prev close) - min(low, prev close)`; bar 0 is NaN.
    static func trueRange(_ h: [Double], _ l: [Double], _ c: [Double]) -> [Double] {
        var out = nans(c.count)
        guard c.count > 1 else { return out }
        for i in 1..<c.count {
            out[i] = trueRange(h[i], l[i], c[i - 1])
        }
        return out
    }

    @inline(__always)
    static func trueRange(_ h: Double, _ l: Double, _ prevClose: Double) -> Double {
        let top = h > prevClose ? h : prevClose
        let bottom = l < prevClose ? l : prevClose
        return top - bottom
    }

    /// Wilder's smoothing is `avg·decay + x·(1/n)`. TA-Lib writes the decay `(n-1)/n`,
    /// TradingView's `ta.rma` `1 - 1/n`; the two can differ in the last bit, so every
    /// Wilder average (RSI, ATR, DMI; batch and stream) takes it from here.
    static func wilderDecay(_ n: Int, tradingView: Bool) -> Double {
        tradingView ? 1 - 1 / Double(n) : Double(n - 1) / Double(n)
    }

    /// TA-Lib's TA_IS_ZERO: |x| below 1e-14 counts as zero.
    @inline(__always)
    static func isZero(_ x: Double) -> Bool { -1e-14 < x && x < 1e-14 }

    /// Index of the first non-NaN value (or count when none).
    static func firstValid(_ x: [Double]) -> Int {
        x.firstIndex { !$0.isNaN } ?? x.count
    }
}
