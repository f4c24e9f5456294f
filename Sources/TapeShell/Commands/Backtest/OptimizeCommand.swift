import TapeCore

/// `optimize`: searches a strategy's parameters for the best statistic, prints the best
/// trials with the deflated Sharpe ratio beside the best, then backtests the winner.
enum OptimizeCommand: Command {
    static let spec = CommandSpec(
        name: "optimize",
        usage: "optimize [SYMBOL] STRATEGY PARAM FROM..TO [step S] ... [maximize STAT] [method grid|random|lhs|genetic] [trials N] [where EXPR] [shard I/N [out \"FILE\"]] [OPTIONS]",
        summary: "search a strategy's parameters for the best statistic, with the deflated Sharpe ratio beside the best",
        details: """
        optimize GOOG sma_cross fast 5..50 step 5 slow 20..100 step 10 maximize sharpe
        optimize GOOG sma_cross fast 5..50 slow 20..200 method genetic population 30 generations 20 where fast < slow
        optimize SPY model m threshold 0.5..0.6 step 0.02   (a fitted model's threshold, on its out-of-sample scores)
        The best parameters are then backtested: stats, trades, equity show it, and a search
        over two parameters is drawn as a heatmap. The backtest options (costs, sizing, exits,
        dates) apply to every trial.
        optimize GOOG sma_cross fast 5..50 step 5 slow 20..100 step 10 shard 2/4 out "s2.json"
        optimize merge "s1.json" "s2.json" "s3.json" "s4.json"
        A grid, random or lhs search splits into N shards run anywhere (docs/BACKTEST.md,
        Sweeps on a cluster); merge joins them into the one-machine result.
        """,
        effect: .changesState,
        options: ModelBacktest.withModel(StrategyOptions.declared(SearchOptions.strategies, range: true) + SearchOptions.declared + EngineOptions.declared, range: true)
            + [.expression("shard", "run only slice I of N of the search and write its trials to a file, for optimize merge", placeholder: "I/N"),
               .path("out", "the shard's file (default optimize-shard-I-of-N.json)")],
        arguments: [StrategyOptions.target(help: SearchOptions.parameterHelp, strategies: SearchOptions.strategies, variadic: true)],
        subcommands: [OptimizeMerge.spec],
        run: run)

    static func run(_ c: CommandContext) throws {
        _ = try EngineOptions.entryRule(c)
        let q = try SearchRequest(c)
        let d = q.dataset
        let range = try EngineOptions.dateRange(c, d)
        let shard = try c.option("shard").map(OptimizeShard.shard)
        if shard == nil, let out = c.option("out") { throw TapeError("out names a shard's file: give shard I/N too", span: out.span) }
        let result = try SearchOptions.withProgress(c, "optimize") { progress, cancel in
            try Optimizer.optimize(strategy: q.info, bars: d.bars, config: q.config, range: range, space: q.space, fixed: q.fixed,
                                   method: q.method, maximize: q.objective, constraint: q.constraint, shard: shard,
                                   progress: progress, cancel: cancel)
        }
        if let shard {
            try OptimizeShard.write(c, q, range: range, shard: shard, result: result)
            return
        }
        let state = c.workspace.state { BacktestState() }
        state.optimization = result
        guard let params = report(c, result, title: "\(d.name) \(q.info.name)", fixed: q.fixed) else { return }
        var strategy = try BacktestRun.core(c) { try q.info.make(bars: d.bars, parameters: params, convention: c.workspace.convention) }
        BacktestRun.keep(c, try BacktestRun.run(c, &strategy, on: d, config: q.config, range: range))
        // A two-parameter search is also shown as a heatmap, so a lone lucky cell
        // stands out from a broad plateau.
        if let heatmap = HeatmapChart(result) { try ChartCommands.show(.heatmap(heatmap), c) }
    }

    /// The trials table, the best parameters and the deflated Sharpe ratio (also what
    /// `optimize merge` prints); the best parameters with the fixed ones, nil when no
    /// trial scored.
    static func report(_ c: CommandContext, _ result: OptimizationResult, title: String, fixed: [String: Double]) -> [String: Double]? {
        let objective = result.objective
        var t = TextTable(result.names + [objective, "Return [%]", "# Trades"])
        for trial in result.trials.prefix(c.int("show") ?? 10) {
            let s = trial.outcome.statistics
            t.add(trial.values.map { Format.number($0) } + [Format.fixed(trial.score, 4), Format.fixed(s?.returnPercent ?? .nan, 2),
                                                             s.map { String($0.trades) } ?? "NaN"])
        }
        c.print("\(title): \(result.trials.count) trials (\(result.method.description))"
                + (result.rejected > 0 ? ", \(result.rejected) excluded by the constraint" : ""))
        c.print(table: t)
        guard let best = result.best else {
            c.print("no trial produced a finite \(objective)")
            return nil
        }
        let params = fixed.merging(result.parameters(best)) { $1 }
        if let dsr = result.deflatedSharpe {
            c.print("best \(objective) \(Format.fixed(best.score, 4)) at "
                    + params.sorted { $0.key < $1.key }.map { "\($0.key) \(Format.number($0.value))" }.joined(separator: ", "))
            c.print("deflated Sharpe ratio \(Format.fixed(dsr.probability, 4)) over \(dsr.trials) trials: the best per-bar Sharpe \(Format.fixed(dsr.sharpe, 4))"
                    + " vs \(Format.fixed(dsr.expectedMaxSharpe, 4)) expected from the best of \(dsr.trials) unskilled trials (Bailey & López de Prado 2014)")
        }
        return params
    }
}
