import Foundation

/// Every statistic backtesting.py 0.6.6 reports, as a pure function of trades, equity and
/// data. The definitions (including that library's quirks, kept so results agree to the
/// last digit) are written out in /work/shared/reference/backtests/README.md and
/// docs/BACKTEST.md; the comments below name the choice each line makes.
public enum BacktestStatistics {
    /// Statistics of a backtest result.
    public static func compute(_ r: BacktestResult) -> Statistics {
        compute(trades: r.trades, equity: r.equity, time: r.time, close: r.close,
                barOffset: r.range.lowerBound, benchmarkIndex: r.benchmarkBar - r.range.lowerBound)
    }

    /// - Parameters:
    ///   - equity, time, close: one value per bar, same length.
    ///   - barOffset: dataset index of element 0 (trades carry dataset indices).
    ///   - benchmarkIndex: element whose close is the Buy & Hold base.
    public static func compute(trades: [Trade], equity: [Double], time: [Int64], close: [Double],
                               barOffset: Int = 0, benchmarkIndex: Int = 0) -> Statistics {
        let n = min(equity.count, time.count, close.count)
        return compute(trades: trades, equity: leading(equity, n),
                       calendar: StatsCalendar(time: leading(time, n), close: leading(close, n)),
                       barOffset: barOffset, benchmarkIndex: benchmarkIndex).0
    }

