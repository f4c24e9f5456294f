import TapeCore

/// `chart correlation SYMBOL, SYMBOL, ...`: how the datasets' daily returns move together.
enum ChartCorrelation {
    static let spec = CommandSpec(
        name: "correlation",
        usage: "chart correlation SYMBOL, SYMBOL, ...",
        summary: "correlation matrix of two or more datasets' daily returns (aligned by date)",
        details: "chart correlation SPY, AAPL, GOOG",
        effect: .query,
        arguments: [ArgumentSpec("SYMBOL", .word, help: "loaded datasets, two or more", completions: ChartCommands.datasetNames),
                    ArgumentSpec("SYMBOL", .word, completions: ChartCommands.datasetNames),
                    ArgumentSpec("SYMBOL", .word, optional: true, variadic: true, completions: ChartCommands.datasetNames)],
        run: run)

    static func run(_ c: CommandContext) throws {
        let sets = try c.positionals.map { try c.dataset(named: $0) }
        guard let first = sets.first else { return }
        // Returns on each dataset's own bars, then aligned by date to the first.
        let series = sets.map { d in
            ChartSeries(d.name, Align.values([.nan] + ChartCommands.returns(d.bars.close), from: d.axis, to: first.axis))
        }
        try ChartCommands.show(.correlation(CorrelationChart(title: "correlation of daily returns", series: series)), c)
    }
}
