/// Ranges, dispersion and realised volatility.
enum VolatilityIndicators {
    static let hlc: [IndicatorInput] = [.high, .low, .close]
    static let atrNote = "TA-Lib: mean true range of bars 1..n, then Wilder. TradingView (ta.atr): bar 0's range is high - low, seed = mean of bars 0..n-1, output one bar earlier."

    static let all: [IndicatorSpec] = [
        IndicatorSpec(
            name: "atr", group: "Volatility", summary: "average true range (Wilder)",
            formula: "tr = max(h, c_prev) - min(l, c_prev); atr = (atr_prev * (n-1) + tr) / n",
            inputs: hlc, params: [.period(14, min: 1)], outputs: ["atr"], conventionNote: atrNote,
            lookback: { Int($0[0]) }, lookbackTradingView: { Int($0[0]) - 1 },
            kernel: { x, p, c in [atr(x, Int(p[0]), c)] },
            stream: { p, c in StateStream(ATRState(Int(p[0]), c)) { s, x in [s.next(high: x[0], low: x[1], close: x[2])] } }),
        IndicatorSpec(
            name: "natr", group: "Volatility", summary: "normalised average true range, percent of close",
            formula: "natr = 100 * atr / close, 0 when close is 0",
            inputs: hlc, params: [.period(14, min: 1)], outputs: ["natr"], conventionNote: atrNote,
            lookback: { Int($0[0]) }, lookbackTradingView: { Int($0[0]) - 1 },
            kernel: { x, p, c in
                let a = atr(x, Int(p[0]), c)
                return [zip(a, x[2]).map { natr($0, $1) }]
            },
            stream: { p, c in
                StateStream(ATRState(Int(p[0]), c)) { s, x in [natr(s.next(high: x[0], low: x[1], close: x[2]), x[2])] }
            }),
        IndicatorSpec(
            name: "trange", group: "Volatility", summary: "true range",
            formula: "trange = max(high, prev close) - min(low, prev close)",
            inputs: hlc, params: [], outputs: ["trange"],
            lookback: { _ in 1 },
            kernel: { x, _, _ in [Kernels.trueRange(x[0], x[1], x[2])] },
            windowed: true),
        IndicatorSpec(
            name: "stddev", group: "Volatility", summary: "population standard deviation over a window",
            formula: "stddev = dev * sqrt(mean((x - mean(x))^2))  (divides by n; 0 when the variance is below 1e-14)",
            inputs: [.series("real")],
            params: [.period(5), .real("dev", 1, talib: "nbdev", min: -1e6, max: 1e6, help: "multiplier")], outputs: ["stddev"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [Kernels.variance(x[0], Int(p[0])).map { stddev($0, p[1]) }] },
            stream: { p, _ in StateStream(VarianceState(Int(p[0]))) { s, x in [stddev(s.next(x[0]), p[1])] } }),
        IndicatorSpec(
            name: "bbands", group: "Volatility", summary: "Bollinger Bands: moving average ± k population standard deviations",
            formula: "middle = ma(x, n, matype); upper = middle + up * stddev(x, n); lower = middle - down * stddev(x, n)",
            inputs: [.series("real")],
            params: [.period(20), .real("up", 2, talib: "nbdevup", min: -1e6, max: 1e6, help: "deviations above"),
                     .real("down", 2, talib: "nbdevdn", min: -1e6, max: 1e6, help: "deviations below"),
                     .maType()],
            outputs: ["upper", "middle", "lower"],
            conventionNote: "TA-Lib's BBANDS; the deviation is the window's own (population) standard deviation, computed from shifted sums so it keeps its digits on FX prices.",
            lookback: { p in max(Int(p[0]) - 1, MAType.of(p[3], default: .sma).lookback(Int(p[0]))) },
            kernel: { x, p, _ in bbands(x[0], Int(p[0]), p[1], p[2], MAType.of(p[3], default: .sma)) },
            stream: { p, _ in
                guard MAType.of(p[3], default: .sma) == .sma else { return nil }
                return StateStream(BBandsState(Int(p[0]), up: p[1], down: p[2])) { s, x in
                    let (u, m, l) = s.next(x[0])
                    return [u, m, l]
                }
            }),
    ] + RealisedVolatility.all

