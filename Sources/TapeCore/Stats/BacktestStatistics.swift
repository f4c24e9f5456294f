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

    /// The statistics and the sums over the period returns they used, with the time-only
    /// work (`calendar`) done by the caller, once for many equity curves over the same bars.
    static func compute(trades: [Trade], equity: [Double], calendar cal: StatsCalendar,
                        barOffset: Int, benchmarkIndex: Int) -> (Statistics, ReturnSums) {
        var s = Statistics()
        let time = cal.time, close = cal.close
        let n = min(equity.count, time.count)
        guard n > 0 else { return (s, ReturnSums()) }
        s.bars = n
        let start = time[0], end = time[n - 1]
        let durationDays = Double(end - start) / 86_400
        s.start = start
        s.end = end
        s.durationDays = durationDays

        // One pass over the equity for its peak and drawdowns, one (paired with the close)
        // for Beta, one over the period returns: the per-bar work of the statistics.
        let (peak, deepest, periods) = drawdownScan(equity, time: time, n: n)
        let p = cal.periodReturnSums(equity)
        let beta = cal.beta(equity)

        // Exposure: bars (not time) inside some closed trade, entry and exit inclusive.
        let heldCount = heldBars(trades, n: n, barOffset: barOffset)
        s.exposureTimePercent = Double(heldCount) / Double(n) * 100
        let initial = equity[0], final = equity[n - 1]
        s.equityFinal = final
        s.equityPeak = peak
        s.commissions = trades.reduce(0) { $0 + $1.commission }
        let totalReturn = (final - initial) / initial * 100
        s.returnPercent = totalReturn
        let w = min(max(benchmarkIndex, 0), n - 1)
        let buyHold = (close[n - 1] - close[w]) / close[w] * 100
        s.buyAndHoldReturnPercent = buyHold

        // Annualised figures from period returns of the equity resampled to calendar
        // buckets (days for daily data), compounded (backtesting.py cites SSRN 3054517).
        let a = cal.periodsPerYear
        // Geometric mean of the period returns. Their product telescopes to last / first
        // bucket equity, so Σ ln(1 + r) is one logarithm instead of one per bar (equal up
        // to rounding); backtesting.py's rule "0 if any 1 + r <= 0" is equity <= 0.
        let g: Double
        if p.count == 0 {
            g = .nan
        } else if p.nonPositive {
            g = 0
        } else {
            g = exp(log(equity[p.last] / equity[p.first]) / Double(p.count)) - 1
        }
        let variance = p.sampleVariance
        let annualReturn = pow(1 + g, a) - 1
        let annualVol = (pow(variance + (1 + g) * (1 + g), a) - pow(1 + g, 2 * a)).squareRoot()
        s.annualReturnPercent = annualReturn * 100
        s.annualVolatilityPercent = annualVol * 100
        let years = durationDays / 365.25
        s.cagrPercent = years > 0 ? (pow(final / initial, 1 / years) - 1) * 100 : .nan
        s.sharpeRatio = annualVol != 0 ? annualReturn / annualVol : .nan
        let downsideDev = p.count == 0 ? Double.nan : (p.downsideSquares / Double(p.count)).squareRoot()
        s.sortinoRatio = annualReturn / (downsideDev * a.squareRoot())
        let maxDD = deepest
        s.calmarRatio = maxDD != 0 ? annualReturn / maxDD : .nan

        // Beta: bar-to-bar log returns of equity against the close, whole series.
        s.alphaPercent = totalReturn - beta * buyHold
        s.beta = beta
        s.maxDrawdownPercent = -(maxDD.isNaN ? 0 : maxDD) * 100
        let resolution = cal.resolution
        s.averageDrawdownPercent = periods.isEmpty ? .nan : -mean(periods.map(\.depth)) * 100
        let ddDays = periods.map { Double($0.seconds) / 86_400 }
        s.maxDrawdownDays = ceilDays(ddDays.max() ?? .nan, resolution)
        s.averageDrawdownDays = ceilDays(ddDays.isEmpty ? .nan : mean(ddDays), resolution)

        let count = trades.count
        let t = TradeSums(trades)
        s.trades = count
        let winRate = count == 0 ? Double.nan : Double(t.wins) / Double(count)
        s.winRatePercent = winRate * 100
        s.bestTradePercent = t.bestReturn * 100
        s.worstTradePercent = t.worstReturn * 100
        s.averageTradePercent = t.geometricMeanReturn * 100
        s.maxTradeDays = ceilDays(t.longestDays, resolution)
        s.averageTradeDays = ceilDays(count == 0 ? .nan : t.daysSum / Double(count), resolution)
        // Profit factor of per-trade returns, not of cash PnL (the library's definition).
        s.profitFactor = t.returnLosses != 0 ? t.returnGains / abs(t.returnLosses) : .nan
        s.expectancyPercent = count == 0 ? .nan : t.returnSum / Double(count) * 100
        let sd = t.pnlVariance.squareRoot()
        s.sqn = sd != 0 && count > 0 ? Double(count).squareRoot() * t.pnlMean / sd : .nan
        let payoff = (t.wins == 0 ? Double.nan : t.winSum / Double(t.wins)) / (t.losses == 0 ? Double.nan : -t.lossSum / Double(t.losses))
        s.kellyCriterion = winRate - (1 - winRate) / payoff
        return (s, p)
    }

    /// Every statistic's display name, in order ("Commissions [$]" is shown only when
    /// non-zero): the names of `Statistics.fields`.
    public static var keys: [String] { Statistics.fields.map(\.name) }

    /// Names of the numeric statistics (everything but the dates): what an optimiser can maximise.
    public static var numericKeys: [String] { Statistics.fields.filter(\.isNumeric).map(\.name) }

    // MARK: - Building blocks (public ones: the engine, the exports and the shell use them)

    /// Periods per year: 52, 12 or 1 for weekly, monthly, yearly data (from the median
    /// spacing of the last 100 timestamps); otherwise 365 when more than 0.6 × 2/7 of the
    /// bars fall on a weekend (markets that trade every day), else 252.
    public static func periodsPerYear(_ time: [Int64]) -> Double {
        let days = periodDays(time)
        return periodsPerYear(days: days, weekendShare: coarse(days) ? 0 : dayScan(time).weekendShare)
    }

    static func periodsPerYear(days: Int, weekendShare: Double) -> Double {
        switch days {
        case 7: return 52
        case 31: return 12
        case 365: return 1
        default: return weekendShare > 2.0 / 7.0 * 0.6 ? 365 : 252
        }
    }

    /// Weekly, monthly or yearly spacing: statistics resample to weeks, months or years.
    static func coarse(_ days: Int) -> Bool { days == 7 || days == 31 || days == 365 }

    /// One pass over the timestamps: the share that fall on a Saturday or Sunday (0 when
    /// there are none), and whether each bar is the only one of its calendar day.
    static func dayScan(_ time: [Int64]) -> (weekendShare: Double, oneBarPerDay: Bool) {
        time.withUnsafeBufferPointer { t in
            var weekend = 0, oneBarPerDay = true, previous = Int64.min
            for k in 0..<t.count {
                let day = CivilTime.day(t[k])
                let weekday = CivilTime.weekday(day: day)
                if weekday == 0 || weekday == 6 { weekend += 1 }
                if day == previous { oneBarPerDay = false }
                previous = day
            }
            return (t.isEmpty ? 0 : Double(weekend) / Double(t.count), oneBarPerDay)
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
    /// return, so the result has one element fewer than there are buckets. The
    /// statistics gather sums over these in one pass (`StatsCalendar.periodReturnSums`);
    /// this is the definition they are tested against.
    public static func periodReturns(time: [Int64], equity: [Double]) -> [Double] {
        let ends = bucketEnds(leading(time, min(time.count, equity.count)))
        guard ends.count >= 2 else { return [] }
        return (1..<ends.count).map { equity[ends[$0]] / equity[ends[$0 - 1]] - 1 }
    }

    /// Index of the last bar of each calendar bucket (see `periodReturns`).
    static func bucketEnds(_ time: [Int64]) -> [Int] {
        let days = periodDays(time)
        @inline(__always) func bucket(_ t: Int64) -> Int64 {
            let d = CivilTime.day(t)
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
                    let b = bucket(t[k])
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
    /// at least one bar lies strictly between them. The statistics use `drawdownScan`;
    /// this is the definition, for the equity export (and the scan's tests).
    public static func drawdownPeriods(_ dd: [Double], time: [Int64]) -> [DrawdownPeriod] {
        let n = min(dd.count, time.count)
        var out: [DrawdownPeriod] = []
        // `previous` is the last split bar, `depth` the running maximum of dd over
        // previous...k (from 0, in bar order, as a max over the span would take it).
        var previous = -1, depth = 0.0
        for k in 0..<n {
            let d = dd[k]
            depth = max(depth, d)
            guard d == 0 || k == n - 1 else { continue }
            if previous >= 0 && k > previous + 1 {
                out.append(DrawdownPeriod(startIndex: previous, endIndex: k, depth: depth, seconds: time[k] - time[previous]))
            }
            previous = k
            depth = 0
        }
        return out
    }

    /// The equity's peak, its deepest drawdown and its drawdown periods (as `drawdowns`
    /// and `drawdownPeriods` define them) in one pass over the first n bars that divides
    /// once per period rather than once per bar: the peak is fixed inside a period, so its
    /// deepest point is its lowest equity (1 − x / peak falls as x rises, also after
    /// rounding). A bar is back at a high when it is at least the peak so far.
    static func drawdownScan(_ equity: [Double], time: [Int64], n: Int) -> (peak: Double, deepest: Double, periods: [DrawdownPeriod]) {
        var periods: [DrawdownPeriod] = []
        guard n > 0, n <= equity.count, n <= time.count else { return (.nan, 0, periods) }
        return equity.withUnsafeBufferPointer { e in
            time.withUnsafeBufferPointer { t in
                // `previous` is the last split bar; `lowest` the lowest equity since it.
                var peak = e[0], lowest = Double.infinity, previous = 0, deepest = 0.0
                func split(at k: Int, lowest: Double) {
                    let depth = lowest < peak ? 1 - lowest / peak : 0
                    deepest = max(deepest, depth)
                    if k > previous + 1 {
                        periods.append(DrawdownPeriod(startIndex: previous, endIndex: k, depth: depth, seconds: t[k] - t[previous]))
                    }
                    previous = k
                }
                var k = 1
                while k < n - 1 {
                    let x = e[k]
                    if x >= peak {
                        split(at: k, lowest: lowest)
                        peak = x
                        lowest = .infinity
                    } else if x < lowest {
                        lowest = x
                    }
                    k += 1
                }
                // The last bar ends the last span whether or not it is at a high.
                if n > 1 {
                    let x = e[n - 1]
                    split(at: n - 1, lowest: x >= peak ? lowest : min(lowest, x))
                    peak = max(peak, x)
                }
                return (peak, deepest, periods)
            }
        }
    }

    /// Per bar: the length in days of the drawdown period ending at that bar, NaN at every
    /// other bar (backtesting.py's `DrawdownDuration` column of the equity curve).
    public static func equityDrawdownDurations(time: [Int64], equity: [Double]) -> [Double] {
        drawdownDurations(time: time, drawdowns: drawdowns(leading(equity, min(time.count, equity.count))))
    }

    /// `equityDrawdownDurations` from the equity's `drawdowns`, for a caller that has them.
    static func drawdownDurations(time: [Int64], drawdowns dd: [Double]) -> [Double] {
        var out = [Double](repeating: .nan, count: min(time.count, dd.count))
        for p in drawdownPeriods(dd, time: time) { out[p.endIndex] = Double(p.seconds) / 86_400 }
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
/// duration resolution and calendar buckets. Built once and shared when many equity
/// curves over the same bars are measured (an optimisation).
struct StatsCalendar: Sendable {
    let time: [Int64]
    let close: [Double]
    let periodsPerYear: Double
    let resolution: Double
    /// Index of the last bar of each bucket; empty when `ownBuckets` (they are 0..<n).
    let bucketEnds: [Int]
    let ownBuckets: Bool

    init(time: [Int64], close: [Double]) {
        let n = min(time.count, close.count)
        self.time = BacktestStatistics.leading(time, n)
        self.close = BacktestStatistics.leading(close, n)
        let days = BacktestStatistics.periodDays(self.time)
        let coarse = BacktestStatistics.coarse(days)
        let scan = coarse ? (weekendShare: 0.0, oneBarPerDay: false) : BacktestStatistics.dayScan(self.time)
        periodsPerYear = BacktestStatistics.periodsPerYear(days: days, weekendShare: scan.weekendShare)
        resolution = BacktestStatistics.durationResolution(self.time)
        ownBuckets = scan.oneBarPerDay
        bucketEnds = ownBuckets ? [] : BacktestStatistics.bucketEnds(self.time)
    }

    /// Sums over the period returns of `equity` (as `BacktestStatistics.periodReturns`
    /// returns them), with the first and last bucket-end bars.
    func periodReturnSums(_ equity: [Double]) -> ReturnSums {
        let n = min(equity.count, time.count)
        let count = ownBuckets ? n : bucketEnds.count
        // No returns (or buckets past the equity's end, which the unchecked reads below
        // must not reach): the caller reports NaN.
        guard count >= 2, ownBuckets || bucketEnds[count - 1] < equity.count else { return ReturnSums() }
        var sums = ReturnAccumulator()
        equity.withUnsafeBufferPointer { e in
            if ownBuckets {
                // Two bars at a time: one division instruction serves both.
                sums.note(SIMD2(e[0], 1))
                var k = 1
                while k + 1 < count {
                    let previous = SIMD2(e[k - 1], e[k]), current = SIMD2(e[k], e[k + 1])
                    sums.add((current - previous) / previous, equity: current)
                    k += 2
                }
                if k < count { sums.add(SIMD2((e[k] - e[k - 1]) / e[k - 1], 0), equity: SIMD2(e[k], 1)) }
            } else {
                bucketEnds.withUnsafeBufferPointer { b in
                    var previous = e[b[0]]
                    sums.note(SIMD2(previous, 1))
                    for k in 1..<count {
                        let x = e[b[k]]
                        sums.add(SIMD2((x - previous) / previous, 0), equity: SIMD2(x, 1))
                        previous = x
                    }
                }
            }
        }
        return ReturnSums(count: count - 1, sum: sums.s1.sum(), squares: sums.s2.sum(), cubes: sums.s3.sum(),
                          fourths: sums.s4.sum(), downsideSquares: sums.down.sum(), nonPositive: any(sums.nonPositive),
                          first: ownBuckets ? 0 : bucketEnds[0], last: ownBuckets ? count - 1 : bucketEnds[count - 1])
    }

    /// Beta: cov(equity log returns, close log returns) / var(close log returns), bar to
    /// bar, from Σx, Σy, Σxy and Σy² gathered in one pass with the equity in one SIMD lane
    /// and the close in the other (one division serves both logarithms).
    func beta(_ equity: [Double]) -> Double {
        let n = min(equity.count, close.count)
        guard n > 2 else { return .nan }
        var s1 = SIMD2<Double>.zero, s2 = SIMD2<Double>.zero
        equity.withUnsafeBufferPointer { e in
            close.withUnsafeBufferPointer { c in
                var previous = SIMD2(e[0], c[0])
                for k in 1..<n {
                    let current = SIMD2(e[k], c[k])
                    let l = Self.logRatio(current, previous)
                    s1 += l
                    s2 += l * l[1]
                    previous = current
                }
            }
        }
        // Σ(x − x̄)(y − ȳ) = Σxy − Σx Σy / m: bar returns' means are far below their
        // spread, so the subtraction loses nothing of note.
        let m = Double(n - 1)
        return (s2[0] - s1[0] * s1[1] / m) / (s2[1] - s1[1] * s1[1] / m)
    }

    /// ln(a / b) in each lane. Near 1 (|u| < 1/33 for u = (a − b)/(a + b), i.e. a/b within
    /// about 1 ± 1/16: almost every bar) it is 2 atanh(u) = 2u (1 + u²/3 + u⁴/5 + u⁶/7 +
    /// u⁸/9 + …): a − b is exact (Sterbenz), u is within an ulp, and the first omitted
    /// term is below 7e-17 of the value, so the result is within a few ulps of
    /// ln(a / b) at the cost of one division for both lanes instead of two libm calls.
    /// Otherwise `log1p((a − b) / b)`.
    @inline(__always)
    static func logRatio(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD2<Double> {
        let u = (a - b) / (a + b)
        // Two comparisons rather than an absolute value: `pointwiseMax` handles NaN lane
        // by lane, out of the vector unit. NaN fails both and takes the libm path.
        let bound = 1.0 / 33
        guard all((u .< bound) .& (u .> -bound)) else {
            // log1p of the difference rather than log of the ratio, whose rounding would
            // cost up to an ulp of 1 (far above an ulp of a small logarithm).
            return SIMD2(log1p((a[0] - b[0]) / b[0]), log1p((a[1] - b[1]) / b[1]))
        }
        let u2 = u * u, u4 = u2 * u2
        // Estrin's scheme (shallower than Horner's) for 1/3 + u²/5 + u⁴/7 + u⁶/9, a step
        // per line (one expression is more than the type checker will take).
        let low = u2 * (1.0 / 5) + 1.0 / 3
        let high = u2 * (1.0 / 9) + 1.0 / 7
        let tail = u4 * high + low
        let twice = u + u
        return twice + twice * u2 * tail
    }
}

/// Running sums of returns two at a time (a return paired with 0 adds nothing), and
/// whether any equity seen was ≤ 0. Masks rather than `pointwiseMin` or `min()`, which
/// order NaN lane by lane outside the vector unit.
struct ReturnAccumulator {
    var s1 = SIMD2<Double>.zero, s2 = SIMD2<Double>.zero, s3 = SIMD2<Double>.zero, s4 = SIMD2<Double>.zero
    var down = SIMD2<Double>.zero
    var nonPositive = SIMDMask<SIMD2<Int64>>(repeating: false)

    /// Adds the returns `v` that end at equity values `equity` (pad a lone one with 1).
    @inline(__always)
    mutating func add(_ v: SIMD2<Double>, equity: SIMD2<Double>) {
        let v2 = v * v
        s1 += v
        s2 += v2
        s3 += v2 * v
        s4 += v2 * v2
        let d = v.replacing(with: 0, where: v .> 0)
        down += d * d
        note(equity)
    }

    @inline(__always)
    mutating func note(_ equity: SIMD2<Double>) {
        nonPositive .|= equity .<= 0
    }
}

/// Sums over a series of period returns, gathered in one pass instead of kept as an
/// array: what the annualised figures and the deflated Sharpe ratio need.
struct ReturnSums: Sendable {
    var count = 0
    var sum = 0.0, squares = 0.0, cubes = 0.0, fourths = 0.0
    /// Σ min(r, 0)²: the downside deviation's numerator.
    var downsideSquares = 0.0
    /// Some bucket's equity is ≤ 0 (backtesting.py's geometric mean is then 0).
    var nonPositive = false
    /// Bars of the first and last bucket ends.
    var first = 0, last = 0

    /// Sample variance (n − 1); NaN below two returns. Σ(r − m)² = Σr² − m Σr: period
    /// returns' mean is far below their spread, so the subtraction loses nothing of note.
    var sampleVariance: Double {
        count >= 2 ? max(squares - sum * sum / Double(count), 0) / Double(count - 1) : .nan
    }

    /// Per-period Sharpe ratio, skewness and non-excess kurtosis, as
    /// `DeflatedSharpe.moments` computes them from the returns themselves.
    var moments: (sharpe: Double, skewness: Double, kurtosis: Double) {
        guard count >= 2 else { return (.nan, .nan, .nan) }
        let n = Double(count), m = sum / n
        let r2 = squares / n, r3 = cubes / n, r4 = fourths / n
        // Central moments from raw ones.
        let m2 = max(r2 - m * m, 0)
        let m3 = r3 - 3 * m * r2 + 2 * m * m * m
        let m4 = r4 - 4 * m * r3 + 6 * m * m * r2 - 3 * m * m * m * m
        let sd = (m2 * n / (n - 1)).squareRoot()
        return (sd > 0 ? m / sd : .nan, m2 > 0 ? m3 / pow(m2, 1.5) : .nan, m2 > 0 ? m4 / (m2 * m2) : .nan)
    }
}

/// The per-trade figures of the statistics in one pass over the trades (and a second for
/// the PnL's variance), with no arrays: each sum runs in trade order from 0, so the
/// results equal summing the filtered arrays backtesting.py builds.
struct TradeSums {
    var wins = 0, losses = 0
    /// Σ PnL of winning and of losing trades.
    var winSum = 0.0, lossSum = 0.0
    var returnSum = 0.0, returnGains = 0.0, returnLosses = 0.0
    var bestReturn = Double.nan, worstReturn = Double.nan
    var daysSum = 0.0, longestDays = Double.nan
    var pnlMean = Double.nan, pnlVariance = Double.nan
    /// exp(Σ ln(1 + r) / n) − 1, 0 when some 1 + r ≤ 0, NaN without trades
    /// (backtesting.py's `geometric_mean`).
    var geometricMeanReturn = Double.nan

    init(_ trades: [Trade]) {
        var logSum = 0.0, ruined = false, pnlSum = 0.0
        for (k, t) in trades.enumerated() {
            let r = t.returnPct, days = t.durationDays
            if t.pnl > 0 { wins += 1; winSum += t.pnl } else if t.pnl < 0 { losses += 1; lossSum += t.pnl }
            pnlSum += t.pnl
            returnSum += r
            if r > 0 { returnGains += r } else if r < 0 { returnLosses += r }
            // `Sequence.max()`/`min()`: a later value replaces only when strictly beyond.
            if k == 0 || bestReturn < r { bestReturn = r }
            if k == 0 || r < worstReturn { worstReturn = r }
            daysSum += days
            if k == 0 || longestDays < days { longestDays = days }
            if 1 + r > 0 { logSum += log(1 + r) } else { ruined = true }
        }
        let n = trades.count
        guard n > 0 else { return }
        geometricMeanReturn = ruined ? 0 : exp(logSum / Double(n)) - 1
        pnlMean = pnlSum / Double(n)
        if n >= 2 {
            var squares = 0.0
            for t in trades { squares += (t.pnl - pnlMean) * (t.pnl - pnlMean) }
            pnlVariance = squares / Double(n - 1)
        }
    }
}
