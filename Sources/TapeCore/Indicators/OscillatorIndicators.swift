/// The oscillators TA-Lib 0.8 added (AC, AO, CMOU, COPPOCK, DPO, ER, ERI, FOSC, FRACTAL,
/// IMI, KDJ, QSTICK, SMI, TSI, VHF, VORTEX, WAD) and ROCR100.
enum OscillatorIndicators {
    static let real: [IndicatorInput] = [.series("real")]
    static let hl: [IndicatorInput] = [.high, .low]
    static let hlc: [IndicatorInput] = [.high, .low, .close]

    static func medians(_ h: [Double], _ l: [Double]) -> [Double] { zip(h, l).map { ($0 + $1) / 2 } }

    static let all: [IndicatorSpec] = [
        IndicatorSpec(
            name: "ao", group: "Momentum", summary: "Bill Williams' awesome oscillator",
            formula: "ao = sma(median, fast) - sma(median, slow), median = (high + low) / 2",
            inputs: hl, params: [.period(5, name: "fast", talib: "fastperiod", min: 1), .period(34, name: "slow", talib: "slowperiod", min: 1)],
            outputs: ["ao"],
            conventionNote: "TA-Lib's AO: a fast period longer than the slow one gives -AO (not swapped).",
            lookback: { p in max(Int(p[0]), Int(p[1])) - 1 },
            kernel: { x, p, _ in [ao(x[0], x[1], Int(p[0]), Int(p[1]))] }),
        IndicatorSpec(
            name: "ac", group: "Momentum", summary: "Bill Williams' accelerator/decelerator oscillator",
            formula: "ac = ao - sma(ao, signal)",
            inputs: hl,
            params: [.period(5, name: "fast", talib: "fastperiod", min: 1), .period(34, name: "slow", talib: "slowperiod", min: 1),
                     .period(5, name: "signal", talib: "signalperiod", min: 1)],
            outputs: ["ac"],
            lookback: { p in max(Int(p[0]), Int(p[1])) - 1 + Int(p[2]) - 1 },
            kernel: { x, p, _ in
                let a = ao(x[0], x[1], Int(p[0]), Int(p[1]))
                let from = max(Int(p[0]), Int(p[1])) - 1
                let s = Kernels.sma(a, Int(p[2]), from: from)
                return [zip(a, s).map { $0 - $1 }]
            }),
        IndicatorSpec(
            name: "cmou", group: "Momentum", summary: "Chande momentum oscillator, unsmoothed (plain sums)",
            formula: "cmou = 100 * (sum of gains - sum of losses) / (sum of gains + sum of losses) over n changes; 0 on a flat window",
            inputs: real, params: [.period(14, min: 1)], outputs: ["cmou"],
            conventionNote: "Chande's original and TradingView's ta.cmo; cmo is TA-Lib's Wilder-smoothed CMO.",
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in [cmou(x[0], Int(p[0]))] },
            windowed: true),
        IndicatorSpec(
            name: "coppock", group: "Momentum", summary: "Coppock curve",
            formula: "coppock = wma(roc(x, roc1) + roc(x, roc2), wmaperiod)",
            inputs: real,
            params: [.period(10, name: "wmaperiod", talib: "wmaperiod", min: 1), .period(11, name: "roc1period", talib: "roc1period", min: 1),
                     .period(14, name: "roc2period", talib: "roc2period", min: 1)],
            outputs: ["coppock"],
            lookback: { p in max(Int(p[1]), Int(p[2])) + Int(p[0]) - 1 },
            kernel: { x, p, _ in
                let v = x[0]
                let r1 = Int(p[1]), r2 = Int(p[2])
                let from = max(r1, r2)
                var s = Kernels.nans(v.count)
                for i in from..<v.count {
                    let a = v[i - r1] != 0 ? (v[i] / v[i - r1] - 1) * 100 : 0
                    let b = v[i - r2] != 0 ? (v[i] / v[i - r2] - 1) * 100 : 0
                    s[i] = a + b
                }
                return [Int(p[0]) == 1 ? s : Kernels.wma(s, Int(p[0]), from: from)]
            }),
        IndicatorSpec(
            name: "dpo", group: "Momentum", summary: "detrended price oscillator",
            formula: "dpo = x[i - t] - sma(x, n)[i], t = n / 2 + 1 (whole-number division)",
            inputs: real, params: [.period(20, min: 1)], outputs: ["dpo"],
            conventionNote: "TA-Lib: the value sits at the bar whose average produced it (charts often draw it t bars to the left).",
            lookback: { p in max(Int(p[0]) - 1, Int(p[0]) / 2 + 1) },
            kernel: { x, p, _ in
                let n = Int(p[0]), t = n / 2 + 1
                let sma = Kernels.sma(x[0], n)
                var out = Kernels.nans(x[0].count)
                for i in max(n - 1, t)..<x[0].count { out[i] = x[0][i - t] - sma[i] }
                return [out]
            }),
        IndicatorSpec(
            name: "er", group: "Momentum", summary: "Kaufman's efficiency ratio",
            formula: "er = |x - x[n]| / sum(|x[j] - x[j-1]|) over n changes; 1 on a flat window",
            inputs: real, params: [.period(10, min: 1)], outputs: ["er"],
            conventionNote: "TA-Lib's ER, the ratio KAMA adapts with, with KAMA's rules (1 when the path is no longer than the signed net change).",
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in [efficiencyRatio(x[0], Int(p[0]))] },
            windowed: true),
        IndicatorSpec(
            name: "eri", group: "Momentum", summary: "Elder ray: bull and bear power",
            formula: "bull = high - ema(close, n); bear = low - ema(close, n)",
            inputs: hlc, params: [.period(13, min: 1)], outputs: ["bull", "bear"],
            conventionNote: "TA-Lib's ERI: the EMA seeded with its first n closes.",
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in
                let e = Kernels.ema(x[2], Int(p[0]))
                return [zip(x[0], e).map { $0 - $1 }, zip(x[1], e).map { $0 - $1 }]
            }),
        IndicatorSpec(
            name: "fosc", group: "Momentum", summary: "forecast oscillator",
            formula: "fosc = 100 * (x - tsf[i-1]) / x, tsf the time series forecast over n bars; 0 when x is 0",
            inputs: real, params: [.period(5)], outputs: ["fosc"],
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in
                let n = Int(p[0]), v = x[0]
                let tsf = StatisticIndicators.regression(v, n) { m, b in b + m * Double(n) }
                var out = Kernels.nans(v.count)
                for i in n..<v.count { out[i] = v[i] != 0 ? 100 * (v[i] - tsf[i - 1]) / v[i] : 0 }
                return [out]
            }),
        IndicatorSpec(
            name: "fractal", group: "Momentum", summary: "Williams fractal: swing highs and lows, reported once confirmed",
            formula: "at bar i, pivot c = i - rightbars: 100 when high[c] (low[c]) is strictly beyond every other bar of c-leftbars ... c+rightbars, else 0",
            inputs: hl,
            params: [.period(2, name: "leftbars", talib: "leftbars", min: 1, help: "bars before the pivot"),
                     .period(2, name: "rightbars", talib: "rightbars", min: 1, help: "bars after the pivot, and the delay")],
            outputs: ["swinghigh", "swinglow"],
            conventionNote: "TA-Lib's FRACTAL: strict on both sides (a tie is no pivot); each flag is written on the bar that confirms it, rightbars after the pivot.",
            lookback: { p in Int(p[0]) + Int(p[1]) },
            kernel: { x, p, _ in fractal(x[0], x[1], left: Int(p[0]), right: Int(p[1])) },
            windowed: true),
        IndicatorSpec(
            name: "imi", group: "Momentum", summary: "intraday momentum index",
            formula: "imi = 100 * up / (up + down), up = sum(close - open) over white bars, down = sum(open - close) over the rest, n bars",
            inputs: [.open, .close], params: [.period(14)], outputs: ["imi"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [imi(x[0], x[1], Int(p[0]))] },
            windowed: true),
        IndicatorSpec(
            name: "kdj", group: "Momentum", summary: "KDJ: slow stochastic %K and %D with J = 3K - 2D",
            formula: "rsv = fast %K over k_period; k = ma(rsv, k_slow); d = ma(k, d_period); j = 3k - 2d",
            inputs: hlc,
            params: [.period(9, name: "k_period", talib: "fastk_period", min: 1), .period(3, name: "k_slow", talib: "slowk_period", min: 1),
                     .maType("k_matype", talib: "slowk_matype", default: .rma, help: "average of RSV into K"),
                     .period(3, name: "d_period", talib: "slowd_period", min: 1),
                     .maType("d_matype", talib: "slowd_matype", default: .rma, help: "average of K into D")],
            outputs: ["k", "d", "j"],
            conventionNote: "TA-Lib's KDJ: Wilder averages (RMA) by default, seeded with an SMA; 0 on a flat window.",
            lookback: { p in Int(p[0]) - 1 + MAType.of(p[2], default: .rma).lookback(Int(p[1])) + MAType.of(p[4], default: .rma).lookback(Int(p[3])) },
            kernel: { x, p, _ in
                let kd = MomentumIndicators.smoothedStoch(MomentumIndicators.fastK(x[0], x[1], x[2], Int(p[0])), from: Int(p[0]) - 1,
                                                          Int(p[1]), MAType.of(p[2], default: .rma), Int(p[3]), MAType.of(p[4], default: .rma))
                return [kd[0], kd[1], zip(kd[0], kd[1]).map { 3 * $0 - 2 * $1 }]
            }),
        IndicatorSpec(
            name: "qstick", group: "Momentum", summary: "Qstick: average candle body",
            formula: "qstick = sma(close - open, n)",
            inputs: [.open, .close], params: [.period(10, min: 1)], outputs: ["qstick"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [Kernels.sma(zip(x[1], x[0]).map { $0 - $1 }, Int(p[0]))] }),
        IndicatorSpec(
            name: "smi", group: "Momentum", summary: "stochastic momentum index and its signal",
            formula: "num = close - (hh + ll) / 2, den = hh - ll over n; smi = 100 * ema(ema(num, slow), fast) / (0.5 * ema(ema(den, slow), fast)); signal = ema(smi, signal)",
            inputs: hlc,
            params: [.period(13, min: 1), .period(2, name: "fast", talib: "fastperiod", min: 1),
                     .period(25, name: "slow", talib: "slowperiod", min: 1), .period(9, name: "signal", talib: "signalperiod", min: 1)],
            outputs: ["smi", "signal"],
            conventionNote: "TA-Lib's SMI: every EMA seeded with the SMA of its first values; 0 on a flat window.",
            lookback: { p in Int(p[0]) - 1 + Int(p[2]) - 1 + Int(p[1]) - 1 + Int(p[3]) - 1 },
            kernel: { x, p, _ in smi(x, n: Int(p[0]), fast: Int(p[1]), slow: Int(p[2]), signal: Int(p[3])) }),
        IndicatorSpec(
            name: "tsi", group: "Momentum", summary: "true strength index",
            formula: "m = x - x[1]; tsi = 100 * ema(ema(m, first), second) / ema(ema(|m|, first), second); 0 when flat",
            inputs: real,
            params: [.period(25, name: "first", talib: "firstperiod", min: 1), .period(13, name: "second", talib: "secondperiod", min: 1)],
            outputs: ["tsi"],
            lookback: { p in Int(p[0]) + Int(p[1]) - 1 },
            kernel: { x, p, _ in
                let v = x[0]
                var m = Kernels.nans(v.count), a = m
                for i in 1..<max(1, v.count) {
                    m[i] = v[i] - v[i - 1]
                    a[i] = abs(m[i])
                }
                let f = Int(p[0]), s = Int(p[1])
                let num = Kernels.ema(Kernels.ema(m, f, from: 1), s, from: f)
                let den = Kernels.ema(Kernels.ema(a, f, from: 1), s, from: f)
                return [zip(num, den).map { n, d in n.isNaN ? .nan : (d != 0 ? 100 * n / d : 0) }]
            }),
        IndicatorSpec(
            name: "vhf", group: "Momentum", summary: "vertical horizontal filter",
            formula: "vhf = (max(x, n) - min(x, n)) / sum(|x[j] - x[j-1]|, n changes); 0 on a flat window",
            inputs: real, params: [.period(28)], outputs: ["vhf"],
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in
                let n = Int(p[0]), v = x[0]
                let hi = Kernels.rollingMax(v, n), lo = Kernels.rollingMin(v, n)
                var out = Kernels.nans(v.count)
                for i in n..<v.count {
                    var path = 0.0
                    for j in (i - n + 1)...i { path += abs(v[j] - v[j - 1]) }
                    out[i] = path != 0 ? (hi[i] - lo[i]) / path : 0
                }
                return [out]
            },
            windowed: true),
        IndicatorSpec(
            name: "vortex", group: "Momentum", summary: "vortex indicator, +VI and -VI",
            formula: "+vi = sum(|high - low[1]|, n) / sum(tr, n); -vi = sum(|low - high[1]|, n) / sum(tr, n); 0 when the true range sums to 0",
            inputs: hlc, params: [.period(14)], outputs: ["plus", "minus"],
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in vortex(x, Int(p[0])) },
            windowed: true),
        IndicatorSpec(
            name: "wad", group: "Momentum", summary: "Williams' accumulation/distribution (no volume)",
            formula: "wad += close - min(low, prev close) on an up close, close - max(high, prev close) on a down close; 0 at the first bar",
            inputs: hlc, params: [], outputs: ["wad"],
            conventionNote: "TA-Lib's WAD: path-dependent, starting at 0 on the first bar given.",
            lookback: { _ in 0 },
            kernel: { x, _, _ in
                let (h, l, c) = (x[0], x[1], x[2])
                var total = 0.0
                return [(0..<c.count).map { i in
                    if i > 0 {
                        if c[i] > c[i - 1] { total += c[i] - min(l[i], c[i - 1]) } else if c[i] < c[i - 1] { total += c[i] - max(h[i], c[i - 1]) }
                    }
                    return total
                }]
            }),
        MomentumIndicators.laggedSpec("rocr100", "rate of change as a ratio in percent", "rocr100 = x / x[n] * 100, 0 when x[n] is 0") { v, old in
            old != 0 ? (v / old) * 100 : 0
        },
    ]

    static func ao(_ h: [Double], _ l: [Double], _ fast: Int, _ slow: Int) -> [Double] {
        let med = medians(h, l)
        let f = Kernels.sma(med, fast), s = Kernels.sma(med, slow)
        return zip(f, s).map { $0 - $1 }
    }

    /// ta_CMOU.c: plain up/down sums over the last n changes; a window of exactly zero
    /// changes is flat (0) whatever rounding the running sums carry.
    static func cmou(_ x: [Double], _ n: Int) -> [Double] {
        var out = Kernels.nans(x.count)
        for i in n..<x.count {
            var up = 0.0, down = 0.0
            var j = i - n + 1
            while j <= i {
                let d = x[j] - x[j - 1]
                if d > 0 { up += d } else if d < 0 { down -= d }
                j += 1
            }
            let total = up + down
            out[i] = total > 0 ? (100 * (up - down)) / total : 0
        }
        return out
    }

    static func efficiencyRatio(_ x: [Double], _ n: Int) -> [Double] {
        var out = Kernels.nans(x.count)
        for i in n..<x.count {
            var path = 0.0
            for j in (i - n + 1)...i { path += abs(x[j] - x[j - 1]) }
            let change = x[i] - x[i - n]
            out[i] = (path <= change || Kernels.isZero(path)) ? 1 : abs(change / path)
        }
        return out
    }

    static func fractal(_ h: [Double], _ l: [Double], left: Int, right: Int) -> [[Double]] {
        var high = Kernels.nans(h.count), low = high
        for i in (left + right)..<h.count {
            let c = i - right
            var isHigh = true, isLow = true
            for j in (c - left)...(c + right) where j != c {
                if !(h[c] > h[j]) { isHigh = false }
                if !(l[c] < l[j]) { isLow = false }
            }
            high[i] = isHigh ? 100 : 0
            low[i] = isLow ? 100 : 0
        }
        return [high, low]
    }

    static func imi(_ o: [Double], _ c: [Double], _ n: Int) -> [Double] {
        var out = Kernels.nans(c.count)
        for i in (n - 1)..<c.count {
            var up = 0.0, down = 0.0
            for j in (i - n + 1)...i {
                if c[j] > o[j] { up += c[j] - o[j] } else { down += o[j] - c[j] }
            }
            let total = up + down
            out[i] = total != 0 ? 100 * (up / total) : 0
        }
        return out
    }

    static func smi(_ x: [[Double]], n: Int, fast: Int, slow: Int, signal: Int) -> [[Double]] {
        let (h, l, c) = (x[0], x[1], x[2])
        let hh = Kernels.rollingMax(h, n), ll = Kernels.rollingMin(l, n)
        var num = Kernels.nans(c.count), den = num
        for i in (n - 1)..<c.count {
            num[i] = c[i] - 0.5 * (hh[i] + ll[i])
            den[i] = hh[i] - ll[i]
        }
        let num2 = Kernels.ema(Kernels.ema(num, slow, from: n - 1), fast, from: n - 1 + slow - 1)
        let den2 = Kernels.ema(Kernels.ema(den, slow, from: n - 1), fast, from: n - 1 + slow - 1)
        let start = n - 1 + slow - 1 + fast - 1
        var value = Kernels.nans(c.count)
        for i in start..<c.count { value[i] = den2[i] != 0 ? 100 * num2[i] / (0.5 * den2[i]) : 0 }
        let sig = Kernels.ema(value, signal, from: start)
        let first = start + signal - 1
        for i in 0..<min(first, c.count) { value[i] = .nan }
        return [value, sig]
    }

    static func vortex(_ x: [[Double]], _ n: Int) -> [[Double]] {
        let (h, l, c) = (x[0], x[1], x[2])
        var plus = Kernels.nans(c.count), minus = plus
        for i in n..<c.count {
            var tr = 0.0, vp = 0.0, vm = 0.0
            for j in (i - n + 1)...i {
                tr += Kernels.trueRange(h[j], l[j], c[j - 1])
                vp += abs(h[j] - l[j - 1])
                vm += abs(l[j] - h[j - 1])
            }
            plus[i] = tr != 0 ? vp / tr : 0
            minus[i] = tr != 0 ? vm / tr : 0
        }
        return [plus, minus]
    }
}
