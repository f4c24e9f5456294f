import TapeCore

/// `compare STRATEGY... on SYMBOL...`: every strategy on every symbol through the same
/// engine and costs, one table with the figures that keep such a table honest: buy &
/// hold beside each return, the Sharpe ratio deflated for the pairs tried, and the
/// out-of-sample Sharpe ratio of a walk-forward (ComparisonBoard), then a chart.
enum CompareCommand: Command {
    static let spec = CommandSpec(
        name: "compare",
        usage: "compare STRATEGY... on SYMBOL... [train 2y] [test 6m] [cash N] [commission P%] [slippage Nbp]",
        summary: "run each strategy on each symbol and print one table: return, buy & hold, Sharpe, deflated and out-of-sample Sharpe",
        details: """
        compare sma_cross, rsi_reversion, macd_cross on SPY, QQQ commission 0.1%
        Each strategy runs with its default parameters. The deflated Sharpe is the probability
        that a row's Sharpe beats the best of as many unskilled tries as the table has rows;
        OOS Sharpe joins the test windows of a walk-forward (train 2y, test 6m by default)
        whose parameters were chosen on the data before each window only.
        """,
        effect: .query,
        options: [.flag("on", "the symbols follow"),
                  .duration("train", "walk-forward training window (default 2y)", bounds: .from(1, to: 3_650_000)),
                  .duration("test", "walk-forward test window (default 6m)", bounds: .from(1, to: 3_650_000)),
                  .flag("no_walkforward", "leave out the out-of-sample column (faster)")]
            + EngineOptions.declared.filter { ["cash", "commission", "fee", "per_share", "per_order", "slippage", "fill", "fractional"].contains($0.name) },
        arguments: [ArgumentSpec("STRATEGY", .expression, variadic: true, help: "built-in strategies, then on and loaded datasets",
                                 completions: { shell in StrategyRegistry.names + shell.workspace.datasetOrder })],
        run: run)

    static func run(_ c: CommandContext) throws {
        var strategies: [StrategyInfo] = [], symbols: [Dataset] = []
        var afterOn = false
        for item in c.invocation.items {
            switch item {
            case .option("on", _, nil):
                afterOn = true
            case .positional(let e):
                if afterOn {
                    symbols.append(try c.dataset(named: e))
                } else {
                    let name = try c.word(e, "a strategy name")
                    guard let info = StrategyRegistry.all.first(where: { $0.name == name.lowercased() }) else {
                        throw TapeError("no strategy named '\(name)'", span: e.span,
                                        hint: Suggest.hint(name.lowercased(), in: StrategyRegistry.names) ?? "strategies lists them")
                    }
                    guard info.kind == .singleSymbol else {
                        throw TapeError("\(info.name) trades several symbols at once; compare runs each on one symbol", span: e.span)
                    }
                    strategies.append(info)
                }
            default: continue
            }
        }
        guard !strategies.isEmpty else {
            throw TapeError("compare needs strategies", span: c.span, hint: "e.g. compare sma_cross, rsi_reversion on SPY, QQQ")
        }
        guard !symbols.isEmpty else {
            throw TapeError("compare needs 'on' and the symbols", span: c.optionSpan("on") ?? c.span, hint: "e.g. compare sma_cross on SPY, QQQ")
        }
        let config = try EngineOptions.config(c)
        let plan = c.has("no_walkforward")
            ? nil
            : ComparisonBoard.WalkForwardPlan(train: try WalkforwardCommand.length(c, "train", .years(2)),
                                              test: try WalkforwardCommand.length(c, "test", .months(6)))
        let rows = try BacktestRun.core(c) {
            try ComparisonBoard.run(strategies: strategies.map { ($0, [:]) }, symbols: symbols.map(\.bars), config: config,
                                    walkForward: plan, cancel: Interrupts.cancelCheck)
        }
        var t = TextTable(["strategy", "symbol", "return", "buy & hold", "Sharpe", "deflated Sharpe", "max drawdown", "win rate", "trades"]
                          + (plan == nil ? [] : ["OOS Sharpe"]))
        for r in rows {
            let s = r.statistics
            t.add([r.strategy, r.symbol, pct(s.returnPercent), pct(s.buyAndHoldReturnPercent), fixed(s.sharpeRatio),
                   r.deflatedSharpe.isFinite ? Format.fixed(r.deflatedSharpe * 100, 1) + "%" : "", pct(s.maxDrawdownPercent),
                   pct(s.winRatePercent), "\(s.trades)"] + (plan == nil ? [] : [fixed(r.outOfSampleSharpe)]))
        }
        c.print("\(strategies.count) strateg\(strategies.count == 1 ? "y" : "ies") × \(symbols.count) symbol\(symbols.count == 1 ? "" : "s"), "
                + "default parameters, the same engine and costs; deflated for \(rows.count) tries")
        c.print(table: t)
        for r in rows where r.walkForwardNote != nil && plan != nil {
            c.print("\(r.strategy) on \(r.symbol): no out-of-sample Sharpe (\(r.walkForwardNote ?? ""))")
        }
        let names = strategies.map(\.name)
        // Rows come symbol by symbol, each with every strategy in the order given.
        let grid = strategies.indices.map { i in
            symbols.indices.map { j in rows.indices.contains(j * strategies.count + i) ? rows[j * strategies.count + i].statistics.sharpeRatio : .nan }
        }
        try ChartCommands.show(.stress(StressChart(title: "compare: Sharpe ratio by strategy and symbol", scenarios: names,
                                                   positions: symbols.map(\.name), changes: grid, measure: "Sharpe ratio")), c)
    }

    static func pct(_ x: Double) -> String { x.isFinite ? Format.fixed(x, 2) + "%" : "" }
    static func fixed(_ x: Double) -> String { x.isFinite ? Format.fixed(x, 2) : "" }
}
