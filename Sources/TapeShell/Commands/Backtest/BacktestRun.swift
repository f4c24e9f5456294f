import TapeCore

/// What every command of the area shares once the words are read: running TapeCore with
/// its errors turned into the shell's, keeping a result as "the last backtest" with its
/// one-paragraph summary, and reading it back.
enum BacktestRun {
    /// Runs TapeCore code, turning its errors into the shell's error at the command.
    static func core<T>(_ c: CommandContext, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as BacktestError { throw TapeError(e.description, span: c.span) }
    }

    /// A single-symbol strategy over `d` with the given settings, Ctrl-C polled.
    static func run(_ c: CommandContext, _ strategy: inout SignalStrategy, on d: Dataset,
                    config: BacktestConfig, range: Range<Int>?) throws -> BacktestResult {
        try core(c) { try Backtester.run(&strategy, bars: d.bars, config: config, range: range, cancel: Interrupts.cancelCheck) }
    }

    /// Makes `r` the last backtest and prints its summary from the statistics computed
    /// once here.
    static func keep(_ c: CommandContext, _ r: BacktestResult) {
        let state = c.workspace.state { BacktestState() }
        let s = BacktestStatistics.compute(r)
        state.result = r
        state.statistics = s
        printSummary(c, r, statistics: s)
    }

    static func printSummary(_ c: CommandContext, _ r: BacktestResult, statistics s: Statistics) {
        c.print("\(r.symbol) \(r.strategyName)  \(CivilTime.format(r.time.first ?? 0))..\(CivilTime.format(r.time.last ?? 0)) (\(r.time.count) bars)")
        let open = r.openTrades.isEmpty ? "" : " (+\(r.openTrades.count) open at the end)"
        c.print("trades \(r.trades.count)\(open)  return \(pct(s.returnPercent))  buy & hold \(pct(s.buyAndHoldReturnPercent))"
                + "  Sharpe \(Format.fixed(s.sharpeRatio, 2))  max drawdown \(pct(s.maxDrawdownPercent))")
        let shown = ["fill", "entry", "commission", "slippage", "sizing", "stop loss", "take profit", "trailing stop"]
        let a = r.assumptions.lines.filter { shown.contains($0.0) }
        c.print("assumptions: " + a.map { "\($0.0) \($0.1)" }.joined(separator: "; "))
    }

    static func pct(_ x: Double) -> String { Format.fixed(x, 2) + "%" }

    /// The last backtest and its statistics, or the error that says how to make one.
    static func last(_ c: CommandContext) throws -> (BacktestResult, Statistics) {
        let state = c.workspace.state { BacktestState() }
        guard let r = state.result, let s = state.statistics else {
            throw TapeError("no backtest has run yet", span: c.span, hint: "e.g. backtest SPY sma_cross fast 10 slow 20")
        }
        return (r, s)
    }

    /// Refuses options that do not apply to the form the command took (`warmup` with a
    /// built-in, `weighting` with one symbol), at the first such key, rather than
    /// ignoring them.
    static func refuse(_ c: CommandContext, _ keys: [String], _ why: String) throws {
        for item in c.invocation.items {
            if case .option(let key, let span, _) = item, keys.contains(key) {
                throw TapeError("\(key) does not apply here: \(why)", span: span)
            }
        }
    }
}