    /// The statistics and the period returns they used, with the time-only work
    /// (`calendar`) done by the caller, once for many equity curves over the same bars.
    static func compute(trades: [Trade], equity: [Double], calendar cal: StatsCalendar,
                        barOffset: Int, benchmarkIndex: Int) -> (Statistics, [Double]) {
        var s = Statistics()
        let time = cal.time, close = cal.close
        let n = min(equity.count, time.count)
        guard n > 0 else { return (s, []) }
        let start = time[0], end = time[n - 1]
        let durationDays = Double(end - start) / 86_400
        s.append("Start", .time(start))
        s.append("End", .time(end))
        s.append("Duration", .days(durationDays))

        // Exposure: bars (not time) inside some closed trade, entry and exit inclusive.
        let heldCount = heldBars(trades, n: n, barOffset: barOffset)
        s.append("Exposure Time [%]", .number(Double(heldCount) / Double(n) * 100))
        let initial = equity[0], final = equity[n - 1]
        s.append("Equity Final [$]", .number(final))
        s.append("Equity Peak [$]", .number(maximum(equity) ?? .nan))
        let commissions = trades.reduce(0) { $0 + $1.commission }
        if commissions != 0 { s.append("Commissions [$]", .number(commissions)) }
        let totalReturn = (final - initial) / initial * 100
        s.append("Return [%]", .number(totalReturn))
        let w = min(max(benchmarkIndex, 0), n - 1)
        let buyHold = (close[n - 1] - close[w]) / close[w] * 100
        s.append("Buy & Hold Return [%]", .number(buyHold))

        // Annualised figures from period returns of the equity resampled to calendar
        // buckets (days for daily data), compounded (backtesting.py cites SSRN 3054517).
        let a = cal.periodsPerYear
        let p = cal.periodReturns(equity)
        let r = p.returns
        // Geometric mean of the period returns. Their product telescopes to last / first
        // bucket equity, so Σ ln(1 + r) is one logarithm instead of one per bar (equal up
        // to rounding); backtesting.py's rule "0 if any 1 + r <= 0" is equity <= 0.
        let g: Double
        if r.isEmpty {
            g = .nan
        } else if p.nonPositive {
            g = 0
        } else {
            g = exp(log(equity[p.last] / equity[p.first]) / Double(r.count)) - 1
        }
        // Sample variance and the downside sum in one pass over the returns.
        var squares = 0.0, downside = 0.0
        r.withUnsafeBufferPointer { x in
            let m = x.isEmpty ? 0 : p.sum / Double(x.count)
            for k in 0..<x.count {
                let v = x[k], d = min(v, 0)
                squares += (v - m) * (v - m)
                downside += d * d
            }
        }
        let variance = r.count >= 2 ? squares / Double(r.count - 1) : .nan
        let annualReturn = pow(1 + g, a) - 1
        let annualVol = (pow(variance + (1 + g) * (1 + g), a) - pow(1 + g, 2 * a)).squareRoot()
        s.append("Return (Ann.) [%]", .number(annualReturn * 100))
        s.append("Volatility (Ann.) [%]", .number(annualVol * 100))
        let years = durationDays / 365.25
        s.append("CAGR [%]", .number(years > 0 ? (pow(final / initial, 1 / years) - 1) * 100 : .nan))
        s.append("Sharpe Ratio", .number(annualVol != 0 ? annualReturn / annualVol : .nan))
        let downsideDev = r.isEmpty ? Double.nan : (downside / Double(r.count)).squareRoot()
        s.append("Sortino Ratio", .number(annualReturn / (downsideDev * a.squareRoot())))
        // Drawdowns (1 − equity / running peak, as `drawdowns`) computed on the fly: no
        // per-bar array, one pass for the maximum and the periods.
        let (deepest, periods) = equity.withUnsafeBufferPointer { e in
            var peak = -Double.infinity
            return scanDrawdowns(n, time: time) { k in peak = max(peak, e[k]); return 1 - e[k] / peak }
        }
        let maxDD = deepest ?? 0
        s.append("Calmar Ratio", .number(maxDD != 0 ? annualReturn / maxDD : .nan))

        // Beta: bar-to-bar log returns of equity against the close, whole series.
        let beta = cal.beta(equity)
        s.append("Alpha [%]", .number(totalReturn - beta * buyHold))
        s.append("Beta", .number(beta))
        s.append("Max. Drawdown [%]", .number(-(maxDD.isNaN ? 0 : maxDD) * 100))
        let resolution = cal.resolution
        s.append("Avg. Drawdown [%]", .number(periods.isEmpty ? .nan : -mean(periods.map(\.depth)) * 100))
        let ddDays = periods.map { Double($0.seconds) / 86_400 }
        s.append("Max. Drawdown Duration", .days(ceilDays(ddDays.max() ?? .nan, resolution)))
        s.append("Avg. Drawdown Duration", .days(ceilDays(ddDays.isEmpty ? .nan : mean(ddDays), resolution)))

        let count = trades.count
        s.append("# Trades", .count(count))
        let pnl = trades.map(\.pnl), returns = trades.map(\.returnPct)
        let winRate = count == 0 ? Double.nan : Double(pnl.filter { $0 > 0 }.count) / Double(count)
        s.append("Win Rate [%]", .number(winRate * 100))
        s.append("Best Trade [%]", .number((returns.max() ?? .nan) * 100))
        s.append("Worst Trade [%]", .number((returns.min() ?? .nan) * 100))
        s.append("Avg. Trade [%]", .number(geometricMean(returns, count: count) * 100))
        let durations = trades.map(\.durationDays)
        s.append("Max. Trade Duration", .days(ceilDays(durations.max() ?? .nan, resolution)))
        s.append("Avg. Trade Duration", .days(ceilDays(durations.isEmpty ? .nan : mean(durations), resolution)))
        // Profit factor of per-trade returns, not of cash PnL (the library's definition).
        let gains = returns.filter { $0 > 0 }.reduce(0, +), losses = abs(returns.filter { $0 < 0 }.reduce(0, +))
        s.append("Profit Factor", .number(losses != 0 ? gains / losses : .nan))
        s.append("Expectancy [%]", .number(count == 0 ? .nan : mean(returns) * 100))
        let sd = sampleVariance(pnl).squareRoot()
        s.append("SQN", .number(sd != 0 && count > 0 ? Double(count).squareRoot() * mean(pnl) / sd : .nan))
        let wins = pnl.filter { $0 > 0 }, lossesPnL = pnl.filter { $0 < 0 }
        let payoff = (wins.isEmpty ? Double.nan : mean(wins)) / (lossesPnL.isEmpty ? Double.nan : -mean(lossesPnL))
        s.append("Kelly Criterion", .number(winRate - (1 - winRate) / payoff))
        return (s, r)
    }

