import TapeCore

/// `chart smile`: the loaded chain's implied vols by strike, the same picture `chain
/// smile` draws (OptionsCharts), without its tables.
enum ChartSmile {
    static let spec = CommandSpec(
        name: "smile",
        summary: "the loaded option chain's out-of-the-money implied vols by strike, one curve per expiry",
        details: "chain load \"chain.csv\" spot 100 rate 4%; chart smile\nchain smile prints the numbers too",
        effect: .query,
        arguments: [],
        run: run)

    static func run(_ c: CommandContext) throws {
        let (state, a) = try chain(c)
        let drawn = OptionsCharts.spread(a.smiles.count).map { a.smiles[$0] }
        try ChartCommands.show(OptionsCharts.smile(drawn, analysis: a, underlying: state.underlying, spot: state.spot), c)
    }

    /// The analysed chain, or the error that none is loaded.
    static func chain(_ c: CommandContext) throws -> (ChainState, ChainAnalysis) {
        let state = c.workspace.state { ChainState() }
        guard let a = state.analysis, !a.smiles.isEmpty else {
            throw TapeError("no option chain to chart yet", span: c.span, hint: "chain load \"file.csv\" spot S rate R")
        }
        return (state, a)
    }
}
