/// Channels and trend lines traders use beyond TA-Lib.
enum ChannelIndicators {
    static let hlc: [IndicatorInput] = [.high, .low, .close]

    static let all: [IndicatorSpec] = [
        IndicatorSpec(
            name: "donchian", group: "Channel", summary: "Donchian channel: highest high and lowest low",
            formula: "upper = max(high, n); lower = min(low, n); middle = (upper + lower) / 2",
            inputs: [.high, .low], params: [.period(20, min: 1)], outputs: ["upper", "middle", "lower"],
            conventionNote: "The window includes the current bar (as TradingView's ta.highest/ta.lowest).",
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in
                let n = Int(p[0])
                let u = Kernels.rollingMax(x[0], n), l = Kernels.rollingMin(x[1], n)
                return [u, zip(u, l).map { ($0 + $1) / 2 }, l]
            },
            windowed: true),
        IndicatorSpec(
            name: "keltner", group: "Channel", summary: "Keltner channel: EMA ± multiple of ATR",
            formula: "middle = ema(close, period); upper/lower = middle ± mult * atr(atr_period)",
            inputs: hlc,
            params: [.period(20), .real("mult", 2, min: -1e6, max: 1e6, help: "ATR multiple"),
                     .period(10, name: "atr_period", min: 1, help: "ATR window")],
            outputs: ["upper", "middle", "lower"],
            conventionNote: "The EMA and ATR follow the convention (TA-Lib seeds vs TradingView's ta.ema/ta.atr).",
            lookback: { p in max(Int(p[0]) - 1, Int(p[2])) },
            lookbackTradingView: { p in Int(p[2]) - 1 },
            kernel: { x, p, c in
                let mid = Kernels.ema(x[2], Int(p[0]), seedFirst: c == .tradingview)
                let atr = VolatilityIndicators.atr(x, Int(p[2]), c)
                let m = p[1]
                return [(0..<mid.count).map { mid[$0] + m * atr[$0] }, zip(mid, atr).map { $1.isNaN ? .nan : $0 },
                        (0..<mid.count).map { mid[$0] - m * atr[$0] }]
            },
            stream: { p, c in
                let ema = EMAStream(Int(p[0]), seedFirst: c == .tradingview)
                return StateStream(ATRState(Int(p[2]), c)) { atr, x in
                    let mid = ema.next(x[2]), a = atr.next(high: x[0], low: x[1], close: x[2])
                    return [mid + p[1] * a, a.isNaN ? .nan : mid, mid - p[1] * a]
                }
            }),
        IndicatorSpec(
            name: "ichimoku", group: "Channel", summary: "Ichimoku cloud lines",
            formula: "tenkan = mid(9); kijun = mid(26); senkou_a = (tenkan + kijun) / 2 and senkou_b = mid(52), both as computed displacement bars ago; chikou = close; mid(n) = (max(high, n) + min(low, n)) / 2",
            inputs: hlc,
            params: [.period(9, name: "tenkan", min: 1), .period(26, name: "kijun", min: 1),
                     .period(52, name: "senkou", min: 1), .period(26, name: "displacement", min: 0, help: "forward shift of the cloud")],
            outputs: ["tenkan", "kijun", "senkou_a", "senkou_b", "chikou"],
            conventionNote: "Causal: each output holds what is known at that bar. senkou_a/b at bar i are the values computed at bar i - displacement (the cloud a chart draws over bar i). chikou is the bar's own close, which charts draw displacement bars back; compare it with shift(close, displacement). Outputs warm up separately.",
            lookback: { _ in 0 },
            kernel: { x, p, _ in ichimoku(x, tenkan: Int(p[0]), kijun: Int(p[1]), senkou: Int(p[2]), shift: Int(p[3])) }),
        IndicatorSpec(
            name: "supertrend", group: "Channel", summary: "SuperTrend: an ATR trailing stop that flips with the trend",
            formula: "bands = hl2 ± mult * atr, ratcheted toward price; value = lower band in an uptrend, upper band in a downtrend",
            inputs: hlc,
            params: [.period(10, min: 1), .real("mult", 3, talib: "multiplier", min: 0, max: 1e6, help: "ATR multiple")],
            outputs: ["value", "direction"],
            conventionNote: "TA-Lib's SUPERTREND: the trend starts up at the first bar with an ATR. TradingView (ta.supertrend): it starts down, and the ATR is ta.atr's. Direction is +1 in an uptrend, -1 in a downtrend under both (Pine's sign is the opposite).",
            lookback: { Int($0[0]) }, lookbackTradingView: { Int($0[0]) - 1 },
            kernel: { x, p, c in supertrend(x, Int(p[0]), p[1], c) },
            stream: { p, c in
                StateStream(SupertrendState(Int(p[0]), p[1], c)) { s, x in
                    let (v, d) = s.next(high: x[0], low: x[1], close: x[2])
                    return [v, d]
                }
            }),
    ]

    static func ichimoku(_ x: [[Double]], tenkan: Int, kijun: Int, senkou: Int, shift: Int) -> [[Double]] {
        let h = x[0], l = x[1]
        func mid(_ n: Int) -> [Double] {
            let hi = Kernels.rollingMax(h, n), lo = Kernels.rollingMin(l, n)
            return zip(hi, lo).map { ($0 + $1) / 2 }
        }
        let t = mid(tenkan), k = mid(kijun), b = mid(senkou)
        let count = h.count
        var a = Kernels.nans(count), sb = Kernels.nans(count)
        var i = shift
        while i < count {
            a[i] = (t[i - shift] + k[i - shift]) / 2
            sb[i] = b[i - shift]
            i += 1
        }
        return [t, k, a, sb, x[2]]
    }

    static func supertrend(_ x: [[Double]], _ n: Int, _ mult: Double, _ c: Convention) -> [[Double]] {
        var state = SupertrendState(n, mult, c)
        let count = x[0].count
        var value = Kernels.nans(count), direction = Kernels.nans(count)
        for i in 0..<count {
            (value[i], direction[i]) = state.next(high: x[0][i], low: x[1][i], close: x[2][i])
        }
        return [value, direction]
    }
}

