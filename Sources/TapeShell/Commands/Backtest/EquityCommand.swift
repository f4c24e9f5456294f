import TapeCore

/// `equity`: the last backtest's equity at each year end with its drawdown, and its chart
/// (drawn by the charts area, `ChartCommands.show`).
enum EquityCommand: Command {
    static let spec = CommandSpec(
        name: "equity",
        summary: "the last backtest's equity at each year end with its drawdown, and its chart (export equity to FILE for every bar)",
        effect: .query, arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let (r, s) = try BacktestRun.last(c)
        let dd = BacktestStatistics.drawdowns(r.equity)
        var t = TextTable(["date", "equity", "drawdown %"])
        let years = r.time.map { CivilTime.civil(days: CivilTime.day($0)).year }
        for k in r.time.indices where k + 1 == years.count || years[k] != years[k + 1] {
            t.add([CivilTime.format(r.time[k]), Format.fixed(r.equity[k], 2), Format.fixed(-dd[k] * 100, 2)])
        }
        c.print(table: t)
        c.print("peak \(Format.fixed(s.equityPeak, 2))  final \(Format.fixed(s.equityFinal, 2))  max drawdown \(BacktestRun.pct(s.maxDrawdownPercent))")
        try ChartCommands.show(.equity(EquityChart(r)), c)
    }
}