    /// Every key `compute` can produce, in order ("Commissions [$]" only when non-zero).
    public static let keys = [
        "Start", "End", "Duration", "Exposure Time [%]", "Equity Final [$]", "Equity Peak [$]", "Commissions [$]",
        "Return [%]", "Buy & Hold Return [%]", "Return (Ann.) [%]", "Volatility (Ann.) [%]", "CAGR [%]",
        "Sharpe Ratio", "Sortino Ratio", "Calmar Ratio", "Alpha [%]", "Beta", "Max. Drawdown [%]", "Avg. Drawdown [%]",
        "Max. Drawdown Duration", "Avg. Drawdown Duration", "# Trades", "Win Rate [%]", "Best Trade [%]",
        "Worst Trade [%]", "Avg. Trade [%]", "Max. Trade Duration", "Avg. Trade Duration", "Profit Factor",
        "Expectancy [%]", "SQN", "Kelly Criterion",
    ]

    /// Keys whose values are numbers (everything but the dates): what an optimiser can maximise.
    public static var numericKeys: [String] { keys.filter { $0 != "Start" && $0 != "End" } }

    // MARK: - Building blocks (public: the optimiser and the exports use them)

    /// Periods per year: 52, 12 or 1 for weekly, monthly, yearly data (from the median
    /// spacing of the last 100 timestamps); otherwise 365 when more than 0.6 × 2/7 of the
    /// bars fall on a weekend (markets that trade every day), else 252.
    public static func periodsPerYear(_ time: [Int64]) -> Double {
        switch periodDays(time) {
        case 7: return 52
        case 31: return 12
        case 365: return 1
        default:
            guard !time.isEmpty else { return 252 }
            var weekend = 0
            for t in time {
                // Unsigned division by a constant is a multiply; times before 1970 take
                // the signed path. 1970-01-01 (day 0) was a Thursday (4).
                let d = t >= 0 ? Int((UInt64(t) / 86_400 + 4) % 7) : CivilTime.weekday(t)
                if d == 0 || d == 6 { weekend += 1 }
            }
            return Double(weekend) / Double(time.count) > 2.0 / 7.0 * 0.6 ? 365 : 252
        }
    }

    /// Median spacing of the last 100 timestamps, in seconds (pandas median: mean of the
    /// two middle values for an even count).
    public static func medianSpacing(_ time: [Int64]) -> Double {
        let tail = time.suffix(100)
        guard tail.count >= 2 else { return 86_400 }
        var diffs: [Int64] = []
        var prev = tail.first ?? 0
        for t in tail.dropFirst() { diffs.append(t - prev); prev = t }
        diffs.sort()
        let m = diffs.count / 2
        return diffs.count % 2 == 1 ? Double(diffs[m]) : (Double(diffs[m - 1]) + Double(diffs[m])) / 2
    }

    /// Whole days of the median spacing (a pandas Timedelta's `.days`).
    static func periodDays(_ time: [Int64]) -> Int {
        Int((medianSpacing(time) / 86_400).rounded(.down))
    }

    /// Simple returns of the equity resampled to calendar buckets, last value of each,
    /// empty buckets dropped: days for daily and intraday data, weeks ending Sunday,
    /// month ends or year ends for weekly, monthly, yearly data. The first bucket has no
    /// return, so the result has one element fewer than there are buckets.
    public static func periodReturns(time: [Int64], equity: [Double]) -> [Double] {
        let n = min(time.count, equity.count)
        return returns(at: bucketEnds(Array(time.prefix(n))), of: equity)
    }

    /// Index of the last bar of each calendar bucket (see `periodReturns`).
    static func bucketEnds(_ time: [Int64]) -> [Int] {
        let days = periodDays(time)
        @inline(__always) func bucket(_ t: Int64) -> Int64 {
            let d = CivilTime.floorDiv(t, 86_400)
            switch days {
            case 7: return CivilTime.floorDiv(d + 3, 7)          // weeks end on Sunday
            case 31: let c = CivilTime.civil(days: d); return Int64(c.year * 12 + c.month)
            case 365: return Int64(CivilTime.civil(days: d).year)
            default: return d
            }
        }
        var ends = [Int](repeating: 0, count: time.count)
        var count = 0
        time.withUnsafeBufferPointer { t in
            ends.withUnsafeMutableBufferPointer { e in
                var current = Int64.min
                for k in 0..<t.count {
                    let b = days == 7 || days == 31 || days == 365 ? bucket(t[k])
                        : t[k] >= 0 ? Int64(UInt64(t[k]) / 86_400) : bucket(t[k])   // days: unsigned division when it may
                    if b == current, count > 0 { e[count - 1] = k } else { e[count] = k; count += 1; current = b }
                }
            }
        }
        ends.removeLast(ends.count - count)
        return ends
    }

