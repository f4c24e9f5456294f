/// `plot`: a price chart of the current dataset drawn as lines, the start of a chart
/// that `panel`, `chart add` and `chart drop` then grow (ChartState).
enum PlotCommand: Command {
    static let spec = CommandSpec(
        name: "plot",
        usage: "plot EXPR, ... [DATE..DATE] [title TEXT]",
        summary: "draw series of the current dataset as lines; `; panel EXPR` adds a panel below",
        details: """
            plot close, sma(close, 20), sma(close, 50)
            plot close, fast, slow; panel rsi(close, 14), 30, 70
            plot close 2020-01-01..2020-06-30       zoom to a date range
            Numbers draw flat guide lines. Where the chart goes: help set plot.
            """,
        effect: .changesState,
        options: [ChartArguments.title],
        arguments: [ChartArguments.items],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.dataset(named: nil)
        let parts = try ChartArguments(c, c.positionals, in: d)
        guard !parts.series.isEmpty || !parts.levels.isEmpty else {
            throw TapeError("plot needs at least one series", span: c.span, hint: "usage: plot close, sma(close, 20)")
        }
        var chart = PriceChart(title: c.text("title") ?? d.name, axis: d.axis,
                               overlays: parts.series + parts.flatLines(count: d.bars.count), zoom: parts.zoom)
        chart.barStyle = .candles
        try ChartCommands.draw(chart, dataset: d, c)
    }
}
