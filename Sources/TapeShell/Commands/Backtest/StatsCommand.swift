import TapeCore

/// `stats`: every statistic of the last backtest, in backtesting.py's set and order, then
/// every assumption behind them (shorting and where Buy & Hold starts among them).
enum StatsCommand: Command {
    static let spec = CommandSpec(
        name: "stats",
        summary: "every statistic of the last backtest (backtesting.py's set and order) and the assumptions behind it",
        effect: .query, arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let (r, s) = try BacktestRun.last(c)
        c.print("\(r.symbol) \(r.strategyName)")
        for line in BacktestExport.statsTable(s).split(separator: "\n") { c.print(String(line)) }
        c.print("assumptions:")
        for (k, v) in r.assumptions.lines { c.print("  \(k): \(v)") }
    }
}
