/// Bar-by-bar state for the most used momentum indicators. Batch `compute` runs the very
/// same state over the series, so streaming and batch agree bit for bit.

/// RSI. TA-Lib (README "RSI_14"): average gain and loss over the first n price changes
/// (bars 1..n), then Wilder smoothing; value `100 * gain / (gain + loss)`, 0 when that sum
/// is within 1e-14 of 0. The smoothing `(avg * (n-1) + x) / n` is evaluated as
/// `avg * ((n-1)/n) + x * (1/n)`, as TA-Lib 0.8's own build does (no division on the
/// loop-carried path; it agrees with the division form to ~1e-15 relative).
/// TradingView (`ta.rsi`): the same SMA-seeded averages (Pine's `ta.rma` seeds with
/// `ta.sma` of the first n changes), then `alpha * x + (1 - alpha) * avg` with alpha = 1/n;
/// value `100 - 100 / (1 + gain / loss)`, 100 when the average loss is 0.
struct RSIState {
    let n: Int
    let dn: Double
    let decay: Double
    let alpha: Double
    let tradingView: Bool
    var count = 0
    var prevValue = 0.0
    var gain = 0.0
    var loss = 0.0

    init(_ n: Int, _ convention: Convention) {
        self.n = n
        self.dn = Double(n)
        self.alpha = 1 / Double(n)
        self.tradingView = convention == .tradingview
        self.decay = Kernels.wilderDecay(n, tradingView: tradingView)
    }

    @inline(__always)
    mutating func next(_ x: Double) -> Double {
        let d = x - prevValue
        prevValue = x
        let up = RSIState.up(d), down = RSIState.down(d)
        if count > n {
            gain = gain * decay + up * alpha
            loss = loss * decay + down * alpha
            return value
        }
        if count == 0 {
            count = 1
            return .nan
        }
        gain += up
        loss += down
        count += 1
        guard count > n else { return .nan }
        loss /= dn
        gain /= dn
        return value
    }

    /// max(d, 0) and max(-d, 0) without a branch (a random walk's sign is unpredictable):
    /// (d + |d|) / 2 is exactly d or 0, since doubling and halving are exact.
    @inline(__always)
    static func up(_ d: Double) -> Double { (d + abs(d)) * 0.5 }

    @inline(__always)
    static func down(_ d: Double) -> Double { (abs(d) - d) * 0.5 }

    @inline(__always)
    var value: Double { RSIState.value(gain: gain, loss: loss, tradingView: tradingView) }

    /// The RSI of the average gain and loss under either convention; `HotLoops.rsi` uses it too.
    @inline(__always)
    static func value(gain: Double, loss: Double, tradingView: Bool) -> Double {
        if tradingView { return loss == 0 ? 100 : 100 - 100 / (1 + gain / loss) }
        let total = gain + loss
        return Kernels.isZero(total) ? 0 : 100 * (gain / total)
    }
}

/// MACD as TA-Lib computes it (README "MACD"): the slow EMA seeded with the SMA of bars
/// 0..slow-1, the fast EMA seeded at the same bar with the SMA of the `fast` closes ending
/// there (not an EMA running since bar fast-1), signal = EMA of the macd line seeded with the
/// SMA of its first `signal` values; all three outputs start at slow - 1 + signal - 1.
/// TradingView (`ta.macd`): both EMAs and the signal seeded with their first input, output
/// from bar 0.
struct MACDState {
    let fast: Int
    let slow: Int
    let signalPeriod: Int
    let tradingView: Bool
    var emaFast: TwoStepEMA
    var emaSlow: TwoStepEMA
    var signal: TwoStepEMA
    var count = 0
    var sumFast = 0.0
    var sumSlow = 0.0
    var sumSignal = 0.0
    var lines = 0

    init(fast: Int, slow: Int, signal: Int, _ convention: Convention) {
        // TA-Lib swaps the periods when slow < fast.
        self.fast = min(fast, slow)
        self.slow = max(fast, slow)
        self.signalPeriod = signal
        self.tradingView = convention == .tradingview
        self.emaFast = TwoStepEMA(period: self.fast)
        self.emaSlow = TwoStepEMA(period: self.slow)
        self.signal = TwoStepEMA(period: signal)
    }

    /// (macd, signal, hist); NaN in all three until the signal exists.
    @inline(__always)
    mutating func next(_ x: Double) -> (Double, Double, Double) {
        let i = count
        count += 1
        let line: Double
        if tradingView && i == 0 {
            emaFast.seed(x)
            emaSlow.seed(x)
            line = 0
            signal.seed(line)
            return (line, signal.value, line - signal.value)
        } else if !tradingView && i < slow {
            sumSlow += x
            if i >= slow - fast { sumFast += x }
            guard i == slow - 1 else { return (.nan, .nan, .nan) }
            emaSlow.seed(sumSlow / Double(slow))
            emaFast.seed(sumFast / Double(fast))
            line = emaFast.value - emaSlow.value
        } else {
            line = emaFast.update(x) - emaSlow.update(x)
        }
        if tradingView || lines >= signalPeriod {
            let s = signal.update(line)
            return (line, s, line - s)
        }
        // TA-Lib: the signal is seeded with the mean of the first `signal` macd values.
        sumSignal += line
        lines += 1
        guard lines == signalPeriod else { return (.nan, .nan, .nan) }
        signal.seed(sumSignal / Double(signalPeriod))
        return (line, signal.value, line - signal.value)
    }
}