    /// ta_STDDEV.c: sqrt of the variance times `dev`, 0 when the variance is below 1e-14.
    static func stddev(_ variance: Double, _ dev: Double) -> Double {
        variance.isNaN ? .nan : (variance < 1e-14 ? 0 : variance.squareRoot() * dev)
    }

    /// ta_NATR.c: 100 × ATR / close, 0 when the close is (within 1e-14 of) 0.
    static func natr(_ atr: Double, _ close: Double) -> Double {
        Kernels.isZero(close) ? (atr.isNaN ? .nan : 0) : (atr / close) * 100
    }

    /// Batch ATR: one pass computing each bar's true range and the Wilder average together,
    /// the seed and the smoothing in separate loops so the hot loop carries no per-bar branches.
    static func atr(_ x: [[Double]], _ n: Int, _ c: Convention) -> [Double] {
        let count = x[0].count
        let tradingView = c == .tradingview
        let seedEnd = tradingView ? n - 1 : n
        guard n >= 1, seedEnd < count, x[1].count == count, x[2].count == count else { return Kernels.nans(count) }
        let alpha = 1 / Double(n)
        let decay = Kernels.wilderDecay(n, tradingView: tradingView)
        // Written once, without a NaN fill of the whole array first: at 1,000,000 bars the
        // arrays outgrow the cache and a second pass over the output costs as much as the loop.
        return Array(unsafeUninitializedCapacity: count) { o, initialized in
            x[0].withUnsafeBufferPointer { h in
                x[1].withUnsafeBufferPointer { l in
                    x[2].withUnsafeBufferPointer { cl in
                        atrLoop(h, l, cl, o, seedEnd: seedEnd, n: n, alpha: alpha, decay: decay,
                                firstRange: tradingView ? h[0] - l[0] : 0)
                    }
                }
            }
            initialized = count
        }
    }

