import TapeCore

/// The option chain `chain load` read, kept in the workspace for the other chain
/// subcommands and `chart smile|surface`.
final class ChainState {
    var chain: OptionChain?
    var analysis: ChainAnalysis?
    var source = ""
    var spot = 0.0
    /// The rate and dividend yield the implied vols were solved with (`suggest` prices legs at them).
    var rate = 0.0, dividendYield = 0.0
    /// The underlying's name from the file's first quote, for chart titles.
    var underlying = ""

    /// The loaded chain's state and analysis, or the error every chain subcommand gives
    /// before `chain load`.
    static func loaded(_ c: CommandContext) throws -> (state: ChainState, analysis: ChainAnalysis) {
        let state = c.workspace.state { ChainState() }
        guard let a = state.analysis else {
            throw TapeError("no chain loaded", span: c.span, hint: "chain load \"file.csv\" spot S rate R")
        }
        return (state, a)
    }

    static func pct(_ x: Double) -> String { x.isNaN ? "-" : Format.fixed(x * 100, 2) + "%" }
}
