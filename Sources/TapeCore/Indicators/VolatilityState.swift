/// Bar-by-bar state for ATR and Bollinger Bands; batch runs the same structs.

/// ATR. TA-Lib (README "ATR_14"): the first value is the mean true range of bars 1..n (bar
/// 0 has no true range), then `(atr * (n-1) + tr) / n`, evaluated as
/// `atr * ((n-1)/n) + tr * (1/n)` (no division on the loop-carried path, as TA-Lib 0.8's build). TradingView (`ta.atr` = `ta.rma`
/// of `ta.tr(true)`): bar 0's true range is high - low, the seed is the mean of bars
/// 0..n-1 (so output starts one bar earlier), then `alpha * tr + (1 - alpha) * atr`.
struct ATRState {
    let n: Int
    let dn: Double
    let decay: Double
    let decay2: Double
    let alphaDecay: Double
    let alpha: Double
    let tradingView: Bool
    var count = 0
    var prevClose = 0.0
    var total = 0.0
    var atr = 0.0

    init(_ n: Int, _ convention: Convention) {
        self.n = n
        self.dn = Double(n)
        self.alpha = 1 / Double(n)
        self.tradingView = convention == .tradingview
        self.decay = Kernels.wilderDecay(n, tradingView: tradingView)
        self.decay2 = decay * decay
        self.alphaDecay = alpha * decay
    }

    @inline(__always)
    mutating func next(high: Double, low: Double, close: Double) -> Double {
        let i = count
        count += 1
        let tr: Double
        if i == 0 {
            prevClose = close
            guard tradingView else { return .nan }
            tr = high - low
        } else {
            tr = Kernels.trueRange(high, low, prevClose)
            prevClose = close
        }
        // Bars that feed the seed: 1...n for TA-Lib, 0...n-1 for TradingView.
        let seedEnd = tradingView ? n - 1 : n
        if i < seedEnd {
            total += tr
            return .nan
        }
        if i == seedEnd {
            total += tr
            atr = total / dn
        } else if i == seedEnd + 1 {
            older = atr
            atr = atr * decay + tr * alpha
        } else {
            let next = older * decay2 + (previousTR * alphaDecay + tr * alpha)
            older = atr
            atr = next
        }
        previousTR = tr
        return atr
    }

    /// From the second smoothed bar on, `atr[i] = atr[i-2]·d² + (tr[i-1]·α·d + tr[i]·α)`: the
    /// one-step recurrence applied twice. The even and odd bars then form two independent
    /// chains, so a CPU overlaps them: half the latency per bar, results within ~1e-15.
    var older = 0.0
    var previousTR = 0.0
}

/// Bollinger Bands with an SMA middle (TA-Lib BBANDS, matype 0): the window's mean ± k
/// population standard deviations, both from `WindowMoments`; a variance below 1e-14 (a
/// flat window) counts as 0, as in TA-Lib.
struct BBandsState {
    let up: Double
    let down: Double
    var moments: WindowMomentsStream

    init(_ n: Int, up: Double, down: Double) {
        self.up = up
        self.down = down
        self.moments = WindowMomentsStream(n)
    }

    @inline(__always)
    mutating func next(_ x: Double) -> (Double, Double, Double) {
        guard let m = moments.next(x) else { return (.nan, .nan, .nan) }
        return BBandsState.bands(m, up: up, down: down)
    }

    @inline(__always)
    static func bands(_ m: WindowMoments, up: Double, down: Double) -> (Double, Double, Double) {
        let middle = m.mean, variance = m.variance
        let dev = variance < 1e-14 ? 0 : variance.squareRoot()
        return (middle + dev * up, middle, middle - dev * down)
    }
}
