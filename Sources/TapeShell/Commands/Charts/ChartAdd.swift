/// `chart add`: more overlays on the last price chart.
enum ChartAdd {
    static let spec = CommandSpec(
        name: "add",
        usage: "chart add EXPR, ... [DATE..DATE]",
        summary: "add series to the last chart's main panel (numbers draw flat lines)",
        details: """
            chart add sma(close, 50), bbands(close, 20)
            A date range zooms the whole chart.
            """,
        effect: .changesState,
        arguments: [ChartArguments.items],
        run: run)

    static func run(_ c: CommandContext) throws {
        var (chart, d) = try ChartCommands.current(c)
        let parts = try ChartArguments(c, c.positionals, in: d)
        guard !parts.series.isEmpty || !parts.levels.isEmpty else {
            throw TapeError("chart add needs a series", span: c.span, hint: "usage: chart add sma(close, 50)")
        }
        chart.overlays += parts.series + parts.flatLines(count: d.bars.count)
        if let zoom = parts.zoom { chart.zoom = zoom }
        try ChartCommands.draw(chart, dataset: d, c)
    }
}
