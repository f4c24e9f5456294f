/// `chart drop [N]`: takes an overlay or a panel off the last price chart; alone, lists
/// what it could take.
enum ChartDrop {
    static let spec = CommandSpec(
        name: "drop",
        summary: "remove the Nth overlay or panel of the last chart; alone, list them",
        details: """
            chart drop       1 overlay close, 2 overlay sma(close, 50), 3 panel rsi(close, 14)
            chart drop 2     the 2nd of those
            """,
        effect: .changesState,
        arguments: [ArgumentSpec("N", .count, bounds: .atLeast(1), optional: true,
                                 help: "the item's number, overlays first, then panels")],
        run: run)

    static func run(_ c: CommandContext) throws {
        var (chart, d) = try ChartCommands.current(c)
        let items = chart.overlays.map { "overlay \($0.name)" } + chart.panels.map { p in
            "panel " + (p.title.isEmpty ? p.series.map(\.name).joined(separator: ", ") : p.title)
        }
        let numbered = items.enumerated().map { "\($0.offset + 1) \($0.element)" }
        guard case .number(let x)? = c.argument(0) else {
            if items.isEmpty { c.print("the chart has nothing to drop") }
            for line in numbered { c.print(line) }
            return
        }
        let span = c.positionals.first?.span
        // The declaration keeps N whole and at least 1; how many items there are is known only now.
        guard let n = Int(exactly: x), n <= items.count else {
            throw TapeError(items.isEmpty ? "the chart has nothing to drop" : "chart drop takes the number of an item",
                            span: span, hint: items.isEmpty ? nil : numbered.joined(separator: "; "))
        }
        if n <= chart.overlays.count {
            chart.overlays.remove(at: n - 1)
        } else {
            chart.panels.remove(at: n - 1 - chart.overlays.count)
        }
        guard chart.bars != nil || !chart.overlays.isEmpty else {
            throw TapeError("that would leave the main panel empty", span: span, hint: numbered.joined(separator: "; "))
        }
        try ChartCommands.draw(chart, dataset: d, c)
    }
}