    /// Fills all of `o` (NaN before `seedEnd`). Bars after the seed take the one-step
    /// recurrence `a[i] = a[i-1]·d + tr[i]·α` (ATRState), then two steps at a time (ATRState's
    /// two-step form), and from `seedEnd + 4` on four at a time: with `p[i] = tr[i-1]·α·d + tr[i]·α`,
    /// `a[i] = a[i-4]·d⁴ + (p[i-2]·d² + p[i])`. Four independent chains each carry one
    /// multiply and one add per four bars, so the loop runs at the speed of its arithmetic
    /// rather than of the recurrence; the rounding differs from ATRState's by ~1e-15 relative.
    @inline(__always)
    private static func atrLoop(_ h: UnsafeBufferPointer<Double>, _ l: UnsafeBufferPointer<Double>,
                                _ cl: UnsafeBufferPointer<Double>, _ o: UnsafeMutableBufferPointer<Double>,
                                seedEnd: Int, n: Int, alpha: Double, decay: Double, firstRange: Double) {
        let count = o.count
        for i in 0..<seedEnd { o[i] = .nan }
        var total = firstRange
        var i = 1
        while i <= seedEnd {
            total += Kernels.trueRange(h[i], l[i], cl[i - 1])
            i += 1
        }
        // a1 = a[i-1], a2 = a[i-2], a3 = a[i-3], a4 = a[i-4]; pm1 = p[i-1], pm2 = p[i-2].
        var a1 = total / Double(n)
        o[seedEnd] = a1
        guard i < count else { return }
        var trPrev = Kernels.trueRange(h[i], l[i], cl[i - 1])
        var a2 = a1, a3 = 0.0, a4 = 0.0
        a1 = a1 * decay + trPrev * alpha
        o[i] = a1
        i += 1
        let decay2 = decay * decay, decay4 = decay2 * decay2, alphaDecay = alpha * decay
        var pm1 = 0.0, pm2 = 0.0
        while i < count && i < seedEnd + 4 {
            let tr = Kernels.trueRange(h[i], l[i], cl[i - 1])
            let p = trPrev * alphaDecay + tr * alpha
            let next = a2 * decay2 + p
            o[i] = next
            (a4, a3, a2, a1) = (a3, a2, a1, next)
            (pm2, pm1) = (pm1, p)
            trPrev = tr
            i += 1
        }
        // Four bars per iteration, written out so the window shifts by renaming, not moves.
        while i + 3 < count {
            let tr0 = Kernels.trueRange(h[i], l[i], cl[i - 1])
            let tr1 = Kernels.trueRange(h[i + 1], l[i + 1], cl[i])
            let tr2 = Kernels.trueRange(h[i + 2], l[i + 2], cl[i + 1])
            let tr3 = Kernels.trueRange(h[i + 3], l[i + 3], cl[i + 2])
            let p0 = trPrev * alphaDecay + tr0 * alpha
            let p1 = tr0 * alphaDecay + tr1 * alpha
            let p2 = tr1 * alphaDecay + tr2 * alpha
            let p3 = tr2 * alphaDecay + tr3 * alpha
            a4 = a4 * decay4 + (pm2 * decay2 + p0)
            a3 = a3 * decay4 + (pm1 * decay2 + p1)
            a2 = a2 * decay4 + (p0 * decay2 + p2)
            a1 = a1 * decay4 + (p1 * decay2 + p3)
            o[i] = a4
            o[i + 1] = a3
            o[i + 2] = a2
            o[i + 3] = a1
            (pm2, pm1) = (p2, p3)
            trPrev = tr3
            i += 4
        }
        while i < count {
            let tr = Kernels.trueRange(h[i], l[i], cl[i - 1])
            let p = trPrev * alphaDecay + tr * alpha
            let next = a4 * decay4 + (pm2 * decay2 + p)
            o[i] = next
            (a4, a3, a2, a1) = (a3, a2, a1, next)
            (pm2, pm1) = (pm1, p)
            trPrev = tr
            i += 1
        }
    }

    /// Batch Bollinger Bands: `BBandsState`'s arithmetic, reading the leaving value from the
    /// input instead of a ring buffer.
    static func bbands(_ x: [Double], _ n: Int, _ up: Double, _ down: Double) -> [[Double]] {
        let count = x.count
        // Separate allocations: `m = u` would share storage and copy it on first write.
        var u = Kernels.nans(count), m = Kernels.nans(count), l = Kernels.nans(count)
        x.withUnsafeBufferPointer { xs in
            u.withUnsafeMutableBufferPointer { uo in
                m.withUnsafeMutableBufferPointer { mo in
                    l.withUnsafeMutableBufferPointer { lo in
                        WindowMomentsKernel.run(xs, n, from: 0) { i, moments in
                            (uo[i], mo[i], lo[i]) = BBandsState.bands(moments, up: up, down: down)
                        }
                    }
                }
            }
        }
        return [u, m, l]
    }

    /// BBANDS with any average: the middle is MA(x, n, matype), the bands ± k standard
    /// deviations of the window (TA-Lib takes STDDEV(n), not the deviation from the MA).
    static func bbands(_ x: [Double], _ n: Int, _ up: Double, _ down: Double, _ type: MAType) -> [[Double]] {
        if type == .sma { return bbands(x, n, up, down) }
        let middle = MovingAverage.compute(x, n, type)
        let sd = Kernels.variance(x, n).map { stddev($0, 1) }
        let count = x.count
        var u = Kernels.nans(count), l = Kernels.nans(count)
        for i in 0..<count where !middle[i].isNaN {
            u[i] = middle[i] + sd[i] * up
            l[i] = middle[i] - sd[i] * down
        }
        return [u, middle, l]
    }
}