    /// Bars inside some trade's entry...exit (clipped to 0..<n). Trades from one engine
    /// run are in entry order, so the union is one sweep with a running end; any other
    /// order falls back to marking bars.
    static func heldBars(_ trades: [Trade], n: Int, barOffset: Int) -> Int {
        var count = 0, covered = -1, lastStart = Int.min
        for t in trades {
            let a = max(t.entryBar - barOffset, 0), b = min(t.exitBar - barOffset, n - 1)
            guard a <= b else { continue }
            guard a >= lastStart else { return heldBarsMarking(trades, n: n, barOffset: barOffset) }
            lastStart = a
            let from = max(a, covered + 1)
            if from <= b { count += b - from + 1; covered = b }
        }
        return count
    }

    static func heldBarsMarking(_ trades: [Trade], n: Int, barOffset: Int) -> Int {
        var held = [Bool](repeating: false, count: n)
        for t in trades {
            let a = max(t.entryBar - barOffset, 0), b = min(t.exitBar - barOffset, n - 1)
            if a <= b { for k in a...b { held[k] = true } }
        }
        var count = 0
        for h in held where h { count += 1 }
        return count
    }

    /// Whether every bar falls in a calendar bucket of its own (daily bars, one a day),
    /// checked without building the bucket array: then the bucket ends are 0..<n.
    static func everyBarOwnBucket(_ time: [Int64]) -> Bool {
        guard ![7, 31, 365].contains(periodDays(time)) else { return false }
        return time.withUnsafeBufferPointer { t in
            guard var previous = t.first.map({ CivilTime.floorDiv($0, 86_400) }) else { return true }
            for k in 1..<max(t.count, 1) {
                let d = t[k] >= 0 ? Int64(UInt64(t[k]) / 86_400) : CivilTime.floorDiv(t[k], 86_400)
                if d == previous { return false }
                previous = d
            }
            return true
        }
    }

    static func returns(at ends: [Int], of equity: [Double]) -> [Double] {
        guard ends.count >= 2 else { return [] }
        var out = [Double](repeating: 0, count: ends.count - 1)
        for k in 1..<ends.count { out[k - 1] = equity[ends[k]] / equity[ends[k - 1]] - 1 }
        return out
    }

    /// exp(Σ ln(1 + r) / count) − 1, or 0 when any 1 + r ≤ 0 (backtesting.py's
    /// `geometric_mean`); NaN if count is 0. The reference runs show 0.6.6 averages over
    /// the returns only (the first bucket, which has no return, is not counted).
    public static func geometricMean(_ r: [Double], count: Int) -> Double {
        guard count > 0 else { return .nan }
        var s = 0.0
        for x in r {
            guard 1 + x > 0 else { return 0 }
            s += log(1 + x)
        }
        return exp(s / Double(count)) - 1
    }

