/// `chart optimize`: the last optimisation's scores over its two parameters.
enum ChartOptimize {
    static let spec = CommandSpec(
        name: "optimize",
        summary: "the last two-parameter optimisation as a heatmap, the best cell framed",
        effect: .query,
        arguments: [],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard let o = c.workspace.state({ BacktestState() }).optimization else {
            throw TapeError("no optimisation to chart yet", span: c.span, hint: "run one: optimize ...")
        }
        guard let h = HeatmapChart(o) else {
            throw TapeError("a heatmap needs a search over exactly two parameters (this one had \(o.names.count))", span: c.span)
        }
        try ChartCommands.show(.heatmap(h), c)
    }
}