/// An EMA update `ema·(1-k) + x·k` done two steps at a time after the first: from the
/// second update on, `ema[i] = ema[i-2]·(1-k)² + (x[i-1]·(1-k) + x[i])·k`, so the even and
/// odd bars form two independent dependency chains (half the latency per bar; results
/// within ~1e-15 of the one-step form). Batch loops and streams share it, so they agree.
struct TwoStepEMA {
    let k: Double
    let k1: Double
    let k1k1: Double
    var value = 0.0
    var older = 0.0
    var lastInput = 0.0
    var started = false

    init(period: Int) {
        k = 2.0 / (Double(period) + 1)
        k1 = 1 - k
        k1k1 = k1 * k1
    }

    @inline(__always)
    mutating func seed(_ v: Double) {
        value = v
        started = false
    }

    @inline(__always)
    mutating func update(_ x: Double) -> Double {
        let next = started ? older * k1k1 + (lastInput * k1 + x) * k : value * k1 + x * k
        started = true
        older = value
        value = next
        lastInput = x
        return next
    }
}

/// Running SMA state for the smoothing inside STOCH and BBANDS, on a ring buffer: TA-Lib's
/// running total, read as `total * (1/n)` (a multiply instead of a division per bar; within
/// 1 ulp of `total / n`).
struct SMAState {
    let n: Int
    let inv: Double
    var ring: [Double]
    var count = 0
    var slot = 0
    var total = 0.0

    init(_ n: Int) {
        self.n = n
        self.inv = 1 / Double(n)
        self.ring = Array(repeating: 0, count: n)
    }

    @inline(__always)
    mutating func next(_ x: Double) -> Double {
        total += x
        ring[slot] = x
        slot += 1
        if slot == n { slot = 0 }
        count += 1
        guard count >= n else { return .nan }
        let value = total * inv
        total -= ring[slot]
        return value
    }
}

/// Highest high and lowest low over the last n bars on ring buffers; the index of each
/// extreme is tracked and the window rescanned only when it leaves (as TA-Lib does).
struct RangeState {
    let n: Int
    var highs: [Double]
    var lows: [Double]
    var count = 0
    var highest = 0.0
    var lowest = 0.0
    var highestAt = -1
    var lowestAt = -1

    init(_ n: Int) {
        self.n = n
        self.highs = Array(repeating: 0, count: n)
        self.lows = Array(repeating: 0, count: n)
    }

    /// Pushes a bar; true once the window is full.
    @inline(__always)
    mutating func next(high: Double, low: Double) -> Bool {
        let i = count
        count += 1
        highs[i % n] = high
        lows[i % n] = low
        guard count >= n else { return false }
        let trailing = i - n + 1
        if highestAt < trailing {
            highestAt = trailing
            highest = highs[trailing % n]
            var j = trailing + 1
            while j <= i {
                let v = highs[j % n]
                if v >= highest { highest = v; highestAt = j }
                j += 1
            }
        } else if high >= highest {
            highest = high
            highestAt = i
        }
        if lowestAt < trailing {
            lowestAt = trailing
            lowest = lows[trailing % n]
            var j = trailing + 1
            while j <= i {
                let v = lows[j % n]
                if v <= lowest { lowest = v; lowestAt = j }
                j += 1
            }
        } else if low <= lowest {
            lowest = low
            lowestAt = i
        }
        return true
    }
}

/// Stochastic (README "STOCH_14_3_3", "Stochastic form"): fast %K =
/// `(close - lowest) / ((highest - lowest) / 100)`, 0 on a flat window; slow %K = SMA of
/// fast %K, slow %D = SMA of slow %K; both outputs start together at k-1 + ks-1 + d-1.
/// With `slowK` = 1 this is TA-Lib's STOCHF (fast %K and fast %D).
struct StochState {
    var range: RangeState
    /// SMA(1) returns its input exactly, so STOCHF needs no separate path.
    var smoothK: SMAState
    var smoothD: SMAState
    let lag: Int
    var count = 0

    init(k: Int, slowK: Int, d: Int) {
        range = RangeState(k)
        smoothK = SMAState(slowK)
        smoothD = SMAState(d)
        lag = k - 1 + slowK - 1 + d - 1
    }

    @inline(__always)
    mutating func next(high: Double, low: Double, close: Double) -> (Double, Double) {
        count += 1
        guard range.next(high: high, low: low) else { return (.nan, .nan) }
        let fastK = StochState.fastK(close, highest: range.highest, lowest: range.lowest)
        let k = smoothK.next(fastK)
        guard !k.isNaN else { return (.nan, .nan) }
        let dValue = smoothD.next(k)
        guard count > lag else { return (.nan, .nan) }
        return (k, dValue)
    }

    /// Fast %K, 0 on a flat window. Flat is TA-Lib 0.8's TA_IS_ZERO_SCALED: a range within
    /// 1e-14 of the extremes' magnitude, so an RSI window that differs in the last bit only
    /// (STOCHRSI) is flat rather than a division of rounding noise into 0...100.
    @inline(__always)
    static func fastK(_ close: Double, highest: Double, lowest: Double) -> Double {
        let range = highest - lowest
        guard abs(range) > 1e-14 * (abs(highest) + abs(lowest)) else { return 0 }
        return (close - lowest) / (range / 100)
    }
}
