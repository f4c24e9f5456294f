/// The moving averages TA-Lib names on their own or selects by `matype` (MA, MAVP, TRIMA,
/// MAMA, ZLEMA, RMA, VWMA), the bands built on them (ACCBANDS, KC), and MACD with any
/// averages (MACDEXT) or TA-Lib's fixed constants (MACDFIX).
enum MovingAverageIndicators {
    static let real: [IndicatorInput] = [.series("real")]
    static let hlc: [IndicatorInput] = [.high, .low, .close]

    /// TA-Lib's rule for an average a caller starts at bar `s`: it is computed from bar
    /// s − lookback on, so a recursive average (EMA, KAMA, ...) is seeded there rather than
    /// at bar 0. MACDEXT and MAVP start theirs at their own lookback.
    static func started(_ x: [Double], _ n: Int, _ type: MAType, at s: Int) -> [Double] {
        MovingAverage.compute(x, n, type, from: max(0, s - type.lookback(n)))
    }

    static let all: [IndicatorSpec] = [
        IndicatorSpec(
            name: "ma", group: "Overlap", summary: "moving average of any of TA-Lib's types",
            formula: "ma(x, n, matype): SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA, MAMA, T3, HMA, none, ZLEMA or RMA",
            inputs: real, params: [.period(30, min: 1), .maType()], outputs: ["ma"],
            conventionNote: "TA-Lib's MA: period 1 (and matype 10) copy the input; MAMA ignores the period (limits 0.5 and 0.05); T3 uses vfactor 0.7.",
            lookback: { p in MAType.of(p[1], default: .sma).lookback(Int(p[0])) },
            kernel: { x, p, _ in [MovingAverage.compute(x[0], Int(p[0]), MAType.of(p[1], default: .sma))] }),
        IndicatorSpec(
            name: "mavp", group: "Overlap", summary: "moving average whose period changes bar by bar",
            formula: "mavp[i] = ma(x, clamp(periods[i], min, max), matype)[i]",
            inputs: [.series("real"), .series("periods")],
            params: [.period(2, name: "minperiod", talib: "minperiod", help: "shortest period used"),
                     .period(30, name: "maxperiod", talib: "maxperiod", help: "longest period used"), .maType()],
            outputs: ["mavp"],
            conventionNote: "TA-Lib's MAVP: a period below minperiod (or NaN) becomes minperiod, above maxperiod maxperiod, otherwise it is truncated to a whole number; every average starts at MAVP's own lookback.",
            lookback: { p in MAType.of(p[2], default: .sma).lookback(Int(max(p[0], p[1]))) },
            kernel: { x, p, _ in [mavp(x[0], x[1], min: Int(p[0]), max: Int(p[1]), MAType.of(p[2], default: .sma))] }),
        IndicatorSpec(
            name: "trima", group: "Overlap", summary: "triangular moving average",
            formula: "weights 1, 2, ..., rising to the middle of the window and back (an SMA of an SMA)",
            inputs: real, params: [.period(30, min: 1)], outputs: ["trima"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [MovingAverage.trima(x[0], Int(p[0]))] }),
        IndicatorSpec(
            name: "mama", group: "Overlap", summary: "MESA adaptive moving average and its following average",
            formula: "alpha = fastlimit / (phase change), at least slowlimit; mama += alpha (x - mama); fama += alpha/2 (mama - fama)",
            inputs: real,
            params: [.real("fastlimit", 0.5, talib: "fastlimit", min: 0.01, max: 0.99, help: "largest smoothing factor"),
                     .real("slowlimit", 0.05, talib: "slowlimit", min: 0.01, max: 0.99, help: "smallest smoothing factor")],
            outputs: ["mama", "fama"],
            conventionNote: "Ehlers' MAMA as TA-Lib runs it; unstable period 0 (output from bar 32).",
            lookback: { _ in MESA.lookback },
            kernel: { x, p, _ in
                let r = MESA.mama(x[0], fastLimit: p[0], slowLimit: p[1])
                return [r.mama, r.fama]
            }),
        IndicatorSpec(
            name: "zlema", group: "Overlap", summary: "zero-lag exponential moving average",
            formula: "zlema = ema(2 * x - x[lag], n), lag = (n - 1) / 2",
            inputs: real, params: [.period(30, min: 1)], outputs: ["zlema"],
            lookback: { MAType.zlema.lookback(Int($0[0])) },
            kernel: { x, p, _ in [MovingAverage.zlema(x[0], Int(p[0]))] }),
        IndicatorSpec(
            name: "rma", group: "Overlap", summary: "Wilder's moving average",
            formula: "rma = (x + (n - 1) * rma_prev) / n, seeded with the SMA of the first n values",
            inputs: real, params: [.period(30, min: 1)], outputs: ["rma"],
            conventionNote: "TA-Lib's RMA (TradingView's ta.rma with the same SMA seed); unstable period 0.",
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [MovingAverage.rma(x[0], Int(p[0]))] }),
        IndicatorSpec(
            name: "vwma", group: "Overlap", summary: "volume-weighted moving average",
            formula: "vwma = sum(x * volume, n) / sum(volume, n); NaN when the window's volume is 0",
            inputs: [.series("real"), .volume], params: [.period(30, min: 1)], outputs: ["vwma"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in
                let n = Int(p[0])
                let pv = Kernels.sma(zip(x[0], x[1]).map { $0 * $1 }, n), v = Kernels.sma(x[1], n)
                return [zip(pv, v).map { $0 / $1 }]
            }),
        IndicatorSpec(
            name: "accbands", group: "Overlap", summary: "acceleration bands",
            formula: "f = 4 (h - l) / (h + l); upper = sma(h (1 + f), n); middle = sma(close, n); lower = sma(l (1 - f), n)",
            inputs: hlc, params: [.period(20)], outputs: ["upper", "middle", "lower"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in
                let n = Int(p[0])
                let (h, l) = (x[0], x[1])
                var up = [Double](repeating: 0, count: h.count), down = up
                for i in h.indices {
                    let factor = 4 * (h[i] - l[i]) / (h[i] + l[i])
                    up[i] = h[i] * (1 + factor)
                    down[i] = l[i] * (1 - factor)
                }
                return [Kernels.sma(up, n), Kernels.sma(x[2], n), Kernels.sma(down, n)]
            }),
        IndicatorSpec(
            name: "kc", group: "Overlap", summary: "TA-Lib's Keltner channel: EMA of the typical price ± k ATR",
            formula: "middle = ema((h + l + c) / 3, n); upper/lower = middle ± nbdev * atr(atrperiod)",
            inputs: hlc,
            params: [.period(20), .period(10, name: "atrperiod", talib: "atrperiod", min: 1, help: "ATR window"),
                     .real("nbdev", 2, talib: "nbdev", min: -1e6, max: 1e6, help: "ATR multiple")],
            outputs: ["upper", "middle", "lower"],
            conventionNote: "TA-Lib's KC (the typical price, as TTR and ta4j); keltner is the close-based variant that follows the convention.",
            lookback: { p in max(Int(p[0]) - 1, Int(p[1])) },
            kernel: { x, p, _ in
                let tp = (0..<x[0].count).map { (x[0][$0] + x[1][$0] + x[2][$0]) / 3 }
                let mid = Kernels.ema(tp, Int(p[0]))
                // TA-Lib starts the ATR at KC's own lookback: its seed is the mean true range of
                // the atrperiod bars ending there, not of bars 1...atrperiod.
                let start = max(Int(p[0]) - 1, Int(p[1]))
                let from = start - Int(p[1])
                let atr = Kernels.nans(from) + VolatilityIndicators.atr(x.map { Array($0[from...]) }, Int(p[1]), .talib)
                var u = Kernels.nans(tp.count), m = u, l = u
                for i in start..<tp.count {
                    u[i] = mid[i] + p[2] * atr[i]
                    m[i] = mid[i]
                    l[i] = mid[i] - p[2] * atr[i]
                }
                return [u, m, l]
            }),
        IndicatorSpec(
            name: "macdext", group: "Momentum", summary: "MACD with a choice of moving averages",
            formula: "macd = ma(fast, fastmatype) - ma(slow, slowmatype); signal = ma(macd, signal, signalmatype); hist = macd - signal",
            inputs: real,
            params: [.period(12, name: "fast", talib: "fastperiod"), .maType("fastmatype", talib: "fastmatype"),
                     .period(26, name: "slow", talib: "slowperiod"), .maType("slowmatype", talib: "slowmatype"),
                     .period(9, name: "signal", talib: "signalperiod", min: 1), .maType("signalmatype", talib: "signalmatype")],
            outputs: ["macd", "signal", "hist"],
            conventionNote: "TA-Lib's MACDEXT: all EMA is MACD exactly; otherwise both averages start at the longer one's lookback (a recursive fast average is seeded there).",
            lookback: { p in macdextLookback(p) },
            kernel: { x, p, _ in macdext(x[0], p) }),
        IndicatorSpec(
            name: "macdfix", group: "Momentum", summary: "MACD 12/26 with TA-Lib's fixed smoothing constants",
            formula: "as MACD(12, 26, signal) but with k = 0.15 and 0.075 for the fast and slow EMAs",
            inputs: real, params: [.period(9, name: "signal", talib: "signalperiod", min: 1)],
            outputs: ["macd", "signal", "hist"],
            conventionNote: "TA-Lib's MACDFIX: the classic 0.15/0.075 constants instead of 2/13 and 2/27.",
            lookback: { p in 25 + Int(p[0]) - 1 },
            kernel: { x, p, _ in
                fixedMACD(x[0], fast: 12, kFast: 0.15, slow: 26, kSlow: 0.075, signal: Int(p[0]))
            }),
    ]

    static func mavp(_ x: [Double], _ periods: [Double], min lo: Int, max hi: Int, _ type: MAType) -> [Double] {
        var out = Kernels.nans(x.count)
        let lo = Swift.min(lo, hi), hi = Swift.max(lo, hi)
        let start = type.lookback(hi)
        guard start < x.count else { return out }
        var cache: [Int: [Double]] = [:]
        for i in start..<x.count {
            let raw = periods[i]
            let p: Int
            if !(raw >= Double(lo)) { p = lo } else if raw > Double(hi) { p = hi } else { p = Int(raw) }
            if cache[p] == nil { cache[p] = started(x, p, type, at: start) }
            out[i] = cache[p]?[i] ?? .nan
        }
        return out
    }

    static func macdextLookback(_ p: [Double]) -> Int {
        let fast = MAType.of(p[1], default: .sma).lookback(Int(p[0]))
        let slow = MAType.of(p[3], default: .sma).lookback(Int(p[2]))
        return max(fast, slow) + MAType.of(p[5], default: .sma).lookback(Int(p[4]))
    }

    /// ta_MACDEXT.c: the all-EMA case is MACD; otherwise the periods are swapped if the slow
    /// one is shorter, both averages start at the longer lookback, and the signal averages
    /// the line from there.
    static func macdext(_ x: [Double], _ p: [Double]) -> [[Double]] {
        var fast = Int(p[0]), slow = Int(p[2])
        var fastType = MAType.of(p[1], default: .sma), slowType = MAType.of(p[3], default: .sma)
        let signal = Int(p[4]), signalType = MAType.of(p[5], default: .sma)
        if fastType == .ema && slowType == .ema && signalType == .ema && fast >= 2 && slow >= 2 && signal >= 2 {
            return MomentumIndicators.macd(x, fast, slow, signal, .talib)
        }
        if slow < fast {
            swap(&fast, &slow)
            swap(&fastType, &slowType)
        }
        let lineStart = max(fastType.lookback(fast), slowType.lookback(slow))
        let f = started(x, fast, fastType, at: lineStart), s = started(x, slow, slowType, at: lineStart)
        var line = Kernels.nans(x.count)
        for i in lineStart..<x.count { line[i] = f[i] - s[i] }
        let sig = MovingAverage.compute(line, signal, signalType, from: lineStart)
        let start = lineStart + signalType.lookback(signal)
        var outLine = Kernels.nans(x.count), hist = Kernels.nans(x.count)
        for i in start..<x.count {
            outLine[i] = line[i]
            hist[i] = line[i] - sig[i]
        }
        return [outLine, sig, hist]
    }

    /// MACD with explicit smoothing constants (TA-Lib's INT_MACD): the slow EMA seeded with
    /// the SMA of its first bars, the fast one with the SMA of the fast bars ending there,
    /// the signal with the mean of its first values.
    static func fixedMACD(_ x: [Double], fast: Int, kFast: Double, slow: Int, kSlow: Double, signal: Int) -> [[Double]] {
        let count = x.count
        var m = Kernels.nans(count), sg = m, h = m
        let first = slow - 1, lookback = first + signal - 1
        guard lookback < count else { return [m, sg, h] }
        let ef = Kernels.ema(x, fast, from: slow - fast, k: kFast), es = Kernels.ema(x, slow, k: kSlow)
        var line = Kernels.nans(count)
        for i in first..<count { line[i] = ef[i] - es[i] }
        let sig = Kernels.ema(line, signal, from: first, k: 2.0 / Double(signal + 1))
        for i in lookback..<count {
            m[i] = line[i]
            sg[i] = sig[i]
            h[i] = line[i] - sig[i]
        }
        return [m, sg, h]
    }
}
