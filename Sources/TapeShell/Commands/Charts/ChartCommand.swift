import TapeCore

/// `chart`: candles (or OHLC bars) and volume of a dataset, and the other chart kinds as
/// subcommands, each a declaration in a file of its own beside this one.
///
/// `chart [SYMBOL] [DATE..DATE] ...` is the container's own run, not a subcommand: the
/// dataset's name is what a person types after `chart` (`chart QQQ`), in the place a
/// subcommand's name goes. Subcommand names win (a dataset called EQUITY is charted
/// with `use EQUITY` then `chart`); a word that names neither, but is near a
/// subcommand's name, is reported as a mistyped subcommand.
enum ChartCommand: Command {
    static let spec = CommandSpec(
        name: "chart",
        usage: "chart [SYMBOL] [DATE..DATE] [ohlc|candles] [volume|novolume] [title TEXT]  |  chart SUBCOMMAND ...",
        summary: "candles and volume of a dataset, overlays added or dropped, and the other chart kinds",
        details: """
            chart                       candles and volume of the current dataset
            chart QQQ 2020-01-01..2020-12-31 ohlc
            chart add sma(close, 50), bbands(close, 20)
            chart drop 2                remove the 2nd overlay or panel (chart drop lists them)
            chart payoff straddle spot 100 expiry 30d vol 25% rate 4%
            chart correlation SPY, QQQ  correlation matrix of the datasets' daily returns
            Where the chart goes: help set plot.
            """,
        effect: .changesState,
        options: [.flag("ohlc", "OHLC bars instead of candles"),
                  .flag("candles", "candlesticks (the default)"),
                  .flag("volume", "the volume panel, required (by default it is drawn when the data has volume)"),
                  .flag("novolume", "no volume panel"),
                  ChartArguments.title],
        arguments: [ArgumentSpec("SYMBOL", optional: true, help: "a loaded dataset (default: the current one)",
                                 completions: ChartCommands.datasetNames),
                    ArgumentSpec("DATE..DATE", optional: true, help: "zoom to those whole days")],
        subcommands: [ChartAdd.spec, ChartDrop.spec, ChartEquity.spec, ChartOptimize.spec, ChartReturns.spec,
                      ChartHistogram.spec, ChartScatter.spec, ChartCorrelation.spec, ChartSmile.spec, ChartSurface.spec,
                      ChartPayoff.spec, ChartGreek.spec],
        run: run)

    static func run(_ c: CommandContext) throws {
        var rest = c.positionals[...]
        let d: Dataset
        if let first = rest.first, case .name(let word, _) = first {
            d = try dataset(word, first, c)
            rest = rest.dropFirst()
        } else {
            d = try c.dataset(named: nil)
        }
        let parts = try ChartArguments(c, Array(rest), in: d)
        if !parts.series.isEmpty || !parts.levels.isEmpty {
            throw TapeError("chart takes a dataset and a date range", span: rest.first?.span ?? c.span,
                            hint: "add series with: chart add \(parts.series.first?.name ?? "sma(close, 20)")")
        }
        for pair in [("ohlc", "candles"), ("volume", "novolume")] where c.has(pair.0) && c.has(pair.1) {
            throw TapeError("\(pair.0) and \(pair.1) cannot both be given", span: c.optionSpan(pair.1), hint: "usage: \(spec.usage)")
        }
        let b = d.bars
        let hasVolume = b.volume.contains { $0.isFinite && $0 != 0 }
        if c.has("volume") && !hasVolume {
            throw TapeError("\(d.name) has no volume to draw", span: c.optionSpan("volume"), hint: "leave out volume")
        }
        var chart = PriceChart(b, volume: hasVolume && !c.has("novolume"), zoom: parts.zoom)
        chart.title = c.text("title") ?? d.name
        chart.barStyle = c.has("ohlc") ? .ohlc : .candles
        try ChartCommands.draw(chart, dataset: d, c)
    }

    /// The dataset `word` names. A word that names none is a mistyped subcommand when it
    /// is near one (`chart scater`), a series meant for `chart add` when the current
    /// dataset evaluates it (`chart close`), else a dataset not loaded.
    static func dataset(_ word: String, _ e: Expr, _ c: CommandContext) throws -> Dataset {
        if let d = c.workspace.dataset(word) { return d }
        let names = spec.subcommands.map(\.name)
        if let near = Suggest.nearest(word.lowercased(), in: names) {
            throw TapeError("unknown chart subcommand '\(word)'", span: e.span, hint: "did you mean '\(near)'?")
        }
        if let current = c.workspace.current, case .series? = try? c.evaluate(e, in: current) {
            throw TapeError("chart takes a dataset and a date range", span: e.span, hint: "add series with: chart add \(word)")
        }
        return try c.dataset(named: e)
    }
}
