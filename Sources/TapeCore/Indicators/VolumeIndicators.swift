/// Indicators that weigh price by traded volume.
enum VolumeIndicators {
    static let hlcv: [IndicatorInput] = [.high, .low, .close, .volume]

    static let all: [IndicatorSpec] = [
        IndicatorSpec(
            name: "obv", group: "Volume", summary: "on-balance volume",
            formula: "obv = volume[0] at bar 0; then + volume on an up close, - volume on a down close",
            inputs: [.series("real"), .volume], params: [], outputs: ["obv"],
            conventionNote: "TA-Lib: starts at volume[0] (README \"OBV\"), not 0; the same under both conventions.",
            lookback: { _ in 0 },
            kernel: { x, _, _ in [obv(x[0], x[1])] },
            stream: { _, _ in StateStream(OBVState()) { s, x in [s.next(close: x[0], volume: x[1])] } }),
        IndicatorSpec(
            name: "ad", group: "Volume", summary: "Chaikin accumulation/distribution line",
            formula: "ad += ((c - l) - (h - c)) / (h - l) * volume; bars with h == l add 0",
            inputs: hlcv, params: [], outputs: ["ad"],
            lookback: { _ in 0 },
            kernel: { x, _, _ in [ad(x)] },
            stream: { _, _ in
                StateStream(0.0) { total, x in
                    total = adStep(total, high: x[0], low: x[1], close: x[2], volume: x[3])
                    return [total]
                }
            }),
        IndicatorSpec(
            name: "adosc", group: "Volume", summary: "Chaikin A/D oscillator",
            formula: "adosc = ema(ad, fast) - ema(ad, slow), both EMAs seeded with ad at bar 0",
            inputs: hlcv, params: [.period(3, name: "fast", talib: "fastperiod"), .period(10, name: "slow", talib: "slowperiod")],
            outputs: ["adosc"],
            conventionNote: "TA-Lib: both EMAs start at bar 0 from AD's first value (not an SMA seed); the same under both conventions.",
            lookback: { p in Int(max(p[0], p[1])) - 1 },
            kernel: { x, p, _ in [adosc(x, Int(p[0]), Int(p[1]))] },
            stream: { p, _ in
                StateStream(ADOSCState(fast: Int(p[0]), slow: Int(p[1]))) { s, x in
                    [s.next(high: x[0], low: x[1], close: x[2], volume: x[3])]
                }
            }),
        IndicatorSpec(
            name: "mfi", group: "Volume", summary: "money flow index",
            formula: "flow = tp * volume, signed by the change of tp; mfi = 100 * sum(pos, n) / (sum(pos, n) + sum(neg, n))",
            inputs: hlcv, params: [.period(14)], outputs: ["mfi"],
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in [mfi(x, Int(p[0]))] },
            stream: { p, _ in
                StateStream(MFIState(Int(p[0]))) { s, x in [s.next(high: x[0], low: x[1], close: x[2], volume: x[3])] }
            }),
        IndicatorSpec(
            name: "vwap", group: "Volume", summary: "volume-weighted average price, from the first bar or anchored to each day",
            formula: "vwap = sum(tp * volume) / sum(volume), tp = (h + l + c) / 3, summed from the first bar (anchor 0, TA-Lib) or from the first bar of each day (anchor 1)",
            inputs: [.high, .low, .close, .volume, .time],
            params: [IndicatorParam(name: "anchor", defaultValue: 0, min: 0, max: 1, isInteger: true,
                                    help: "0 = from the first bar (TA-Lib's VWAP), 1 = restart each calendar day (TradingView's session VWAP)",
                                    isModifier: true)],
            outputs: ["vwap"],
            conventionNote: "anchor 0 is TA-Lib's cumulative VWAP; anchor 1 restarts when the calendar day of `time` changes (TradingView's session anchor on naive times; on daily bars it equals tp). NaN while the volume summed is 0.",
            lookback: { _ in 0 },
            kernel: { x, p, _ in [vwap(x, daily: p[0] == 1)] },
            stream: { p, _ in
                StateStream(VWAPState(daily: p[0] == 1)) { s, x in [s.next(high: x[0], low: x[1], close: x[2], volume: x[3], time: x[4])] }
            }),
    ]

    static func obv(_ c: [Double], _ v: [Double]) -> [Double] {
        var state = OBVState()
        return (0..<c.count).map { state.next(close: c[$0], volume: v[$0]) }
    }

    /// ta_AD.c: a bar whose range is not positive adds nothing.
    @inline(__always)
    static func adStep(_ total: Double, high h: Double, low l: Double, close c: Double, volume v: Double) -> Double {
        let range = h - l
        return range > 0 ? total + (((c - l) - (h - c)) / range) * v : total
    }

    static func ad(_ x: [[Double]]) -> [Double] {
        var total = 0.0
        return (0..<x[0].count).map { i in
            total = adStep(total, high: x[0][i], low: x[1][i], close: x[2][i], volume: x[3][i])
            return total
        }
    }

    static func adosc(_ x: [[Double]], _ fast: Int, _ slow: Int) -> [Double] {
        var state = ADOSCState(fast: fast, slow: slow)
        return (0..<x[0].count).map { state.next(high: x[0][$0], low: x[1][$0], close: x[2][$0], volume: x[3][$0]) }
    }

    static func mfi(_ x: [[Double]], _ n: Int) -> [Double] {
        var state = MFIState(n)
        return (0..<x[0].count).map { state.next(high: x[0][$0], low: x[1][$0], close: x[2][$0], volume: x[3][$0]) }
    }

    static func vwap(_ x: [[Double]], daily: Bool) -> [Double] {
        var state = VWAPState(daily: daily)
        return (0..<x[0].count).map { state.next(high: x[0][$0], low: x[1][$0], close: x[2][$0], volume: x[3][$0], time: x[4][$0]) }
    }
}

