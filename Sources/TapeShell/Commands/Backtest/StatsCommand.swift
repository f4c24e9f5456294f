import TapeCore

/// `stats`: every statistic of the last backtest, in backtesting.py's set and order, then
/// every assumption behind them (shorting and where Buy & Hold starts among them).
enum StatsCommand: Command {
    static let spec = CommandSpec(
        name: "stats",
        summary: "every statistic of the last backtest (backtesting.py's set and order) and the assumptions behind it",
        details: """
        stats by regime(close)       split by regime (also hmm_state(close), cycle(close), any labels)
        """,
        effect: .query,
        options: [.expression("by", "split the figures by the label this gives each bar: regime(close), cycle(close)", placeholder: "EXPR")],
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let (r, s) = try BacktestRun.last(c)
        if let by = c.option("by") { return try StatsByRegime.run(c, r, by: by) }
        c.print("\(r.symbol) \(r.strategyName)")
        for line in BacktestExport.statsTable(s).split(separator: "\n") { c.print(String(line)) }
        c.print("assumptions:")
        for (k, v) in r.assumptions.lines { c.print("  \(k): \(v)") }
    }
}