    /// Drawdown fraction at each bar: 1 − equity / running maximum.
    public static func drawdowns(_ equity: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: equity.count)
        equity.withUnsafeBufferPointer { e in
            out.withUnsafeMutableBufferPointer { o in
                var peak = -Double.infinity
                for k in 0..<e.count { peak = max(peak, e[k]); o[k] = 1 - e[k] / peak }
            }
        }
        return out
    }

    /// The largest element, nil when empty: `Sequence.max()` (a later element replaces
    /// the current one only when strictly greater, so NaN handling is the same) as a
    /// plain loop the optimiser can keep in registers.
    static func maximum(_ x: [Double]) -> Double? {
        x.withUnsafeBufferPointer { p in
            guard var m = p.first else { return nil }
            for k in 1..<max(p.count, 1) where m < p[k] { m = p[k] }
            return m
        }
    }

    /// A drawdown period: from the last bar at a high to the bar back at a high (or the
    /// last bar), its deepest drawdown and its length in seconds.
    public struct DrawdownPeriod: Sendable, Equatable {
        public var startIndex: Int
        public var endIndex: Int
        public var depth: Double
        public var seconds: Int64
    }

    /// backtesting.py's `compute_drawdown_duration_peaks`: the zero-drawdown bars plus the
    /// last bar split the curve; a span between two consecutive split bars counts only if
    /// at least one bar lies strictly between them.
    public static func drawdownPeriods(_ dd: [Double], time: [Int64]) -> [DrawdownPeriod] {
        dd.withUnsafeBufferPointer { d in scanDrawdowns(min(d.count, time.count), time: time) { d[$0] }.periods }
    }

    /// The deepest drawdown (nil when there are no bars) and the drawdown periods, in one
    /// pass over `dd(k)` for k in order (so `dd` may compute each value from a running
    /// peak instead of reading an array). The maximum follows `Sequence.max()`: a later
    /// value replaces the current one only when strictly greater.
    @inline(__always)
    static func scanDrawdowns(_ n: Int, time: [Int64], _ dd: (Int) -> Double) -> (deepest: Double?, periods: [DrawdownPeriod]) {
        var out: [DrawdownPeriod] = []
        guard n > 0 else { return (nil, out) }
        // `previous` is the last split bar, `depth` the running maximum of dd over
        // previous...k (from 0, in bar order, as a max over the span would take it).
        var previous = -1, depth = 0.0, deepest = -Double.infinity, first = true
        time.withUnsafeBufferPointer { t in
            for k in 0..<n {
                let d = dd(k)
                if first || deepest < d { deepest = d; first = false }
                depth = max(depth, d)
                guard d == 0 || k == n - 1 else { continue }
                if previous >= 0 && k > previous + 1 {
                    out.append(DrawdownPeriod(startIndex: previous, endIndex: k, depth: depth, seconds: t[k] - t[previous]))
                }
                previous = k
                depth = 0
            }
        }
        return (deepest, out)
    }

    /// Per bar: the length in days of the drawdown period ending at that bar, NaN at every
    /// other bar (backtesting.py's `DrawdownDuration` column of the equity curve).
    public static func equityDrawdownDurations(time: [Int64], equity: [Double]) -> [Double] {
        var out = [Double](repeating: .nan, count: min(time.count, equity.count))
        for p in drawdownPeriods(drawdowns(Array(equity.prefix(out.count))), time: time) {
            out[p.endIndex] = Double(p.seconds) / 86_400
        }
        return out
    }

    /// Durations are rounded up to the data's resolution (pandas `Timedelta.ceil` of the
    /// bar spacing's finest unit: whole days for daily bars).
    static func durationResolution(_ time: [Int64]) -> Double {
        let p = Int64(medianSpacing(time).rounded())
        if p % 86_400 == 0 { return 86_400 }
        if p % 3_600 == 0 { return 3_600 }
        if p % 60 == 0 { return 60 }
        return 1
    }

    static func ceilDays(_ days: Double, _ resolution: Double) -> Double {
        guard days.isFinite else { return .nan }
        return ((days * 86_400 / resolution).rounded(.up) * resolution) / 86_400
    }

    /// The first n elements, sharing the array's storage when that is all of it
    /// (`Array(x.prefix(n))` copies: 8 MB and ~2,000 page faults per million bars).
    static func leading<T>(_ x: [T], _ n: Int) -> [T] {
        x.count == n ? x : Array(x.prefix(n))
    }

    static func mean(_ x: [Double]) -> Double {
        x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count)
    }

    /// Sample variance (n − 1); NaN below two values.
    static func sampleVariance(_ x: [Double]) -> Double {
        guard x.count >= 2 else { return .nan }
        let m = mean(x)
        var s = 0.0
        for v in x { s += (v - m) * (v - m) }
        return s / Double(x.count - 1)
    }
}

/// What the statistics need from the bars' times and closes alone: periods per year,
/// duration resolution, calendar buckets and the close's log returns. Built once and
/// shared when many equity curves over the same bars are measured (an optimisation).
struct StatsCalendar: Sendable {
    let time: [Int64]
    let close: [Double]
    let periodsPerYear: Double
    let resolution: Double
    /// Index of the last bar of each bucket; empty when `ownBuckets` (they are 0..<n).
    let bucketEnds: [Int]
    let ownBuckets: Bool
    /// Close log returns minus their mean, and the sum of their squares.
    let closeDeviation: [Double]
    let closeSumSquares: Double

