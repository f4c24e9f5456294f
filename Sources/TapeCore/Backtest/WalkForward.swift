/// A calendar length: `2y`, `6m`, `90d`.
public enum WindowLength: Sendable, Equatable {
    case days(Int)
    case months(Int)

    public static func years(_ y: Int) -> WindowLength { .months(12 * y) }

    /// `t` moved forward by `times` lengths; month steps keep the day of month, clamped to
    /// the month's last day (2020-01-31 + 1m = 2020-02-29).
    func advance(_ t: Int64, times: Int = 1) -> Int64 {
        switch self {
        case .days(let d):
            return t + Int64(d) * Int64(times) * CivilTime.secondsPerDay
        case .months(let m):
            let day = CivilTime.floorDiv(t, CivilTime.secondsPerDay)
            let seconds = t - day * CivilTime.secondsPerDay
            let c = CivilTime.civil(days: day)
            let total = c.year * 12 + (c.month - 1) + m * times
            let y = total / 12, mo = total % 12 + 1
            let d = min(c.day, CivilTime.daysInMonth(year: y, month: mo))
            return CivilTime.days(year: y, month: mo, day: d) * CivilTime.secondsPerDay + seconds
        }
    }

    var isPositive: Bool {
        switch self {
        case .days(let d): return d > 0 && d < 1_000_000
        case .months(let m): return m > 0 && m < 100_000
        }
    }

    public var description: String {
        switch self {
        case .days(let d): return "\(d)d"
        case .months(let m): return m % 12 == 0 ? "\(m / 12)y" : "\(m)m"
        }
    }
}

/// Rolling windows slide the training window forward by one test length; anchored ones
/// keep it starting at the first bar and let it grow.
public enum WalkForwardMode: String, Sendable, Equatable {
    case rolling
    case anchored
}

/// Bar ranges of one walk-forward step: train on `train`, then test on `test`, which
/// starts right after it.
public struct WalkForwardWindow: Sendable, Equatable {
    public var train: Range<Int>
    public var test: Range<Int>
}

/// One step's outcome: the parameters chosen in sample and how they did on both sides.
public struct WalkForwardStep: Sendable {
    public var window: WalkForwardWindow
    public var parameters: [String: Double]
    public var inSample: Statistics
    public var outOfSample: Statistics
    public var trials: Int
}

public struct WalkForwardResult: Sendable {
    public var objective: String
    public var mode: WalkForwardMode
    public var steps: [WalkForwardStep]

    /// In-sample vs out-of-sample, one line per window, the objective side by side.
    public func table(time: [Int64]) -> String {
        var out = "train                     test                      parameters            in-sample   out-of-sample\n"
        func span(_ r: Range<Int>) -> String {
            guard let a = r.first, let b = r.last, b < time.count else { return "" }
            return CivilTime.format(time[a]) + ".." + CivilTime.format(time[b])
        }
        for s in steps {
            let p = s.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(StrategyRegistry.format($0.value))" }.joined(separator: " ")
            out += span(s.window.train).padding(toLength: 26, withPad: " ", startingAt: 0)
                + span(s.window.test).padding(toLength: 26, withPad: " ", startingAt: 0)
                + p.padding(toLength: 22, withPad: " ", startingAt: 0)
                + BacktestExport.fixed(s.inSample.number(objective), 4).padding(toLength: 12, withPad: " ", startingAt: 0)
                + BacktestExport.fixed(s.outOfSample.number(objective), 4) + "\n"
        }
        return out
    }
}

/// Walk-forward analysis: optimise on each training window, evaluate the winner on the
/// following test window, so every out-of-sample figure comes from data the choice never saw.
public enum WalkForward {
    /// Windows over `time`: a window's train span is [start, start + train), its test span
    /// [start + train, start + train + test) in calendar time, converted to bars. Rolling
    /// windows start one test length apart; anchored ones all start at the first bar. The
    /// last test window may be shorter than `test` (it ends with the data) but must hold
    /// at least two bars. Test windows never overlap training data or each other.
    public static func windows(time: [Int64], train: WindowLength, test: WindowLength,
                               mode: WalkForwardMode) throws -> [WalkForwardWindow] {
        guard train.isPositive, test.isPositive else {
            throw BacktestError.invalidParameter("walk-forward train and test lengths must be positive")
        }
        guard let first = time.first else { throw BacktestError.invalidData("no bars to walk forward over") }
        func index(_ t: Int64) -> Int {
            var lo = 0, hi = time.count        // first bar at or after t (binary search)
            while lo < hi { let mid = (lo + hi) / 2; if time[mid] < t { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        var out: [WalkForwardWindow] = []
        var k = 0
        while true {
            let trainStart = mode == .anchored ? first : test.advance(first, times: k)
            let testStart = mode == .anchored ? train.advance(first).advancedBy(test, times: k) : train.advance(trainStart)
            let testEnd = test.advance(testStart)
            let a = index(trainStart), b = index(testStart), c = index(testEnd)
            guard b < time.count, c - b >= 2 else { break }
            if b - a >= 2 { out.append(WalkForwardWindow(train: a..<b, test: b..<c)) }
            k += 1
            if k > 100_000 { break }
        }
        guard !out.isEmpty else {
            throw BacktestError.invalidData("the data (\(CivilTime.format(first))..\(CivilTime.format(time[time.count - 1]))) is too short for a \(train.description) train and \(test.description) test window")
        }
        return out
    }

    /// Runs the walk-forward: for each window, `Optimizer.optimize` on the training bars,
    /// then a backtest of the best parameters on the test bars (indicators computed over
    /// the whole series, which is causal, so the test window starts warmed up).
    public static func run(strategy info: StrategyInfo, bars: Bars, config: BacktestConfig,
                           space: [ParameterRange], fixed: [String: Double] = [:], method: SearchMethod,
                           maximize: String = "Sharpe Ratio", constraint: Optimizer.Constraint? = nil,
                           train: WindowLength, test: WindowLength, mode: WalkForwardMode = .rolling,
                           progress: Optimizer.Progress? = nil, cancel: Optimizer.Cancel? = nil) throws -> WalkForwardResult {
        let ws = try windows(time: bars.time, train: train, test: test, mode: mode)
        let cache = IndicatorCache()
        var steps: [WalkForwardStep] = []
        for w in ws {
            let opt = try Optimizer.optimize(strategy: info, bars: bars, config: config, range: w.train, space: space,
                                             fixed: fixed, method: method, maximize: maximize, constraint: constraint,
                                             progress: progress, cancel: cancel, cache: cache)
            guard let best = opt.best, let inSample = best.outcome.statistics else {
                throw BacktestError.invalidStrategy("no parameter set produced a finite \(maximize) in the window starting \(CivilTime.format(bars.time[w.train.lowerBound]))")
            }
            let params = fixed.merging(opt.parameters(best)) { $1 }
            var s = try info.build(bars, try info.resolve(params), cache)
            let oos = try Backtester.run(&s, bars: bars, config: config, range: w.test)
            steps.append(WalkForwardStep(window: w, parameters: params, inSample: inSample,
                                         outOfSample: BacktestStatistics.compute(oos), trials: opt.trials.count))
        }
        return WalkForwardResult(objective: maximize, mode: mode, steps: steps)
    }
}

private extension Int64 {
    func advancedBy(_ length: WindowLength, times: Int) -> Int64 { length.advance(self, times: times) }
}
