import TapeCore

/// `chart payoff NAME ...`: the payoff picture of a strategy of the catalogue, without
/// `strategy`'s analysis. Its market options are `strategy`'s own declarations, so the
/// unit rules are the same (`vol 25` is refused, `expiry 30` needs a unit).
enum ChartPayoff {
    /// The keys of `strategy` a named strategy's payoff depends on; expiry is required
    /// here, since there are no legs to give their own.
    static let options: [OptionSpec] = StrategyCommand.spec.options.compactMap { o in
        guard ["spot", "strike", "width", "expiry", "far", "vol", "rate", "div"].contains(o.name) else { return nil }
        guard o.name == "expiry" else { return o }
        return .duration("expiry", o.help, bounds: o.bounds, required: true)
    }

    static let spec = CommandSpec(
        name: "payoff",
        usage: "chart payoff NAME spot S expiry 30d vol 25% rate 4% [strike K] [width W] [far 60d] [div 1%]",
        summary: "P&L of a named option strategy at its first expiry and today against the underlying",
        details: """
            chart payoff straddle spot 100 expiry 30d vol 25% rate 4%
            chart payoff iron condor spot 100 width 5 expiry 45d vol 20% rate 4%
            strategy list shows the names; strategy NAME ... prints the analysis and draws the same picture.
            """,
        effect: .query,
        options: options,
        arguments: [ArgumentSpec("NAME", .word, variadic: true, help: "a strategy of `strategy list` (words or one_word)",
                                 completions: StrategyCommand.completionNames)],
        run: run)

    static func run(_ c: CommandContext) throws {
        let words = c.arguments.positionals.compactMap { v -> String? in
            if case .word(let w) = v { return w }
            return nil
        }
        guard !words.isEmpty else {
            throw TapeError("chart payoff needs a strategy name", span: c.span, hint: "strategy list shows them")
        }
        let name = words.joined(separator: " ")
        guard StrategyTemplate.named(name) != nil else {
            throw TapeError("unknown strategy '\(name)'", span: c.positionals.first?.span,
                            hint: Suggest.hint(name, in: StrategyTemplate.catalog.map(\.name)) ?? "strategy list shows them")
        }
        let market = try StrategyCommand.market(c, "chart payoff")
        do {
            let s = try StrategyCommand.named(c, name, market: market, "chart payoff")
            try ChartCommands.show(try OptionsCharts.payoff(s, market: market), c)
        } catch let e as OptionError {
            throw TapeError(e.description, span: c.span)
        }
    }
}
