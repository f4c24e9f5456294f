/// `chart returns [SYMBOL]`: how a dataset's daily returns are spread, against the
/// normal distribution with their mean and standard deviation.
enum ChartReturns {
    static let spec = CommandSpec(
        name: "returns",
        summary: "histogram of a dataset's daily returns with the fitted normal",
        details: "chart returns SPY",
        effect: .query,
        arguments: [ArgumentSpec("SYMBOL", .word, optional: true, help: "a loaded dataset (default: the current one)",
                                 completions: ChartCommands.datasetNames)],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.dataset(named: c.positionals.first)
        try ChartCommands.show(.histogram(HistogramChart(title: "\(d.name) daily returns", name: "\(d.name) return",
                                                         values: ChartCommands.returns(d.bars.close))), c)
    }
}
