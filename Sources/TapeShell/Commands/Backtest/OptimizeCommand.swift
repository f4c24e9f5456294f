import TapeCore

/// `optimize`: searches a strategy's parameters for the best statistic, prints the best
/// trials with the deflated Sharpe ratio beside the best, then backtests the winner.
enum OptimizeCommand: Command {
    static let spec = CommandSpec(
        name: "optimize",
        usage: "optimize [SYMBOL] STRATEGY PARAM FROM..TO [step S] ... [maximize STAT] [method grid|random|lhs|genetic] [trials N] [where EXPR] [OPTIONS]",
        summary: "search a strategy's parameters for the best statistic, with the deflated Sharpe ratio beside the best",
        details: """
        optimize GOOG sma_cross fast 5..50 step 5 slow 20..100 step 10 maximize sharpe
        optimize GOOG sma_cross fast 5..50 slow 20..200 method genetic population 30 generations 20 where fast < slow
        The best parameters are then backtested: stats, trades, equity show it, and a search
        over two parameters is drawn as a heatmap. The backtest options (costs, sizing, exits,
        dates) apply to every trial.
        """,
        effect: .changesState,
        options: StrategyOptions.declared(SearchOptions.strategies, range: true) + SearchOptions.declared + EngineOptions.declared,
        arguments: [StrategyOptions.target(help: SearchOptions.parameterHelp, strategies: SearchOptions.strategies, variadic: true)],
        run: run)

    static func run(_ c: CommandContext) throws {
        _ = try EngineOptions.entryRule(c)
        let q = try SearchRequest(c)
        let d = q.dataset
        let range = try EngineOptions.dateRange(c, d)
        let result = try SearchOptions.withProgress(c, "optimize") { progress, cancel in
            try Optimizer.optimize(strategy: q.info, bars: d.bars, config: q.config, range: range, space: q.space, fixed: q.fixed,
                                   method: q.method, maximize: q.objective, constraint: q.constraint, progress: progress, cancel: cancel)
        }
        let state = c.workspace.state { BacktestState() }
        state.optimization = result
        var t = TextTable(result.names + [q.objective, "Return [%]", "# Trades"])
        for trial in result.trials.prefix(c.int("show") ?? 10) {
            let s = trial.outcome.statistics
            t.add(trial.values.map { Format.number($0) } + [Format.fixed(trial.score, 4), Format.fixed(s?.returnPercent ?? .nan, 2),
                                                             s.map { String($0.trades) } ?? "NaN"])
        }
        c.print("\(d.name) \(q.info.name): \(result.trials.count) trials (\(q.method.description))"
                + (result.rejected > 0 ? ", \(result.rejected) excluded by the constraint" : ""))
        c.print(table: t)
        guard let best = result.best else {
            c.print("no trial produced a finite \(q.objective)")
            return
        }
        let params = q.fixed.merging(result.parameters(best)) { $1 }
        if let dsr = result.deflatedSharpe {
            c.print("best \(q.objective) \(Format.fixed(best.score, 4)) at "
                    + params.sorted { $0.key < $1.key }.map { "\($0.key) \(Format.number($0.value))" }.joined(separator: ", "))
            c.print("deflated Sharpe ratio \(Format.fixed(dsr.probability, 4)) over \(dsr.trials) trials: the best per-bar Sharpe \(Format.fixed(dsr.sharpe, 4))"
                    + " vs \(Format.fixed(dsr.expectedMaxSharpe, 4)) expected from the best of \(dsr.trials) unskilled trials (Bailey & López de Prado 2014)")
        }
        var strategy = try BacktestRun.core(c) { try q.info.make(bars: d.bars, parameters: params, convention: c.workspace.convention) }
        BacktestRun.keep(c, try BacktestRun.run(c, &strategy, on: d, config: q.config, range: range))
        // A two-parameter search is also shown as a heatmap, so a lone lucky cell
        // stands out from a broad plateau.
        if let heatmap = HeatmapChart(result) { try ChartCommands.show(.heatmap(heatmap), c) }
    }
}
