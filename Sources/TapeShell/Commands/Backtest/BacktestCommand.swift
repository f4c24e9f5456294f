import TapeCore

/// `backtest`: a built-in strategy (`backtest SPY sma_cross fast 10`) or signals written
/// as conditions (`backtest SPY long when EXPR exit when EXPR`) run over a dataset bar by
/// bar; several symbols for a portfolio strategy. The engine and statistics live in
/// TapeCore (docs/BACKTEST.md); this file turns the converted options into them.
enum BacktestCommand: Command {
    static let spec = CommandSpec(
        name: "backtest",
        usage: "backtest [SYMBOL] STRATEGY [PARAM VALUE ...] [OPTIONS]  |  backtest [SYMBOL] long when EXPR [exit when EXPR] [short when EXPR] [cover when EXPR] [OPTIONS]",
        summary: "run a strategy over a dataset bar by bar and summarise the result (stats, trades, equity for details)",
        details: """
        backtest GOOG sma_cross fast 10 slow 20 cash 10000 commission 0.2%
        backtest SPY long when cross(sma(close, 20), sma(close, 50)) exit when cross(sma(close, 50), sma(close, 20)) fee 0.1%
        backtest GOOG sma_cross fast 10 slow 20 entry limit 1% entry_bars 3
        backtest SPY, QQQ, IWM xs_momentum lookback 126 top 1 rebalance 21 weighting ranked
        backtest SPY model m threshold 0.55 refit 6m   (a fitted model's out-of-sample predictions; docs/MODELS.md)
        backtest SPY suggest horizon 30d          suggest's table replayed on modelled option prices
        backtest pair AAPL GOOG entry 2 exit 0.5  a z-score pairs trade (help backtest pair)
        backtest sp rank by pct(close, 126) long top 20 rebalance monthly   a loaded universe by rank (docs/RISK.md)
        Strategies and their parameters: strategies. No built-in goes short unless given shorts 1;
        signals go short only with short when EXPR. Orders decided on a bar's close fill at the
        next bar's open unless fill close is given. Buy & Hold is bought at the close of the
        warm-up's last bar (the first bar every indicator the strategy reads is defined, found
        from the conditions for signals) and held to the last close; stats states it with every
        other assumption.
        """,
        effect: .changesState,
        options: ModelBacktest.withModel(
            SignalRules.declared + EngineOptions.declared
                + [.choice("weighting", ["equal", "ranked"], "several symbols: equal weights (default) or weights by rank")]
                + [.duration("horizon", "backtest SYMBOL suggest: the expiry of each structure (default 30d)", bounds: .positive),
                   .rate("rate", "backtest SYMBOL suggest: risk-free rate of the model prices (default 4%)", bounds: .from(-1, to: 1))]
                // `rebalance` is xs_momentum's bar count and a ranked portfolio's `monthly`:
                // each form checks its own (StrategyOptions.values, RankedRun.schedule).
                + StrategyOptions.declared(StrategyRegistry.all, range: false).map { o in
                    o.name == "rebalance" ? .expression("rebalance", "\(o.help); rank: daily, weekly, monthly, quarterly, yearly or N bars") : o
                }
                + RankedRun.declared, range: false),
        arguments: [StrategyOptions.target(
            help: "the dataset to trade (default: the current one), then the strategy; several symbols for a portfolio strategy",
            strategies: StrategyRegistry.all, variadic: true)],
        subcommands: [BacktestPair.spec],
        run: run)

    static func run(_ c: CommandContext) throws {
        // First, so `entry 1%` is reported as a bad entry rule, not as a stray argument.
        _ = try EngineOptions.entryRule(c)
        if let model = c.text("model") { return try ModelBacktest.backtest(c, model: model) }
        try ModelBacktest.refuseWithoutModel(c)
        if c.has("rank") { return BacktestRun.keep(c, try RankedRun.run(c)) }
        try BacktestRun.refuse(c, ["by", "bottom", "weights", "max_weight"], "it belongs to a ranked portfolio: backtest UNIVERSE rank by EXPR")
        let positionals = c.positionals
        // The strategy is the last positional that names one; datasets come before it.
        let strategyIndex = positionals.lastIndex { e in e.word.map { StrategyRegistry.names.contains($0.lowercased()) } ?? false }
        if strategyIndex == nil, let k = positionals.lastIndex(where: { $0.word?.lowercased() == "suggest" }), k <= 1, positionals.count == k + 1 {
            return try BacktestSuggest.run(c, symbol: k == 1 ? positionals[0] : nil)
        }
        guard let k = strategyIndex else { return try runSignals(c) }
        let info = try StrategyRegistry.named(try c.word(positionals[k], "a strategy name"))
        let symbols = Array(positionals[..<k])
        guard positionals.count == k + 1 else {
            throw TapeError("unexpected argument after the strategy", span: positionals[k + 1].span,
                            hint: "parameters are written NAME VALUE: \(info.usage)")
        }
        try BacktestRun.refuse(c, SignalRules.words + ["when", "warmup"],
                               "\(info.name) is a built-in; signals are written backtest SYMBOL long when EXPR")
        if info.kind == .portfolio {
            BacktestRun.keep(c, try PortfolioRun.run(c, info: info, symbols: symbols))
            return
        }
        try BacktestRun.refuse(c, ["weighting"], "it weights the symbols of a portfolio strategy")
        guard symbols.count <= 1 else {
            throw TapeError("\(info.name) trades one symbol", span: symbols[1].span, hint: "several symbols: xs_momentum")
        }
        let d = try c.dataset(named: symbols.first)
        let parameters = try StrategyOptions.numbers(c, info)
        var strategy = try BacktestRun.core(c) {
            try info.make(bars: d.bars, parameters: parameters, convention: c.workspace.convention)
        }
        let config = try EngineOptions.config(c)
        BacktestRun.keep(c, try BacktestRun.run(c, &strategy, on: d, config: config, range: try EngineOptions.dateRange(c, d)))
    }

    /// `backtest [SYMBOL] long when EXPR ...`.
    static func runSignals(_ c: CommandContext) throws {
        let positionals = c.positionals
        let signals = try SignalRules.expressions(c)
        guard !signals.isEmpty else {
            let hint = positionals.last.flatMap { $0.word }.flatMap { Suggest.hint($0, in: StrategyRegistry.names) }
            throw TapeError("backtest needs a strategy or signals", span: positionals.last?.span ?? c.span,
                            hint: hint ?? "e.g. backtest SPY sma_cross fast 10 slow 20, or backtest SPY long when EXPR exit when EXPR; strategies lists them")
        }
        guard positionals.count <= 1 else {
            throw TapeError("unexpected argument", span: positionals[1].span, hint: "signals are written: long when EXPR exit when EXPR")
        }
        let parameter = c.invocation.items.first { item in
            if case .option(let key, _, _) = item { return StrategyOptions.parameterNames.contains(key) }
            return false
        }
        if case .option(let key, let span, _)? = parameter {
            throw TapeError("\(key) is a parameter of a built-in strategy, not of signals", span: span,
                            hint: "write it into the conditions, e.g. sma(close, 20)")
        }
        try BacktestRun.refuse(c, ["weighting"], "it weights the symbols of a portfolio strategy")
        let d = try c.dataset(named: positionals.first)
        var strategy = try SignalRules.strategy(c, signals, on: d)
        let config = try EngineOptions.config(c)
        BacktestRun.keep(c, try BacktestRun.run(c, &strategy, on: d, config: config, range: try EngineOptions.dateRange(c, d)))
    }
}
