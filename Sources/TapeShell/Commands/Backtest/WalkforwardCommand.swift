import TapeCore

/// `walkforward`: optimise on each training window, test the winner on the window after
/// it, and join the test windows into the honest out-of-sample run.
enum WalkforwardCommand: Command {
    static let spec = CommandSpec(
        name: "walkforward",
        usage: "walkforward [SYMBOL] STRATEGY PARAM FROM..TO [step S] ... train 2y test 6m [anchored] [maximize STAT] [OPTIONS]",
        summary: "optimise on each training window and test the winner on the following window: in-sample vs out-of-sample",
        details: """
        walkforward GOOG sma_cross fast 5..30 step 5 slow 20..100 step 20 train 2y test 6m
        Rolling windows slide by the test length; anchored keeps every training window starting
        at the first bar. Test windows never overlap training data. Search options as in optimize.
        """,
        effect: .changesState,
        options: ModelBacktest.withModel(StrategyOptions.declared(SearchOptions.strategies, range: true)
            + [.duration("train", "the length of each training window, in whole days, weeks, months or years (default 2y)",
                         bounds: .from(1, to: 3_650_000)),
               .duration("test", "the length of each test window, as train (default 6m)", bounds: .from(1, to: 3_650_000)),
               .flag("anchored", "every training window starts at the first bar (default: they roll)")]
            + SearchOptions.declared + EngineOptions.declared, range: true),
        arguments: [StrategyOptions.target(help: SearchOptions.parameterHelp, strategies: SearchOptions.strategies, variadic: true)],
        run: run)

    /// A window length as the calendar steps it: whole days, weeks, months or years.
    static func length(_ c: CommandContext, _ key: String, _ fallback: WindowLength) throws -> WindowLength {
        guard let d = c.duration(key) else { return fallback }
        let span = c.option(key)?.span
        guard d.count == d.count.rounded(), let n = Int(exactly: d.count) else {
            throw TapeError("\(key) must be a whole number of days, weeks, months or years, like 2y or 6m", span: span)
        }
        switch d.unit {
        case .years: return .months(n * 12)
        case .months: return .months(n)
        case .weeks: return .days(n * 7)
        case .days: return .days(n)
        default: throw TapeError("\(key) must be in days, weeks, months or years", span: span, hint: "e.g. \(key) 90d")
        }
    }

    static func run(_ c: CommandContext) throws {
        _ = try EngineOptions.entryRule(c)
        let q = try SearchRequest(c)
        let d = q.dataset
        let train = try length(c, "train", .years(2)), test = try length(c, "test", .months(6))
        // `dates` limits the bars the windows are laid over, as it limits a backtest's.
        let bars = try EngineOptions.dateRange(c, d).map { d.bars.rows($0) } ?? d.bars
        let result = try SearchOptions.withProgress(c, "walkforward") { progress, cancel in
            try WalkForward.run(strategy: q.info, bars: bars, config: q.config, space: q.space, fixed: q.fixed, method: q.method,
                                maximize: q.objective, constraint: q.constraint, train: train, test: test,
                                mode: c.has("anchored") ? .anchored : .rolling, progress: progress, cancel: cancel)
        }
        let state = c.workspace.state { BacktestState() }
        state.walkForward = result
        c.print("\(d.name) \(q.info.name): \(result.steps.count) windows, train \(train.description), test \(test.description), \(result.mode.rawValue); maximising \(q.objective)")
        for line in result.table(time: bars.time).split(separator: "\n") { c.print(String(line)) }
        let ins = result.steps.map { $0.inSample.number(q.objective) }.filter(\.isFinite)
        let oos = result.steps.map { $0.outOfSample.number(q.objective) }.filter(\.isFinite)
        func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }
        c.print("mean \(q.objective): in-sample \(Format.fixed(mean(ins), 4)), out-of-sample \(Format.fixed(mean(oos), 4))")
        if let joined = result.outOfSample {
            // The joined out-of-sample run becomes "the last backtest": stats, trades,
            // equity and the exports show the honest figure.
            c.print("out-of-sample, all test windows joined (stats, trades, equity show it):")
            BacktestRun.keep(c, joined)
        }
    }
}
