/// Oscillators and rates of change (TA-Lib's "Momentum Indicators").
enum MomentumIndicators {
    static let real: [IndicatorInput] = [.series("real")]
    static let hlc: [IndicatorInput] = [.high, .low, .close]

    static let all: [IndicatorSpec] = [
        IndicatorSpec(
            name: "rsi", group: "Momentum", summary: "relative strength index (Wilder)",
            formula: "rsi = 100 * avg_gain / (avg_gain + avg_loss), Wilder-smoothed over n changes",
            inputs: real, params: [.period(14)], outputs: ["rsi"],
            conventionNote: "TA-Lib: Wilder averages seeded with the mean of the first n changes. TradingView: ta.rma (same SMA seed, alpha = 1/n form), 100 - 100/(1 + rs), 100 when the average loss is 0.",
            lookback: { Int($0[0]) },
            kernel: { x, p, c in [rsi(x[0], Int(p[0]), c)] },
            stream: { p, c in StateStream(RSIState(Int(p[0]), c)) { s, x in [s.next(x[0])] } }),
        IndicatorSpec(
            name: "macd", group: "Momentum", summary: "moving average convergence/divergence",
            formula: "macd = ema(fast) - ema(slow); signal = ema(macd, signal); hist = macd - signal",
            inputs: real,
            params: [.period(12, name: "fast", talib: "fastperiod"), .period(26, name: "slow", talib: "slowperiod"),
                     .period(9, name: "signal", talib: "signalperiod", min: 1)],
            outputs: ["macd", "signal", "hist"],
            conventionNote: "TA-Lib: the fast EMA starts at the slow EMA's first bar, seeded with the SMA of the fast closes ending there; all outputs start when the signal does. TradingView: every EMA seeded with its first input, output from bar 0.",
            lookback: { p in max(Int(p[0]), Int(p[1])) - 1 + Int(p[2]) - 1 }, lookbackTradingView: { _ in 0 },
            kernel: { x, p, c in macd(x[0], Int(p[0]), Int(p[1]), Int(p[2]), c) },
            stream: { p, c in
                StateStream(MACDState(fast: Int(p[0]), slow: Int(p[1]), signal: Int(p[2]), c)) { s, x in
                    let (m, sg, h) = s.next(x[0])
                    return [m, sg, h]
                }
            }),
        IndicatorSpec(
            name: "stoch", group: "Momentum", summary: "slow stochastic oscillator",
            formula: "fast_k = 100 * (close - lowest low) / (highest high - lowest low); k = ma(fast_k, k_slow); d = ma(k, d_period)",
            inputs: hlc,
            params: [.period(5, name: "k_period", talib: "fastk_period", min: 1), .period(3, name: "k_slow", talib: "slowk_period", min: 1),
                     .period(3, name: "d_period", talib: "slowd_period", min: 1),
                     .maType("k_matype", talib: "slowk_matype", help: "average of fast %K into slow %K"),
                     .maType("d_matype", talib: "slowd_matype", help: "average of slow %K into %D")],
            outputs: ["k", "d"],
            conventionNote: "TA-Lib's STOCH; the matype parameters come after the periods here (TA-Lib's order interleaves them), so stoch(14, 3, 3) still means the periods. 0 on a flat window (a range within 1e-14 of the extremes).",
            lookback: { p in Int(p[0]) - 1 + MAType.of(p[3], default: .sma).lookback(Int(p[1])) + MAType.of(p[4], default: .sma).lookback(Int(p[2])) },
            kernel: { x, p, _ in
                let kType = MAType.of(p[3], default: .sma), dType = MAType.of(p[4], default: .sma)
                if kType == .sma && dType == .sma { return stoch(x[0], x[1], x[2], k: Int(p[0]), slowK: Int(p[1]), d: Int(p[2])) }
                return smoothedStoch(fastK(x[0], x[1], x[2], Int(p[0])), from: Int(p[0]) - 1,
                                     Int(p[1]), kType, Int(p[2]), dType)
            },
            stream: { p, _ in
                guard MAType.of(p[3], default: .sma) == .sma && MAType.of(p[4], default: .sma) == .sma else { return nil }
                return StateStream(StochState(k: Int(p[0]), slowK: Int(p[1]), d: Int(p[2]))) { s, x in
                    let (k, d) = s.next(high: x[0], low: x[1], close: x[2])
                    return [k, d]
                }
            }),
        IndicatorSpec(
            name: "stochf", group: "Momentum", summary: "fast stochastic oscillator",
            formula: "k = 100 * (close - lowest low) / (highest high - lowest low); d = ma(k, d_period)",
            inputs: hlc,
            params: [.period(5, name: "k_period", talib: "fastk_period", min: 1), .period(3, name: "d_period", talib: "fastd_period", min: 1),
                     .maType("d_matype", talib: "fastd_matype", help: "average of fast %K into fast %D")],
            outputs: ["k", "d"],
            conventionNote: "TA-Lib's STOCHF; 0 on a flat window (a range within 1e-14 of the extremes).",
            lookback: { p in Int(p[0]) - 1 + MAType.of(p[2], default: .sma).lookback(Int(p[1])) },
            kernel: { x, p, _ in
                let dType = MAType.of(p[2], default: .sma)
                if dType == .sma { return stoch(x[0], x[1], x[2], k: Int(p[0]), slowK: 1, d: Int(p[1])) }
                return smoothedStoch(fastK(x[0], x[1], x[2], Int(p[0])), from: Int(p[0]) - 1, 1, .sma, Int(p[1]), dType)
            },
            stream: { p, _ in
                guard MAType.of(p[2], default: .sma) == .sma else { return nil }
                return StateStream(StochState(k: Int(p[0]), slowK: 1, d: Int(p[1]))) { s, x in
                    let (k, d) = s.next(high: x[0], low: x[1], close: x[2])
                    return [k, d]
                }
            }),
        IndicatorSpec(
            name: "stochrsi", group: "Momentum", summary: "fast stochastic of the RSI",
            formula: "k = 100 * (rsi - min(rsi, k_period)) / (max(rsi, k_period) - min(rsi, k_period)); d = ma(k, d_period)",
            inputs: real,
            params: [.period(14), .period(5, name: "k_period", talib: "fastk_period", min: 1),
                     .period(3, name: "d_period", talib: "fastd_period", min: 1),
                     .maType("d_matype", talib: "fastd_matype", help: "average of %K into %D")],
            outputs: ["k", "d"],
            conventionNote: "TA-Lib: a fast stochastic (STOCHF) applied to RSI(period), 0 on a flat RSI window (a range within 1e-14 of its extremes: TA-Lib 0.8's rule); the RSI follows the convention.",
            lookback: { p in Int(p[0]) + Int(p[1]) - 1 + MAType.of(p[3], default: .sma).lookback(Int(p[2])) },
            kernel: { x, p, c in
                let r = rsi(x[0], Int(p[0]), c)
                let from = Kernels.firstValid(r)
                let tail = Array(r[from...])
                let dType = MAType.of(p[3], default: .sma)
                let out = dType == .sma ? stoch(tail, tail, tail, k: Int(p[1]), slowK: 1, d: Int(p[2]))
                    : smoothedStoch(fastK(tail, tail, tail, Int(p[1])), from: Int(p[1]) - 1, 1, .sma, Int(p[2]), dType)
                return out.map { Kernels.nans(from) + $0 }
            }),
        IndicatorSpec(
            name: "willr", group: "Momentum", summary: "Williams' %R",
            formula: "willr = -100 * (highest high - close) / (highest high - lowest low)",
            inputs: hlc, params: [.period(14)], outputs: ["willr"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [willr(x[0], x[1], x[2], Int(p[0]))] },
            windowed: true),
        IndicatorSpec(
            name: "cci", group: "Momentum", summary: "commodity channel index",
            formula: "tp = (h + l + c) / 3; cci = (tp - sma(tp)) / (0.015 * mean |tp - sma(tp)|)",
            inputs: hlc, params: [.period(14)], outputs: ["cci"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [cci(x[0], x[1], x[2], Int(p[0]))] },
            windowed: true),
        laggedSpec("mom", "momentum: change over n bars", "mom = x - x[n]") { v, old in v - old },
        laggedSpec("roc", "rate of change in percent", "roc = (x / x[n] - 1) * 100, 0 when x[n] is 0") { v, old in
            old != 0 ? (v / old - 1) * 100 : 0
        },
        laggedSpec("rocp", "rate of change as a fraction", "rocp = (x - x[n]) / x[n], 0 when x[n] is 0") { v, old in
            old != 0 ? (v - old) / old : 0
        },
        laggedSpec("rocr", "rate of change as a ratio", "rocr = x / x[n], 0 when x[n] is 0") { v, old in
            old != 0 ? v / old : 0
        },
        IndicatorSpec(
            name: "ultosc", group: "Momentum", summary: "Williams' ultimate oscillator",
            formula: "bp = close - min(low, prev close); avg_p = sum(bp, p) / sum(tr, p); 100 * (4 avg_short + 2 avg_mid + avg_long) / 7",
            inputs: hlc,
            params: [.period(7, name: "period1", talib: "timeperiod1", min: 1), .period(14, name: "period2", talib: "timeperiod2", min: 1),
                     .period(28, name: "period3", talib: "timeperiod3", min: 1)],
            outputs: ["ultosc"],
            lookback: { p in Int(max(p[0], p[1], p[2])) },
            kernel: { x, p, _ in [ultosc(x[0], x[1], x[2], [Int(p[0]), Int(p[1]), Int(p[2])])] }),
        IndicatorSpec(
            name: "bop", group: "Momentum", summary: "balance of power",
            formula: "bop = (close - open) / (high - low), 0 when high == low",
            inputs: [.open, .high, .low, .close], params: [], outputs: ["bop"],
            lookback: { _ in 0 },
            kernel: { x, _, _ in
                [(0..<x[0].count).map { i in
                    let range = x[1][i] - x[2][i]
                    return range < 1e-14 ? 0 : (x[3][i] - x[0][i]) / range
                }]
            },
            windowed: true),
        IndicatorSpec(
            name: "aroon", group: "Momentum", summary: "Aroon: bars since the highest high and lowest low",
            formula: "up = 100 * (n - bars since highest high of n+1 bars) / n; down likewise with the lowest low",
            inputs: [.high, .low], params: [.period(14)], outputs: ["down", "up"],
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in
                let (down, up, _) = aroon(x[0], x[1], Int(p[0]))
                return [down, up]
            },
            windowed: true),
        IndicatorSpec(
            name: "aroonosc", group: "Momentum", summary: "Aroon oscillator",
            formula: "aroonosc = aroon up - aroon down = 100 * (index of high - index of low) / n",
            inputs: [.high, .low], params: [.period(14)], outputs: ["aroonosc"],
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in [aroon(x[0], x[1], Int(p[0])).osc] },
            windowed: true),
        IndicatorSpec(
            name: "apo", group: "Momentum", summary: "absolute price oscillator",
            formula: "apo = ma(fast) - ma(slow), both of type matype", inputs: real,
            params: [.period(12, name: "fast", talib: "fastperiod"), .period(26, name: "slow", talib: "slowperiod"),
                     .maType(default: .ema)],
            outputs: ["apo"],
            conventionNote: "TA-Lib: two independent averages (with EMA, each seeded with the SMA of its own first bars, unlike MACD's delayed fast EMA), output from the slower one's first value; the same under both conventions.",
            lookback: { p in priceOscillatorLookback(p) },
            kernel: { x, p, _ in
                let (f, s) = priceOscillator(x[0], Int(p[0]), Int(p[1]), MAType.of(p[2], default: .sma))
                return [zip(f, s).map { $0 - $1 }]
            }),
        IndicatorSpec(
            name: "ppo", group: "Momentum", summary: "percentage price oscillator",
            formula: "ppo = 100 * (ma(fast) - ma(slow)) / ma(slow), 0 when ma(slow) is 0; both of type matype",
            inputs: real,
            params: [.period(12, name: "fast", talib: "fastperiod"), .period(26, name: "slow", talib: "slowperiod"),
                     .maType(default: .ema)],
            outputs: ["ppo"],
            conventionNote: "TA-Lib: two independent averages as in APO; the same under both conventions.",
            lookback: { p in priceOscillatorLookback(p) },
            kernel: { x, p, _ in
                let (f, s) = priceOscillator(x[0], Int(p[0]), Int(p[1]), MAType.of(p[2], default: .sma))
                return [zip(f, s).map { f, s in Kernels.isZero(s) ? 0 : ((f - s) / s) * 100 }]
            }),
        IndicatorSpec(
            name: "cmo", group: "Momentum", summary: "Chande momentum oscillator (TA-Lib's Wilder-smoothed form)",
            formula: "cmo = 100 * (avg_gain - avg_loss) / (avg_gain + avg_loss), averages as in RSI",
            inputs: real, params: [.period(14)], outputs: ["cmo"],
            conventionNote: "TA-Lib: gains and losses Wilder-smoothed like RSI (Chande's original and Pine's ta.cmo use plain sums); the same under both conventions.",
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in [cmo(x[0], Int(p[0]))] }),
    ]

    static func rsi(_ x: [Double], _ n: Int, _ c: Convention) -> [Double] { HotLoops.rsi(x, n, c) }

    /// CMO with RSI's averaging (ta_CMO.c runs the RSI loop and reports the difference).
    static func cmo(_ x: [Double], _ n: Int) -> [Double] {
        var state = RSIState(n, .talib)
        return x.map { v in
            let r = state.next(v)
            guard !r.isNaN else { return .nan }
            let total = state.gain + state.loss
            return Kernels.isZero(total) ? 0 : 100 * ((state.gain - state.loss) / total)
        }
    }

    static func macd(_ x: [Double], _ fast: Int, _ slow: Int, _ signal: Int, _ c: Convention) -> [[Double]] {
        HotLoops.macd(x, fast, slow, signal, c)
    }

    /// Batch stochastic in one pass, with `StochState`'s arithmetic (which the stream uses):
    /// the window extremes (`RollingExtremes`, the same values TA-Lib's index tracking
    /// finds), fast %K, then the two running-total SMAs on small rings.
    static func stoch(_ h: [Double], _ l: [Double], _ c: [Double], k: Int, slowK: Int, d: Int) -> [[Double]] {
        let n = c.count
        var outK = Kernels.nans(n), outD = Kernels.nans(n)
        let lag = k - 1 + slowK - 1 + d - 1
        guard lag < n else { return [outK, outD] }
        var ringK = [Double](repeating: 0, count: slowK), ringD = [Double](repeating: 0, count: d)
        h.withUnsafeBufferPointer { hs in
            l.withUnsafeBufferPointer { ls in
                c.withUnsafeBufferPointer { cs in
                    outK.withUnsafeMutableBufferPointer { ko in
                        outD.withUnsafeMutableBufferPointer { dout in
                            ringK.withUnsafeMutableBufferPointer { rk in
                                ringD.withUnsafeMutableBufferPointer { rd in
                                    var window = RollingExtremes(k)
                                    var totalK = 0.0, totalD = 0.0
                                    var slotK = 0, slotD = 0, countK = 0, countD = 0
                                    let invK = 1 / Double(slowK), invD = 1 / Double(d)
                                    for i in 0..<n {
                                        let (highest, lowest) = window.push(i, hs, ls)
                                        guard i >= k - 1 else { continue }
                                        let diff = (highest - lowest) / 100
                                        let fastK = diff != 0 ? (cs[i] - lowest) / diff : 0
                                        // SMA(slowK) of fast %K (SMAState's order).
                                        totalK += fastK
                                        rk[slotK] = fastK
                                        slotK += 1
                                        if slotK == slowK { slotK = 0 }
                                        countK += 1
                                        guard countK >= slowK else { continue }
                                        let kValue = totalK * invK
                                        totalK -= rk[slotK]
                                        // SMA(d) of slow %K.
                                        totalD += kValue
                                        rd[slotD] = kValue
                                        slotD += 1
                                        if slotD == d { slotD = 0 }
                                        countD += 1
                                        guard countD >= d else { continue }
                                        let dValue = totalD * invD
                                        totalD -= rd[slotD]
                                        ko[i] = kValue
                                        dout[i] = dValue
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return [outK, outD]
    }

    /// TA-Lib's WILLR: `(highest - close) / ((highest - lowest) / -100)`, 0 on a zero range.
    static func willr(_ h: [Double], _ l: [Double], _ c: [Double], _ n: Int) -> [Double] {
        let hi = Kernels.rollingMax(h, n), lo = Kernels.rollingMin(l, n)
        var out = Kernels.nans(c.count)
        for i in (n - 1)..<c.count {
            let diff = (hi[i] - lo[i]) / -100.0
            out[i] = diff != 0 ? (hi[i] - c[i]) / diff : 0
        }
        return out
    }

    /// TA-Lib's CCI: the window mean and mean absolute deviation recomputed at every bar.
    static func cci(_ h: [Double], _ l: [Double], _ c: [Double], _ n: Int) -> [Double] {
        let tp = (0..<c.count).map { (h[$0] + l[$0] + c[$0]) / 3 }
        var out = Kernels.nans(c.count)
        let dn = Double(n)
        for i in (n - 1)..<c.count {
            var mean = 0.0
            for j in (i - n + 1)...i { mean += tp[j] }
            mean /= dn
            var dev = 0.0
            for j in (i - n + 1)...i { dev += abs(tp[j] - mean) }
            let num = tp[i] - mean
            out[i] = (num != 0 && dev != 0) ? num / (0.015 * (dev / dn)) : 0
        }
        return out
    }

    /// An entry valued from each bar and the bar n before it (MOM and the ROC family).
    static func laggedSpec(_ name: String, _ summary: String, _ formula: String,
                           _ f: @escaping @Sendable (_ value: Double, _ old: Double) -> Double) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Momentum", summary: summary, formula: formula, inputs: real,
            params: [.period(10, min: 1)], outputs: [name],
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in [lagged(x[0], Int(p[0]), f)] },
            windowed: true)
    }

    static func lagged(_ x: [Double], _ n: Int, _ f: (Double, Double) -> Double) -> [Double] {
        var out = Kernels.nans(x.count)
        for i in n..<x.count { out[i] = f(x[i], x[i - n]) }
        return out
    }

    /// TA-Lib's ULTOSC: the periods are sorted so the weight 4 goes to the shortest; running
    /// sums of buying pressure and true range per period; a zero range sum adds nothing.
    static func ultosc(_ h: [Double], _ l: [Double], _ c: [Double], _ periods: [Int]) -> [Double] {
        let p = periods.sorted()
        let start = p[2]
        var out = Kernels.nans(c.count)
        @inline(__always) func terms(_ day: Int) -> (Double, Double) {
            let trueLow = min(l[day], c[day - 1]), trueHigh = max(h[day], c[day - 1])
            return (c[day] - trueLow, trueHigh - trueLow)
        }
        var a = [0.0, 0.0, 0.0], b = [0.0, 0.0, 0.0]
        for k in 0..<3 {
            var i = start - p[k] + 1
            while i < start {
                let (bp, tr) = terms(i)
                a[k] += bp
                b[k] += tr
                i += 1
            }
        }
        for today in start..<c.count {
            let (bp, tr) = terms(today)
            for k in 0..<3 { a[k] += bp; b[k] += tr }
            var value = 0.0
            if !Kernels.isZero(b[0]) { value += 4.0 * (a[0] / b[0]) }
            if !Kernels.isZero(b[1]) { value += 2.0 * (a[1] / b[1]) }
            if !Kernels.isZero(b[2]) { value += a[2] / b[2] }
            for k in 0..<3 {
                let (obp, otr) = terms(today - p[k] + 1)
                a[k] -= obp
                b[k] -= otr
            }
            out[today] = 100.0 * (value / 7.0)
        }
        return out
    }

    /// TA-Lib's AROON over the last n+1 bars; on ties the most recent bar counts.
    static func aroon(_ h: [Double], _ l: [Double], _ n: Int) -> (down: [Double], up: [Double], osc: [Double]) {
        var down = Kernels.nans(h.count), up = down, osc = down
        let factor = 100.0 / Double(n)
        var lowestAt = -1, highestAt = -1
        var lowest = 0.0, highest = 0.0
        for today in n..<h.count {
            let trailing = today - n
            if lowestAt < trailing {
                lowestAt = trailing
                lowest = l[trailing]
                for i in (trailing + 1)...today where l[i] <= lowest { lowest = l[i]; lowestAt = i }
            } else if l[today] <= lowest {
                lowest = l[today]
                lowestAt = today
            }
            if highestAt < trailing {
                highestAt = trailing
                highest = h[trailing]
                for i in (trailing + 1)...today where h[i] >= highest { highest = h[i]; highestAt = i }
            } else if h[today] >= highest {
                highest = h[today]
                highestAt = today
            }
            down[today] = factor * Double(n - (today - lowestAt))
            up[today] = factor * Double(n - (today - highestAt))
            osc[today] = factor * Double(highestAt - lowestAt)
        }
        return (down, up, osc)
    }

    /// The fast and slow averages of APO/PPO/PVO as TA-Lib's INT_PO computes them: the
    /// periods swapped if given the wrong way round, each average computed on its own, both
    /// reported from the later of their first values.
    static func priceOscillator(_ x: [Double], _ fast: Int, _ slow: Int, _ type: MAType) -> ([Double], [Double]) {
        let f = min(fast, slow), s = max(fast, slow)
        var fa = MovingAverage.compute(x, f, type), sa = MovingAverage.compute(x, s, type)
        let start = max(type.lookback(f), type.lookback(s))
        for i in 0..<min(start, x.count) {
            fa[i] = .nan
            sa[i] = .nan
        }
        return (fa, sa)
    }

    static func priceOscillatorLookback(_ p: [Double]) -> Int {
        let type = MAType.of(p[2], default: .sma)
        return max(type.lookback(Int(p[0])), type.lookback(Int(p[1])))
    }

    /// Raw fast %K over k bars (NaN before bar k-1), with `StochState.fastK`'s flat rule.
    static func fastK(_ h: [Double], _ l: [Double], _ c: [Double], _ k: Int) -> [Double] {
        var out = Kernels.nans(c.count)
        guard k >= 1, k - 1 < c.count else { return out }
        h.withUnsafeBufferPointer { hs in
            l.withUnsafeBufferPointer { ls in
                var window = RollingExtremes(k)
                for i in 0..<c.count {
                    let (highest, lowest) = window.push(i, hs, ls)
                    if i >= k - 1 { out[i] = StochState.fastK(c[i], highest: highest, lowest: lowest) }
                }
            }
        }
        return out
    }

    /// STOCH's smoothing with any averages: slow %K = ma(fast %K), %D = ma(slow %K), both
    /// reported from %D's first value (TA-Lib reports the two outputs over one range).
    static func smoothedStoch(_ fastK: [Double], from: Int, _ kPeriod: Int, _ kType: MAType,
                              _ dPeriod: Int, _ dType: MAType) -> [[Double]] {
        var k = MovingAverage.compute(fastK, kPeriod, kType, from: from)
        let d = MovingAverage.compute(k, dPeriod, dType, from: from + kType.lookback(kPeriod))
        let start = from + kType.lookback(kPeriod) + dType.lookback(dPeriod)
        for i in 0..<min(start, k.count) { k[i] = .nan }
        return [k, d]
    }
}
