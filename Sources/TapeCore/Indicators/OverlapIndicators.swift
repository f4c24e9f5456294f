/// Moving averages and other indicators drawn over price (TA-Lib's "Overlap Studies").
enum OverlapIndicators {
    static let real: [IndicatorInput] = [.series("real")]

    static let emaNote = "TA-Lib: EMA seeded with the SMA of its first n inputs. TradingView: seeded with the first input (ta.ema), output from the first bar."

    static let all: [IndicatorSpec] = [
        IndicatorSpec(
            name: "sma", group: "Overlap", summary: "simple moving average",
            formula: "sma = sum(x, n) / n", inputs: real,
            params: [.period(30, min: 1)], outputs: ["sma"],
            conventionNote: "TA-Lib (and TradingView): a running total. pandas: Series.rolling(n).mean() to the bit (Kahan-compensated; a NaN spoils only the windows holding it), as backtesting.py computes it.",
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, c in [c == .pandas ? PandasRollingMean.mean(x[0], Int(p[0])) : Kernels.sma(x[0], Int(p[0]))] },
            stream: { p, c in c == .pandas ? PandasMeanStream(Int(p[0])) as IndicatorStream : SMAStream(Int(p[0])) }),
        IndicatorSpec(
            name: "ema", group: "Overlap", summary: "exponential moving average",
            formula: "ema = (x - ema_prev) * k + ema_prev, k = 2 / (n + 1)", inputs: real,
            params: [.period(30, min: 1)], outputs: ["ema"], conventionNote: emaNote,
            lookback: { Int($0[0]) - 1 }, lookbackTradingView: { _ in 0 },
            kernel: { x, p, c in [Kernels.ema(x[0], Int(p[0]), seedFirst: c == .tradingview)] },
            stream: { p, c in EMAStream(Int(p[0]), seedFirst: c == .tradingview) }),
        IndicatorSpec(
            name: "wma", group: "Overlap", summary: "linearly weighted moving average",
            formula: "wma = sum(w_j * x_j) / (n(n+1)/2), weights 1..n oldest..newest", inputs: real,
            params: [.period(30, min: 1)], outputs: ["wma"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [Kernels.wma(x[0], Int(p[0]))] },
            stream: { p, _ in StateStream(WMAState(Int(p[0]))) { s, x in [s.next(x[0])] } }),
        IndicatorSpec(
            name: "dema", group: "Overlap", summary: "double exponential moving average",
            formula: "dema = 2 * ema1 - ema2, ema2 = ema(ema1)", inputs: real,
            params: [.period(30, min: 1)], outputs: ["dema"], conventionNote: emaNote,
            lookback: { 2 * (Int($0[0]) - 1) }, lookbackTradingView: { _ in 0 },
            kernel: { x, p, c in [dema(x[0], Int(p[0]), c)] },
            stream: { p, c in EMAChainStream(Int(p[0]), c, levels: 2) { e in 2 * e[0] - e[1] } }),
        IndicatorSpec(
            name: "tema", group: "Overlap", summary: "triple exponential moving average",
            formula: "tema = 3 * ema1 - 3 * ema2 + ema3", inputs: real,
            params: [.period(30, min: 1)], outputs: ["tema"], conventionNote: emaNote,
            lookback: { 3 * (Int($0[0]) - 1) }, lookbackTradingView: { _ in 0 },
            kernel: { x, p, c in [tema(x[0], Int(p[0]), c)] },
            stream: { p, c in EMAChainStream(Int(p[0]), c, levels: 3) { e in 3 * e[0] - 3 * e[1] + e[2] } }),
        IndicatorSpec(
            name: "t3", group: "Overlap", summary: "Tillson T3: six chained EMAs blended by a volume factor",
            formula: "t3 = -a^3 e6 + (3a^2 + 3a^3) e5 + (-6a^2 - 3a - 3a^3) e4 + (1 + 3a + a^3 + 3a^2) e3",
            inputs: real,
            params: [.period(5, min: 1), .real("vfactor", 0.7, talib: "vfactor", min: 0, max: 1, help: "volume factor a")],
            outputs: ["t3"],
            conventionNote: "TA-Lib definition (each EMA seeded with an SMA) under both conventions.",
            lookback: { 6 * (Int($0[0]) - 1) },
            kernel: { x, p, _ in [t3(x[0], Int(p[0]), p[1])] }),
        IndicatorSpec(
            name: "trix", group: "Momentum", summary: "1-bar rate of change of a triple EMA, in percent",
            formula: "trix = 100 * (e3 / e3_prev - 1), e3 = ema(ema(ema(x)))", inputs: real,
            params: [.period(30, min: 1)], outputs: ["trix"], conventionNote: emaNote,
            lookback: { 3 * (Int($0[0]) - 1) + 1 }, lookbackTradingView: { _ in 1 },
            kernel: { x, p, c in [trix(x[0], Int(p[0]), c)] }),
        IndicatorSpec(
            name: "kama", group: "Overlap", summary: "Kaufman adaptive moving average",
            formula: "er = |x - x[n]| / sum|dx|; sc = (er * (2/3 - 2/31) + 2/31)^2; kama += sc * (x - kama)",
            inputs: real, params: [.period(30, min: 1)], outputs: ["kama"],
            lookback: { Int($0[0]) <= 1 ? 0 : Int($0[0]) },
            kernel: { x, p, _ in [kama(x[0], Int(p[0]))] }),
        IndicatorSpec(
            name: "hma", group: "Overlap", summary: "Hull moving average",
            formula: "hma = wma(2 * wma(x, n/2) - wma(x, n), floor(sqrt(n)))", inputs: real,
            params: [.period(20, min: 1)], outputs: ["hma"],
            conventionNote: "Alan Hull's definition with integer n/2 and floor(sqrt(n)), as TradingView's ta.hma.",
            lookback: { p in let n = Int(p[0]); return n - 1 + hullRoot(n) - 1 },
            kernel: { x, p, _ in [hma(x[0], Int(p[0]))] }),
        IndicatorSpec(
            name: "midpoint", group: "Overlap", summary: "midpoint of the highest and lowest value over the window",
            formula: "midpoint = (max(x, n) + min(x, n)) / 2", inputs: real,
            params: [.period(14)], outputs: ["midpoint"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in
                let n = Int(p[0])
                let hi = Kernels.rollingMax(x[0], n), lo = Kernels.rollingMin(x[0], n)
                return [zip(hi, lo).map { ($0 + $1) / 2 }]
            },
            windowed: true),
        IndicatorSpec(
            name: "midprice", group: "Overlap", summary: "midpoint of the highest high and lowest low over the window",
            formula: "midprice = (max(high, n) + min(low, n)) / 2", inputs: [.high, .low],
            params: [.period(14)], outputs: ["midprice"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in
                let n = Int(p[0])
                let hi = Kernels.rollingMax(x[0], n), lo = Kernels.rollingMin(x[1], n)
                return [zip(hi, lo).map { ($0 + $1) / 2 }]
            },
            windowed: true),
    ] + [ParabolicSAR.spec, ParabolicSARExtended.spec]

    static func dema(_ x: [Double], _ n: Int, _ c: Convention) -> [Double] {
        let tv = c == .tradingview
        let e1 = Kernels.ema(x, n, seedFirst: tv)
        let e2 = Kernels.ema(e1, n, from: Kernels.firstValid(e1), seedFirst: tv)
        return zip(e1, e2).map { 2 * $0 - $1 }
    }

    static func tema(_ x: [Double], _ n: Int, _ c: Convention) -> [Double] {
        let tv = c == .tradingview
        let e1 = Kernels.ema(x, n, seedFirst: tv)
        let e2 = Kernels.ema(e1, n, from: Kernels.firstValid(e1), seedFirst: tv)
        let e3 = Kernels.ema(e2, n, from: Kernels.firstValid(e2), seedFirst: tv)
        return (0..<x.count).map { 3 * e1[$0] - 3 * e2[$0] + e3[$0] }
    }

    static func trix(_ x: [Double], _ n: Int, _ c: Convention) -> [Double] {
        let tv = c == .tradingview
        let e1 = Kernels.ema(x, n, seedFirst: tv)
        let e2 = Kernels.ema(e1, n, from: Kernels.firstValid(e1), seedFirst: tv)
        let e3 = Kernels.ema(e2, n, from: Kernels.firstValid(e2), seedFirst: tv)
        var out = Kernels.nans(x.count)
        let start = Kernels.firstValid(e3)
        // TA-Lib applies its ROC to the triple EMA: (x / prev - 1) * 100, 0 when prev is 0.
        if start + 1 < x.count {
            for i in (start + 1)..<x.count {
                out[i] = e3[i - 1] != 0 ? (e3[i] / e3[i - 1] - 1) * 100 : 0
            }
        }
        return out
    }

    /// TA-Lib's T3: each EMA level is seeded with the mean of the first n values of the
    /// level below, written `k * x + (1 - k) * prev` as in ta_T3.c.
    static func t3(_ x: [Double], _ n: Int, _ a: Double) -> [Double] {
        // Period 1 smooths nothing: TA-Lib copies the input rather than run the blend.
        if n <= 1 { return x }
        var out = Kernels.nans(x.count)
        let lookback = 6 * (n - 1)
        guard lookback < x.count else { return out }
        let k = 2.0 / (Double(n) + 1), k1 = 1 - k, dn = Double(n)
        var today = 0
        var total = 0.0
        for _ in 0..<n { total += x[today]; today += 1 }
        var e1 = total / dn
        var e = [Double](repeating: 0, count: 7)
        e[1] = e1
        // Levels 2...6: run the lower levels n-1 more bars, averaging the new level's inputs.
        for level in 2...6 {
            total = e[level - 1]
            for _ in 0..<(n - 1) {
                e1 = k * x[today] + k1 * e1
                today += 1
                e[1] = e1
                if level > 2 { for j in 2..<level { e[j] = k * e[j - 1] + k1 * e[j] } }
                total += e[level - 1]
            }
            e[level] = total / dn
        }
        let a2 = a * a, a3 = a2 * a
        let c1 = -a3, c2 = 3 * a2 + 3 * a3, c3 = -6 * a2 - 3 * a - 3 * a3, c4 = 1 + 3 * a + a3 + 3 * a2
        out[today - 1] = c1 * e[6] + c2 * e[5] + c3 * e[4] + c4 * e[3]
        while today < x.count {
            e[1] = k * x[today] + k1 * e[1]
            for j in 2...6 { e[j] = k * e[j - 1] + k1 * e[j] }
            out[today] = c1 * e[6] + c2 * e[5] + c3 * e[4] + c4 * e[3]
            today += 1
        }
        return out
    }

    /// TA-Lib's KAMA (README "KAMA"): fast/slow constants fixed at 2/3 and 2/31; ER = 1 when
    /// the path length is zero or not above the net change (ta_KAMA.c compares the signed
    /// change, `sumROC1 <= periodROC`).
    static func kama(_ x: [Double], _ n: Int) -> [Double] {
        if n <= 1 { return x }
        var out = Kernels.nans(x.count)
        guard n < x.count else { return out }
        let constMax = 2.0 / 31.0, constDiff = 2.0 / 3.0 - constMax
        var sumROC1 = 0.0
        for j in 0..<n { sumROC1 += abs(x[j] - x[j + 1]) }
        var prev = x[n - 1]
        var trailing = 0
        var trailingValue = x[0]
        for today in n..<x.count {
            let v = x[today]
            let old = x[trailing]
            trailing += 1
            if today > n {
                sumROC1 -= abs(trailingValue - old)
                sumROC1 += abs(v - x[today - 1])
            }
            trailingValue = old
            let periodROC = v - old
            var er = 1.0
            if !(sumROC1 <= periodROC || Kernels.isZero(sumROC1)) { er = abs(periodROC / sumROC1) }
            var sc = er * constDiff + constMax
            sc *= sc
            prev = (v - prev) * sc + prev
            out[today] = prev
        }
        return out
    }

    static func hullRoot(_ n: Int) -> Int { max(1, Int(Double(n).squareRoot())) }

    static func hma(_ x: [Double], _ n: Int) -> [Double] {
        let half = max(1, n / 2)
        let w1 = Kernels.wma(x, half), w2 = Kernels.wma(x, n)
        let diff = zip(w1, w2).map { 2 * $0 - $1 }
        return Kernels.wma(diff, hullRoot(n), from: n - 1)
    }
}

