/// TA-Lib's moving-average types (`TA_MAType`), numbered as TA-Lib numbers them, so a
/// `matype` written for TA-Lib's Python wrapper means the same average here.
public enum MAType: Int, CaseIterable, Sendable {
    case sma = 0, ema, wma, dema, tema, trima, kama, mama, t3, hma
    /// No averaging: the input itself, at any period.
    case none
    /// "The function's own default": each function decides (SMA for MA and BBANDS).
    case functionDefault
    case zlema, rma

    static let legend = "0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3, 9 HMA, 10 none, 11 the function's default, 12 ZLEMA, 13 RMA"

    /// The type a resolved `matype` parameter names; `functionDefault` becomes `fallback`.
    /// Parameters are checked to 0...13 before a kernel runs, so the fallback for anything
    /// else only keeps a kernel from trapping.
    static func of(_ value: Double, default fallback: MAType) -> MAType {
        guard value.isFinite, let t = MAType(rawValue: Int(value)), t != .functionDefault else { return fallback }
        return t
    }

    /// Leading bars without output at period n (TA_MA_Lookback): 0 for period 1 and `none`,
    /// which copy their input.
    public func lookback(_ n: Int) -> Int {
        if n <= 1 || self == .none { return 0 }
        switch self {
        case .sma, .ema, .wma, .trima, .rma, .functionDefault: return n - 1
        case .dema: return 2 * (n - 1)
        case .tema: return 3 * (n - 1)
        case .kama: return n
        case .mama: return MESA.lookback
        case .t3: return 6 * (n - 1)
        case .hma: return n - 1 + OverlapIndicators.hullRoot(n) - 1
        case .zlema: return (n - 1) / 2 + n - 1
        case .none: return 0
        }
    }
}

/// TA_MA: the moving average of `type` over n bars, NaN before its lookback. Period 1 and
/// `none` copy the input (TA-Lib's rule for every type).
enum MovingAverage {
    static func compute(_ x: [Double], _ n: Int, _ type: MAType, from: Int = 0) -> [Double] {
        guard from > 0 else { return compute(x, n, type) }
        guard from < x.count else { return Kernels.nans(x.count) }
        return Kernels.nans(from) + compute(Array(x[from...]), n, type)
    }

    private static func compute(_ x: [Double], _ n: Int, _ type: MAType) -> [Double] {
        if n <= 1 || type == .none { return x }
        switch type {
        case .sma, .functionDefault: return Kernels.sma(x, n)
        case .ema: return Kernels.ema(x, n)
        case .wma: return Kernels.wma(x, n)
        case .dema: return OverlapIndicators.dema(x, n, .talib)
        case .tema: return OverlapIndicators.tema(x, n, .talib)
        case .trima: return trima(x, n)
        case .kama: return OverlapIndicators.kama(x, n)
        case .mama: return MESA.mama(x, fastLimit: 0.5, slowLimit: 0.05).mama
        case .t3: return OverlapIndicators.t3(x, n, 0.7)
        case .hma: return OverlapIndicators.hma(x, n)
        case .zlema: return zlema(x, n)
        case .rma: return rma(x, n)
        case .none: return x
        }
    }

    /// Triangular MA: weights 1, 2, ..., rising to the middle and back, kept as TA-Lib's
    /// running numerator (ta_TRIMA.c): four adjustments per bar instead of an SMA of an SMA.
    static func trima(_ x: [Double], _ n: Int) -> [Double] {
        var out = Kernels.nans(x.count)
        guard n >= 2, n - 1 < x.count else { return n == 1 ? x : out }
        let half = n >> 1
        let odd = n % 2 == 1
        let factor = 1.0 / (odd ? Double(half + 1) * Double(half + 1) : Double(half) * Double(half + 1))
        var trailing = 0
        var middle = odd ? half : half - 1
        var today = middle + half
        var numerator = 0.0, sub = 0.0, add = 0.0
        var i = middle
        while i >= trailing {
            sub += x[i]
            numerator += sub
            i -= 1
        }
        middle += 1
        i = middle
        while i <= today {
            add += x[i]
            numerator += add
            i += 1
        }
        var temp = x[trailing]
        trailing += 1
        out[today] = numerator * factor
        today += 1
        while today < x.count {
            numerator -= sub
            sub -= temp
            temp = x[middle]
            middle += 1
            sub += temp
            if odd {
                numerator += add
                add -= temp
            } else {
                add -= temp
                numerator += add
            }
            temp = x[today]
            add += temp
            numerator += temp
            out[today] = numerator * factor
            today += 1
            temp = x[trailing]
            trailing += 1
        }
        return out
    }

    /// Zero-lag EMA (ta_ZLEMA.c): an EMA of the de-lagged series 2·x[i] − x[i − lag],
    /// lag = (n − 1)/2, seeded with the mean of its first n values.
    static func zlema(_ x: [Double], _ n: Int) -> [Double] {
        var out = Kernels.nans(x.count)
        let lag = (n - 1) / 2
        let lookback = lag + n - 1
        guard n >= 2, lookback < x.count else { return n == 1 ? x : out }
        let k = 2.0 / Double(n + 1)
        var total = 0.0
        for today in lag..<(lag + n) { total += 2.0 * x[today] - x[today - lag] }
        var prev = total / Double(n)
        out[lookback] = prev
        for today in (lookback + 1)..<x.count {
            prev = ((2.0 * x[today] - x[today - lag]) - prev) * k + prev
            out[today] = prev
        }
        return out
    }

    /// Wilder's moving average (ta_RMA.c): the mean of the first n values, then
    /// (1/n)·x + ((n − 1)/n)·prev, with 1/n taken as 1 − (n − 1)/n so the two weights sum to 1.
    static func rma(_ x: [Double], _ n: Int, from: Int = 0) -> [Double] {
        var out = Kernels.nans(x.count)
        let first = from + n - 1
        guard n >= 1, from >= 0, first < x.count else { return out }
        let beta = Double(n - 1) / Double(n), alpha = 1.0 - beta
        var total = 0.0
        for i in from...first { total += x[i] }
        var prev = total / Double(n)
        out[first] = prev
        var i = first + 1
        while i < x.count {
            prev = alpha * x[i] + beta * prev
            out[i] = prev
            i += 1
        }
        return out
    }
}
