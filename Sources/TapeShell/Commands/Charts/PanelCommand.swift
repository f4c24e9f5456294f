/// `panel`: a panel of its own under the last price chart, with dashed guide levels
/// (`panel rsi(close, 14), 30, 70`).
enum PanelCommand: Command {
    static let spec = CommandSpec(
        name: "panel",
        usage: "panel EXPR, ... [DATE..DATE] [title TEXT]",
        summary: "add a panel under the last chart (numbers draw dashed guide levels)",
        details: """
            plot close; panel rsi(close, 14), 30, 70
            panel macd(close).macd, macd(close).signal, 0
            A date range zooms the whole chart.
            """,
        effect: .changesState,
        options: [OptionSpec.text("title", "the panel's y label (default: its key alone)", placeholder: "TEXT")],
        arguments: [ChartArguments.items],
        run: run)

    static func run(_ c: CommandContext) throws {
        var (chart, d) = try ChartCommands.current(c)
        let parts = try ChartArguments(c, c.positionals, in: d)
        guard !parts.series.isEmpty else {
            throw TapeError("panel needs at least one series", span: c.span, hint: "usage: panel rsi(close, 14), 30, 70")
        }
        chart.panels.append(PriceChart.Panel(title: c.text("title") ?? "", series: parts.series, levels: parts.levels))
        if let zoom = parts.zoom { chart.zoom = zoom }
        try ChartCommands.draw(chart, dataset: d, c)
    }
}
