/// `chart equity`: the last backtest's equity and drawdown, with buy & hold.
enum ChartEquity {
    static let spec = CommandSpec(
        name: "equity",
        summary: "the last backtest's equity curve and drawdown, with buy & hold of the same cash",
        effect: .query,
        arguments: [],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard let r = c.workspace.state({ BacktestState() }).result else {
            throw TapeError("no backtest to chart yet", span: c.span, hint: "run one: backtest SPY sma_cross")
        }
        try ChartCommands.show(.equity(EquityChart(r)), c)
    }
}
