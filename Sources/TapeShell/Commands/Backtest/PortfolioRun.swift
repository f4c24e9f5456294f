import TapeCore

/// `backtest SPY, QQQ, IWM xs_momentum ...`: the several-symbol strategies, which
/// rebalance at the next open (PortfolioBacktester).
enum PortfolioRun {
    static func run(_ c: CommandContext, info: StrategyInfo, symbols: [Expr]) throws -> BacktestResult {
        guard !symbols.isEmpty else {
            throw TapeError("\(info.name) needs the symbols to choose from: backtest SPY, QQQ, IWM \(info.name)", span: c.span)
        }
        let datasets = try symbols.map { try c.dataset(named: $0) }
        let engine = try EngineOptions.config(c)
        guard engine.entry == .market else {
            throw TapeError("\(info.name) rebalances at the next open; entry limit and entry stop are for single-symbol strategies",
                            span: c.optionSpan("entry") ?? c.span)
        }
        // They were accepted and ignored: the portfolio engine rebalances at market, all
        // in, without stops, over every bar the symbols share.
        try BacktestRun.refuse(c, ["fill", "size", "units", "spend", "voltarget", "kelly", "sizing_lookback", "stop", "stop_atr",
                                   "target", "target_atr", "trail", "trail_atr", "atr_period", "target_first", "target_next_bar", "finalize",
                                   "close_at_end", "dates"],
                               "\(info.name) rebalances at the next open to its own weights, over every bar the symbols share")
        var config = PortfolioConfig(cash: engine.cash, commission: engine.commission, slippageBps: engine.slippageBps,
                                     wholeUnits: engine.wholeUnits)
        if let w = c.text("weighting"), let weighting = PortfolioWeighting(rawValue: w) { config.weighting = weighting }
        let params = try StrategyOptions.numbers(c, info)
        let bars = datasets.map(\.bars)
        return try BacktestRun.core(c) {
            info.name == "equal_weight"
                ? try PortfolioBacktester.equalWeight(symbols: bars, parameters: params, config: config).result
                : try PortfolioBacktester.crossSectionalMomentum(symbols: bars, parameters: params, config: config).result
        }
    }
}
