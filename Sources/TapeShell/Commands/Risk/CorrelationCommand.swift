import TapeCore

/// `correlation SYMBOL, SYMBOL, ... [rolling N]`: the correlation matrix of daily returns on
/// common dates, its rows and columns in clustered order (those that move together side
/// by side), with a heatmap; or the rolling correlation of two.
enum CorrelationCommand: Command {
    static let spec = CommandSpec(
        name: "correlation",
        usage: "correlation SYMBOL, SYMBOL, ... [rolling N] [dates DATE..DATE]",
        summary: "correlation matrix of daily returns in clustered order with a heatmap, or the rolling correlation of two",
        details: """
        correlation SPY, AAPL, GOOG, SPX        matrix on the dates all share, clustered, and its heatmap
        correlation AAPL, GOOG rolling 60       the 60-day rolling correlation: now, lowest, highest
        Clustering: average linkage on √((1 − ρ)/2), SciPy's leaf order (docs/RISK.md).
        The correlation limit of paper orders is paper risk max_correlation.
        """,
        effect: .query,
        options: [.count("rolling", "window of returns for a rolling correlation of two symbols", bounds: .from(2, to: 100_000)),
                  .dateRange("dates", "only the returns in this range")],
        arguments: [ArgumentSpec("SYMBOL", .word, help: "loaded datasets, two or more", completions: { $0.workspace.datasetOrder }),
                    ArgumentSpec("SYMBOL", .word, completions: { $0.workspace.datasetOrder }),
                    ArgumentSpec("SYMBOL", .word, optional: true, variadic: true, completions: { $0.workspace.datasetOrder })],
        run: run)

    static func run(_ c: CommandContext) throws {
        var sets = try c.positionals.map { try c.dataset(named: $0) }
        if let r = c.dateRange("dates") {
            sets = sets.map { Dataset(name: $0.name, bars: $0.bars.slice(from: r.from, to: r.to), source: $0.source) }
        }
        let panel = try RiskSubjects.core(c, c.span) { try ReturnPanel.aligned(sets.map { ($0.name, $0.bars.time, $0.bars.close) }) }
        if let window = c.int("rolling") {
            guard sets.count == 2 else {
                throw TapeError("rolling correlation is of two symbols; \(sets.count) given", span: c.optionSpan("rolling"))
            }
            guard window <= panel.time.count else {
                throw TapeError("a window of \(window) is longer than the \(panel.time.count) common returns", span: c.optionSpan("rolling"))
            }
            let r = Correlation.rolling(panel.returns[0], panel.returns[1], window: window)
            let known = zip(panel.time, r).filter { $0.1.isFinite }
            guard let now = known.last, let low = known.min(by: { $0.1 < $1.1 }), let high = known.max(by: { $0.1 < $1.1 }) else {
                throw TapeError("no window of \(window) returns has a correlation (a series does not vary)", span: c.optionSpan("rolling"))
            }
            c.print("\(panel.names[0]) and \(panel.names[1]), \(window)-return rolling correlation over \(known.count) windows:")
            c.print("now \(Format.fixed(now.1, 3)) (\(CivilTime.format(now.0))), lowest \(Format.fixed(low.1, 3)) (\(CivilTime.format(low.0))), "
                    + "highest \(Format.fixed(high.1, 3)) (\(CivilTime.format(high.0))), whole period "
                    + Format.fixed(Covariance.correlation(panel.returns[0], panel.returns[1]), 3))
            return
        }
        let rho = Covariance.correlationMatrix(panel.returns)
        let order = Correlation.clusterOrder(rho)
        let names = order.map { panel.names[$0] }
        let matrix = order.map { i in order.map { j in rho[i][j] } }
        c.print("daily returns on \(panel.time.count) common dates \(CivilTime.format(panel.time.first ?? 0))..\(CivilTime.format(panel.time.last ?? 0)), clustered:")
        var t = TextTable([""] + names)
        for (k, row) in matrix.enumerated() { t.add([names[k]] + row.map { Format.fixed($0, 3) }) }
        c.print(table: t)
        try ChartCommands.show(.correlation(CorrelationChart(title: "correlation of daily returns (clustered)", names: names, matrix: matrix)), c)
    }
}
