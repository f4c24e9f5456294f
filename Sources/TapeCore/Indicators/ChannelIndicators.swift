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
            }),
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
            params: [.period(10, min: 1), .real("mult", 3, min: 0, max: 1e6, help: "ATR multiple")],
            outputs: ["value", "direction"],
            conventionNote: "TradingView's ta.supertrend rules; direction is +1 in an uptrend, -1 in a downtrend (Pine's sign is the opposite). The ATR follows the convention.",
            lookback: { Int($0[0]) }, lookbackTradingView: { Int($0[0]) - 1 },
            kernel: { x, p, c in supertrend(x, Int(p[0]), p[1], c) }),
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
        let atr = VolatilityIndicators.atr(x, n, c)
        let count = atr.count
        var value = Kernels.nans(count), direction = Kernels.nans(count)
        var prevUpper = 0.0, prevLower = 0.0, prevValue = Double.nan
        var started = false
        for i in 0..<count where !atr[i].isNaN {
            let src = (x[0][i] + x[1][i]) / 2
            var upper = src + mult * atr[i], lower = src - mult * atr[i]
            let prevClose = i > 0 ? x[2][i - 1] : x[2][i]
            if started {
                lower = (lower > prevLower || prevClose < prevLower) ? lower : prevLower
                upper = (upper < prevUpper || prevClose > prevUpper) ? upper : prevUpper
            }
            let up: Bool
            if !started {
                up = false
            } else if prevValue == prevUpper {
                up = x[2][i] > upper
            } else {
                up = !(x[2][i] < lower)
            }
            value[i] = up ? lower : upper
            direction[i] = up ? 1 : -1
            prevUpper = upper
            prevLower = lower
            prevValue = value[i]
            started = true
        }
        return [value, direction]
    }
}
