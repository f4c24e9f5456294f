import TapeCore

/// The last backtest, optimisation and walk-forward of the session: what `stats`,
/// `trades`, `equity`, `chart equity`, `chart optimize` and `export stats|trades|equity`
/// read. A cancelled command puts it back as it was (RestorableAreaStates.swift).
final class BacktestState {
    var result: BacktestResult?
    var statistics: Statistics?
    var optimization: OptimizationResult?
    var walkForward: WalkForwardResult?
}