/// ta_ADOSC.c: EMAs written `k * ad + (1 - k) * ema`, both starting from AD at bar 0 (no
/// SMA seed); output from bar max(fast, slow) - 1.
struct ADOSCState {
    let kf: Double
    let ks: Double
    let start: Int
    var count = 0
    var ad = 0.0
    var ef = 0.0
    var es = 0.0

    init(fast: Int, slow: Int) {
        kf = 2.0 / (Double(fast) + 1)
        ks = 2.0 / (Double(slow) + 1)
        start = max(fast, slow) - 1
    }

    mutating func next(high: Double, low: Double, close: Double, volume: Double) -> Double {
        ad = VolumeIndicators.adStep(ad, high: high, low: low, close: close, volume: volume)
        let i = count
        count += 1
        if i == 0 {
            ef = ad
            es = ad
        } else {
            ef = kf * ad + (1 - kf) * ef
            es = ks * ad + (1 - ks) * es
        }
        return i >= start && i > 0 ? ef - es : .nan
    }
}

/// ta_MFI.c with this build's scaled dead zone (README "MFI_14"): a typical-price change
/// within 1e-14 × (|tp| + |tp_prev|) is no flow; 0 when the window's flow is below 1.
struct MFIState {
    let n: Int
    var pos: [Double]
    var neg: [Double]
    var slot = 0
    var count = 0
    var posSum = 0.0
    var negSum = 0.0
    var prev = 0.0

    init(_ n: Int) {
        self.n = n
        pos = Array(repeating: 0, count: n)
        neg = Array(repeating: 0, count: n)
    }

    mutating func next(high: Double, low: Double, close: Double, volume: Double) -> Double {
        let today = count
        count += 1
        let tp = (high + low + close) / 3
        if today == 0 {
            prev = tp
            return .nan
        }
        if today > n {
            posSum -= pos[slot]
            negSum -= neg[slot]
        }
        let change = tp - prev
        let deadZone = 1e-14 * (abs(tp) + abs(prev))
        prev = tp
        let flow = tp * volume
        pos[slot] = 0
        neg[slot] = 0
        if change < -deadZone {
            neg[slot] = flow
            negSum += flow
        } else if change > deadZone {
            pos[slot] = flow
            posSum += flow
        }
        slot += 1
        if slot == n { slot = 0 }
        guard today >= n else { return .nan }
        let total = posSum + negSum
        return total < 1 ? 0 : 100 * (posSum / total)
    }
}

/// OBV from bar 0 = volume[0] (README "OBV"): then ± volume on an up/down close.
struct OBVState {
    var started = false
    var total = 0.0
    var prev = 0.0

    mutating func next(close: Double, volume: Double) -> Double {
        if !started {
            started = true
            total = volume
        } else if close > prev {
            total += volume
        } else if close < prev {
            total -= volume
        }
        prev = close
        return total
    }
}

/// VWAP from the first bar, or (daily) restarting when the day number floor(time / 86400)
/// changes.
struct VWAPState {
    let daily: Bool
    var day = Double.nan
    var pv = 0.0
    var volume = 0.0

    init(daily: Bool) { self.daily = daily }

    mutating func next(high: Double, low: Double, close: Double, volume v: Double, time: Double) -> Double {
        let d = daily ? (time / 86_400).rounded(.down) : 0
        if d != day {
            day = d
            pv = 0
            volume = 0
        }
        let tp = (high + low + close) / 3
        pv += tp * v
        volume += v
        return volume != 0 ? pv / volume : .nan
    }
}