/// SuperTrend bar by bar (TA-Lib's and TradingView's rules differ only in the first trend):
/// bands hl2 ± mult·ATR; the lower band only rises
/// (unless the previous close fell below it), the upper only falls (unless the previous
/// close rose above it); the trend flips when the close crosses the active band.
struct SupertrendState {
    var atr: ATRState
    let mult: Double
    var started = false
    var hasPrevious = false
    var previousClose = 0.0
    var previousUpper = 0.0
    var previousLower = 0.0
    var previousValue = Double.nan

    /// TA-Lib seeds the trend up (ta4j's rule), TradingView down.
    let seedUp: Bool

    init(_ n: Int, _ mult: Double, _ convention: Convention) {
        self.atr = ATRState(n, convention)
        self.mult = mult
        self.seedUp = convention != .tradingview
    }

    /// (value, direction): direction +1 in an uptrend (value = lower band), -1 in a downtrend.
    mutating func next(high: Double, low: Double, close: Double) -> (Double, Double) {
        let a = atr.next(high: high, low: low, close: close)
        let prevClose = hasPrevious ? previousClose : close
        hasPrevious = true
        previousClose = close
        guard !a.isNaN else { return (.nan, .nan) }
        let src = (high + low) / 2
        var upper = src + mult * a, lower = src - mult * a
        if started {
            lower = (lower > previousLower || prevClose < previousLower) ? lower : previousLower
            upper = (upper < previousUpper || prevClose > previousUpper) ? upper : previousUpper
        }
        let up: Bool
        if !started {
            up = seedUp
        } else if previousValue == previousUpper {
            up = close > upper
        } else {
            up = !(close < lower)
        }
        let value = up ? lower : upper
        previousUpper = upper
        previousLower = lower
        previousValue = value
        started = true
        return (value, up ? 1 : -1)
    }
}
