/// A calendar length: `2y`, `6m`, `90d`.
public enum WindowLength: Sendable, Equatable {
    case days(Int)
    case months(Int)

    public static func years(_ y: Int) -> WindowLength { .months(12 * y) }

    /// `t` moved by `times` lengths (negative: back); month steps keep the day of month,
    /// clamped to the month's last day (2020-01-31 + 1m = 2020-02-29).
    func advance(_ t: Int64, times: Int = 1) -> Int64 {
        switch self {
        case .days(let d):
            return t + Int64(d) * Int64(times) * CivilTime.secondsPerDay
        case .months(let m):
            let day = CivilTime.day(t)
            let seconds = t - day * CivilTime.secondsPerDay
            let c = CivilTime.civil(days: day)
            let total = c.year * 12 + (c.month - 1) + m * times
            // Floor division, so a step back across year 0 stays a valid date.
            let y = Int(CivilTime.floorDiv(Int64(total), 12)), mo = total - y * 12 + 1
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
    /// The test windows joined into one out-of-sample run: each window starts with the
    /// initial cash, and its equity is rescaled to continue from where the previous
    /// window ended (returns compound across windows). Trades are each window's own.
    public var outOfSample: BacktestResult?

    /// In-sample vs out-of-sample, one line per window, the objective side by side.
    public func table(time: [Int64]) -> String {
        func span(_ r: Range<Int>) -> String {
            guard let a = r.first, let b = r.last, b < time.count else { return "" }
            return CivilTime.format(time[a]) + ".." + CivilTime.format(time[b])
        }
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count + 2), withPad: " ", startingAt: 0) }
        let params = steps.map { s in s.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(StrategyRegistry.format($0.value))" }.joined(separator: " ") }
        // The parameter column is as wide as its longest entry, so no value is cut off.
        let width = max("parameters".count, params.map(\.count).max() ?? 0) + 2
        var out = pad("train", 26) + pad("test", 26) + pad("parameters", width) + pad("in-sample", 12) + "out-of-sample\n"
        for (s, p) in zip(steps, params) {
            out += pad(span(s.window.train), 26) + pad(span(s.window.test), 26) + pad(p, width)
                + pad(BacktestExport.fixed(s.inSample.number(objective), 4), 12)
                + BacktestExport.fixed(s.outOfSample.number(objective), 4) + "\n"
        }
        return out
    }
}

/// Walk-forward analysis: optimise on each training window, evaluate the winner on the
/// following test window, so every out-of-sample figure comes from data the choice never saw.
public enum WalkForward {
    /// Windows over `time`: test span k is [first + train + k·test, first + train +
    /// (k+1)·test) in calendar time, converted to bars, so the test spans tile the data
    /// after the first training span. A rolling training span is the `train` length just
    /// before its test span; an anchored one starts at the first bar. The last test span
    /// may be shorter than `test` (it ends with the data) but holds at least two bars.
    /// Test spans never overlap training data or each other.
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
        // Test spans are laid end to end from first + train, so they tile the data exactly;
        // a rolling training span is the `train` length just before its test span.
        let firstTest = train.advance(first)
        while true {
            let testStart = test.advance(firstTest, times: k)
            let testEnd = test.advance(firstTest, times: k + 1)
            let trainStart = mode == .anchored ? first : max(first, train.advance(testStart, times: -1))
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
        var tests: [BacktestResult] = []
        for w in ws {
            if cancel?() == true { throw BacktestError.cancelled }
            let opt = try Optimizer.optimize(strategy: info, bars: bars, config: config, range: w.train, space: space,
                                             fixed: fixed, method: method, maximize: maximize, constraint: constraint,
                                             progress: progress, cancel: cancel, cache: cache)
            guard let best = opt.best, let inSample = best.outcome.statistics else {
                throw BacktestError.invalidStrategy("no parameter set produced a finite \(maximize) in the window starting \(CivilTime.format(bars.time[w.train.lowerBound]))")
            }
            let params = fixed.merging(opt.parameters(best)) { $1 }
            var s = try info.make(StrategyInputs(bars: bars, convention: config.convention, cache: cache), parameters: params)
            let oos = try Backtester.run(&s, bars: bars, config: config, range: w.test, cancel: cancel)
            tests.append(oos)
            steps.append(WalkForwardStep(window: w, parameters: params, inSample: inSample,
                                         outOfSample: BacktestStatistics.compute(oos), trials: opt.trials.count))
        }
        return WalkForwardResult(objective: maximize, mode: mode, steps: steps,
                                 outOfSample: stitch(tests, bars: bars, name: info.name, config: config))
    }

    /// Joins consecutive test-window results into one run (see `outOfSample`).
    static func stitch(_ runs: [BacktestResult], bars: Bars, name: String, config: BacktestConfig) -> BacktestResult? {
        guard let first = runs.first, let last = runs.last else { return nil }
        let range = first.range.lowerBound..<last.range.upperBound
        var equity: [Double] = []
        equity.reserveCapacity(range.count)
        var level = config.cash, next = range.lowerBound
        for r in runs {
            // A test span whose training span held under two bars (a gap in the data) was
            // skipped: nothing traded, so its bars keep the level, and the equity stays
            // one value per bar of `range`.
            equity.append(contentsOf: repeatElement(level, count: max(r.range.lowerBound - next, 0)))
            next = r.range.upperBound
            let factor = level / config.cash
            for e in r.equity { equity.append(e * factor) }
            level = equity.last ?? level
        }
        var joined = BacktestResult(symbol: bars.symbol, strategyName: "walk-forward out-of-sample \(name) (\(runs.count) windows)",
                              config: config, exits: first.exits, range: range, time: Array(bars.time[range]),
                              close: Array(bars.close[range]), equity: equity, trades: runs.flatMap(\.trades),
                              openTrades: last.openTrades, firstDecisionBar: range.lowerBound,
                              benchmarkBar: range.lowerBound, adjusted: bars.adjClose != nil)
        joined.shorting = first.shorting
        return joined
    }
}

