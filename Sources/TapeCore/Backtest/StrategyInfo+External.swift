/// A strategy row built outside the built-in table: a fitted model's out-of-sample
/// signals (TapeModels) become a strategy `optimize` and `walkforward` can search over,
/// through the same `StrategyInfo` door as every built-in.
extension StrategyInfo {
    public init(name: String, help: String, parameters: [StrategyParameter],
                build: @escaping @Sendable (StrategyInputs, [String: Double]) throws -> SignalStrategy) {
        self.init(name: name, help: help, kind: .singleSymbol, parameters: parameters, build: build)
    }
}