    init(time: [Int64], close: [Double]) {
        let n = min(time.count, close.count)
        self.time = BacktestStatistics.leading(time, n)
        self.close = BacktestStatistics.leading(close, n)
        periodsPerYear = BacktestStatistics.periodsPerYear(self.time)
        resolution = BacktestStatistics.durationResolution(self.time)
        ownBuckets = BacktestStatistics.everyBarOwnBucket(self.time)
        bucketEnds = ownBuckets ? [] : BacktestStatistics.bucketEnds(self.time)
        var y = [Double](repeating: 0, count: max(n - 1, 0))
        var ss = 0.0
        self.close.withUnsafeBufferPointer { c in
            y.withUnsafeMutableBufferPointer { d in
                for k in 1..<max(n, 1) { d[k - 1] = Self.logRatio(c[k] / c[k - 1]) }
                var m = 0.0
                for k in 0..<d.count { m += d[k] }
                m = d.isEmpty ? 0 : m / Double(d.count)
                for k in 0..<d.count { d[k] -= m; ss += d[k] * d[k] }
            }
        }
        closeDeviation = y
        closeSumSquares = ss
    }

    /// ln r for a bar-to-bar ratio. Near 1 (|r − 1| < 1/16, almost every bar) it is
    /// 2 atanh(u), u = (r − 1)/(r + 1), summed to u¹¹/11: with u² < 1.1e-3 the first
    /// omitted term is below 1e-18 of the value, and r − 1 is exact (Sterbenz), so the
    /// result is within a few ulps of `log(r)` at a fraction of a libm call's cost (two
    /// logarithms per bar were most of the statistics' time). Elsewhere it is `log(r)`.
    @inline(__always)
    static func logRatio(_ r: Double) -> Double {
        let x = r - 1
        guard abs(x) < 0.0625 else { return log(r) }
        let u = x / (2 + x), u2 = u * u
        let tail = 1.0 / 3 + u2 * (1.0 / 5 + u2 * (1.0 / 7 + u2 * (1.0 / 9 + u2 * (1.0 / 11))))
        return 2 * u + 2 * u * u2 * tail
    }

    /// Period returns of `equity` (as `BacktestStatistics.periodReturns`), their sum in
    /// order, whether any bucket's equity is ≤ 0, and the first and last bucket-end bars.
    func periodReturns(_ equity: [Double]) -> (returns: [Double], sum: Double, nonPositive: Bool, first: Int, last: Int) {
        let n = min(equity.count, time.count)
        let count = ownBuckets ? n : bucketEnds.count
        // No returns (or buckets past the equity's end, which the unchecked reads below
        // must not reach): the caller reports NaN.
        guard count >= 2, ownBuckets || bucketEnds[count - 1] < equity.count else { return ([], 0, false, 0, 0) }
        var out = [Double](repeating: 0, count: count - 1)
        var sum = 0.0, nonPositive = false
        equity.withUnsafeBufferPointer { e in
            out.withUnsafeMutableBufferPointer { o in
                if ownBuckets {
                    var previous = e[0]
                    nonPositive = previous <= 0
                    for k in 1..<count {
                        let x = e[k]
                        if x <= 0 { nonPositive = true }
                        let v = x / previous - 1
                        o[k - 1] = v
                        sum += v
                        previous = x
                    }
                } else {
                    bucketEnds.withUnsafeBufferPointer { b in
                        var previous = e[b[0]]
                        nonPositive = previous <= 0
                        for k in 1..<count {
                            let x = e[b[k]]
                            if x <= 0 { nonPositive = true }
                            let v = x / previous - 1
                            o[k - 1] = v
                            sum += v
                            previous = x
                        }
                    }
                }
            }
        }
        return (out, sum, nonPositive, ownBuckets ? 0 : bucketEnds[0], ownBuckets ? count - 1 : bucketEnds[count - 1])
    }

    /// Beta: cov(equity log returns, close log returns) / var(close log returns), bar to
    /// bar. Σ(x − x̄)(y − ȳ) = Σ x (y − ȳ), so the equity side needs no second pass.
    func beta(_ equity: [Double]) -> Double {
        let n = min(equity.count, closeDeviation.count + 1)
        guard n > 2 else { return .nan }
        var c = 0.0
        equity.withUnsafeBufferPointer { e in
            closeDeviation.withUnsafeBufferPointer { d in
                for k in 1..<n {
                    let ratio = e[k] / e[k - 1]
                    if ratio != 1 { c += Self.logRatio(ratio) * d[k - 1] }   // flat bars add log 1 = 0
                }
            }
        }
        return c / closeSumSquares
    }
}
