/// `chart scatter X, Y`: one series against another, with the least-squares line.
enum ChartScatter {
    static let spec = CommandSpec(
        name: "scatter",
        usage: "chart scatter X, Y",
        summary: "Y against X with the regression line (series aligned by date)",
        details: "chart scatter SPY.close, QQQ.close\nchart scatter pct(SPY.close), pct(close)",
        effect: .query,
        arguments: [ArgumentSpec("X", help: "the series along the x axis"),
                    ArgumentSpec("Y", help: "the series along the y axis")],
        run: run)

    static func run(_ c: CommandContext) throws {
        let example = "chart scatter SPY.close, QQQ.close"
        let x = try ChartArguments.oneSeries(c, at: 0, example), y = try ChartArguments.oneSeries(c, at: 1, example)
        try ChartCommands.show(.scatter(ScatterChart(title: "\(y.name) against \(x.name)", x: x, y: y)), c)
    }
}
