/// `chart histogram EXPR`: how the values of any series are spread.
enum ChartHistogram {
    static let spec = CommandSpec(
        name: "histogram",
        summary: "histogram of any series of the current dataset, with the fitted normal",
        details: "chart histogram close - sma(close, 20)",
        effect: .query,
        arguments: [ArgumentSpec("EXPR", help: "one series of the current dataset")],
        run: run)

    static func run(_ c: CommandContext) throws {
        let s = try ChartArguments.oneSeries(c, at: 0, "chart histogram close - sma(close, 20)")
        try ChartCommands.show(.histogram(HistogramChart(title: s.name, name: s.name, values: s.values)), c)
    }
}
