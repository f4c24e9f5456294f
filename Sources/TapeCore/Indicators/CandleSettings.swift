/// TA-Lib's candle settings and averages (ta_global.c defaults, README "Candlesticks").
///
/// A "candle average" at bar i is `factor × mean(measure over the `bars` bars before i)`;
/// with `bars` = 0 it is the factor times the measure of bar i itself; the "shadows" measure
/// (upper plus lower shadow) is halved, so it averages one shadow. TA-Lib keeps each average as a running total that starts at the pattern's
/// first output bar and is updated with `total += range(new) - range(leaving)`; `Candles`
/// does the same, so comparisons agree with TA-Lib to the bit.
struct CandleSetting {
    enum Measure { case realBody, highLow, shadows }
    let measure: Measure
    let bars: Int
    let factor: Double

    static let bodyLong = CandleSetting(measure: .realBody, bars: 10, factor: 1.0)
    static let bodyVeryLong = CandleSetting(measure: .realBody, bars: 10, factor: 3.0)
    static let bodyShort = CandleSetting(measure: .realBody, bars: 10, factor: 1.0)
    static let bodyDoji = CandleSetting(measure: .highLow, bars: 10, factor: 0.1)
    static let shadowLong = CandleSetting(measure: .realBody, bars: 0, factor: 1.0)
    static let shadowVeryLong = CandleSetting(measure: .realBody, bars: 0, factor: 2.0)
    static let shadowShort = CandleSetting(measure: .shadows, bars: 10, factor: 1.0)
    static let shadowVeryShort = CandleSetting(measure: .highLow, bars: 10, factor: 0.1)
    static let near = CandleSetting(measure: .highLow, bars: 5, factor: 0.2)
    static let far = CandleSetting(measure: .highLow, bars: 5, factor: 0.6)
    static let equal = CandleSetting(measure: .highLow, bars: 5, factor: 0.05)
}

/// OHLC columns with TA-Lib's candle measures (TA_REALBODY, TA_UPPERSHADOW, ...).
struct Candles {
    let open: [Double]
    let high: [Double]
    let low: [Double]
    let close: [Double]

    init(_ x: [[Double]]) {
        open = x[0]
        high = x[1]
        low = x[2]
        close = x[3]
    }

    var count: Int { close.count }
    func body(_ i: Int) -> Double { abs(close[i] - open[i]) }
    func upperShadow(_ i: Int) -> Double { high[i] - max(close[i], open[i]) }
    func lowerShadow(_ i: Int) -> Double { min(close[i], open[i]) - low[i] }
    func range(_ i: Int) -> Double { high[i] - low[i] }
    func bodyTop(_ i: Int) -> Double { max(close[i], open[i]) }
    func bodyBottom(_ i: Int) -> Double { min(close[i], open[i]) }
    /// TA_CANDLECOLOR: white (1) when close >= open, else black (-1).
    func color(_ i: Int) -> Int { close[i] >= open[i] ? 1 : -1 }
    /// TA_REALBODYGAPUP(i, j): the body of i lies wholly above the body of j.
    func bodyGapUp(_ i: Int, _ j: Int) -> Bool { bodyBottom(i) > bodyTop(j) }
    func bodyGapDown(_ i: Int, _ j: Int) -> Bool { bodyTop(i) < bodyBottom(j) }
    /// TA_CANDLEGAPUP(i, j): bar i's low above bar j's high; and the mirror.
    func gapUp(_ i: Int, _ j: Int) -> Bool { low[i] > high[j] }
    func gapDown(_ i: Int, _ j: Int) -> Bool { high[i] < low[j] }

    func measure(_ s: CandleSetting, _ i: Int) -> Double {
        switch s.measure {
        case .realBody: return body(i)
        case .highLow: return range(i)
        case .shadows: return upperShadow(i) + lowerShadow(i)
        }
    }

    /// The candle average of `setting` judged at bar i - `shift`, for every bar i from
    /// `start` (the pattern's lookback) on, kept as TA-Lib's running total. NaN before `start`.
    func averages(_ s: CandleSetting, start: Int, shift: Int = 0) -> [Double] {
        var out = Kernels.nans(count)
        guard start < count else { return out }
        var total = 0.0
        var trailing = start - shift - s.bars
        var i = trailing
        while i < start - shift {
            total += measure(s, i)
            i += 1
        }
        for i in start..<count {
            let at = i - shift
            let mean = s.bars != 0 ? total / Double(s.bars) : measure(s, at)
            out[i] = s.factor * mean / (s.measure == .shadows ? 2 : 1)
            if s.bars != 0 {
                total += measure(s, at) - measure(s, trailing)
                trailing += 1
            }
        }
        return out
    }
}