/// Incremental SMA: the same running total and operation order as `Kernels.sma`.
final class SMAStream: IndicatorStream {
    let n: Int
    let inv: Double
    var ring: [Double]
    var count = 0
    var total = 0.0

    /// `scale` 1 gives the rolling sum (`Kernels.sum`).
    init(_ n: Int, scale: Double? = nil) {
        self.n = n
        self.inv = scale ?? 1 / Double(n)
        self.ring = Array(repeating: 0, count: n)
    }

    func push(_ inputs: [Double]) -> [Double] { [next(inputs[0])] }

    func next(_ x: Double) -> Double {
        let slot = count % n
        count += 1
        if count <= n {
            total += x
        } else {
            total += x - ring[slot]
        }
        ring[slot] = x
        return count >= n ? total * inv : .nan
    }
}

/// Incremental EMA with the seeding of `Kernels.ema`; the updates are `TwoStepEMA`'s, the
/// same two-step form as the batch loop, so stream and batch agree bit for bit.
final class EMAStream: IndicatorStream {
    let n: Int
    let seedFirst: Bool
    var count = 0
    var total = 0.0
    var ema: TwoStepEMA

    init(_ n: Int, seedFirst: Bool) {
        self.n = n
        self.seedFirst = seedFirst
        self.ema = TwoStepEMA(period: n)
    }

    func push(_ inputs: [Double]) -> [Double] { [next(inputs[0])] }

    func next(_ x: Double) -> Double {
        count += 1
        if seedFirst && count == 1 {
            ema.seed(x)
            return x
        }
        if !seedFirst && count <= n {
            total += x
            guard count == n else { return .nan }
            ema.seed(total / Double(n))
            return ema.value
        }
        return ema.update(x)
    }
}

/// DEMA/TEMA streaming: each EMA level is an `EMAStream` fed the level below once that has
/// a value, exactly as `Kernels.ema(..., from: firstValid)` chains them in batch.
final class EMAChainStream: IndicatorStream {
    let levels: [EMAStream]
    let combine: ([Double]) -> Double

    init(_ n: Int, _ convention: Convention, levels: Int, combine: @escaping ([Double]) -> Double) {
        self.levels = (0..<levels).map { _ in EMAStream(n, seedFirst: convention == .tradingview) }
        self.combine = combine
    }

    func push(_ inputs: [Double]) -> [Double] {
        var values: [Double] = []
        var x = inputs[0]
        for level in levels {
            guard !x.isNaN else { return [.nan] }
            x = level.next(x)
            values.append(x)
        }
        return [x.isNaN ? .nan : combine(values)]
    }
}
