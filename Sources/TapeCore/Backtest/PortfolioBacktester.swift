import Foundation

/// How a portfolio splits equity among the symbols it selects.
public enum PortfolioWeighting: String, Sendable, Equatable {
    /// 1/N each.
    case equal
    /// By rank among the N selected: the best gets N shares, the next N-1, ..., the last 1.
    case ranked
}

/// Settings of a several-symbol, long-only, periodically rebalanced backtest.
public struct PortfolioConfig: Sendable, Equatable {
    public var cash: Double
    public var commission: Commission
    public var slippageBps: Double
    /// Bars between rebalances (1 = every bar).
    public var rebalanceEvery: Int
    /// How many symbols to hold (the best by score); nil holds every symbol with a score.
    public var top: Int?
    public var weighting: PortfolioWeighting
    public var wholeUnits: Bool

    public init(cash: Double = 10_000, commission: Commission = Commission(), slippageBps: Double = 0,
                rebalanceEvery: Int = 21, top: Int? = nil, weighting: PortfolioWeighting = .equal, wholeUnits: Bool = false) {
        self.cash = cash
        self.commission = commission
        self.slippageBps = slippageBps
        self.rebalanceEvery = rebalanceEvery
        self.top = top
        self.weighting = weighting
        self.wholeUnits = wholeUnits
    }
}

/// One executed rebalancing order.
public struct PortfolioFill: Sendable, Equatable {
    public var bar: Int
    public var symbol: String
    /// Signed units traded.
    public var units: Double
    public var price: Double
    public var commission: Double
}

/// A portfolio run: statistics-ready result (a trade per symbol holding period, equity
/// curve, an equal-weight index of the symbols as the Buy & Hold benchmark) plus fills.
public struct PortfolioResult: Sendable {
    public var result: BacktestResult
    public var fills: [PortfolioFill]
    public var symbols: [String]
    /// Symbols with their trades, parallel to `result.trades`.
    public var tradeSymbols: [String]
}

/// Several symbols at once. At every `rebalanceEvery`-th bar from the warm-up on, the
/// symbols are ranked by their score at that bar (causal; higher is better, NaN is not
/// eligible), the best `top` are given target weights, and orders fill at the next bar's
/// open: sells first, so their proceeds fund the buys.
public enum PortfolioBacktester {
    public static func run(symbols: [Bars], scores: [[Double]]? = nil, warmup: Int = 0,
                           config: PortfolioConfig) throws -> PortfolioResult {
        guard !symbols.isEmpty else { throw BacktestError.invalidData("a portfolio needs at least one symbol") }
        guard config.cash.isFinite, config.cash > 0 else { throw BacktestError.invalidConfig("cash must be a positive amount") }
        try BacktestConfig.validateCosts(commission: config.commission, slippageBps: config.slippageBps)
        guard config.rebalanceEvery >= 1 else { throw BacktestError.invalidConfig("rebalance period must be at least 1 bar") }
        if let t = config.top, t < 1 { throw BacktestError.invalidConfig("top must be at least 1") }
        if let s = scores, s.count != symbols.count || zip(s, symbols).contains(where: { $0.count != $1.count }) {
            throw BacktestError.invalidStrategy("scores must give one value per bar of every symbol")
        }
        // Align on the dates every symbol has.
        var common = Set(symbols[0].time)
        for b in symbols.dropFirst() { common.formIntersection(b.time) }
        let time = common.sorted()
        guard time.count >= 2 else { throw BacktestError.invalidData("the symbols share fewer than 2 dates") }
        let m = symbols.count, n = time.count
        var open = [[Double]](), close = [[Double]](), score = [[Double]]()
        for (j, b) in symbols.enumerated() {
            var index: [Int64: Int] = [:]
            for (k, t) in b.time.enumerated() { index[t] = k }
            let rows = time.compactMap { index[$0] }
            for k in rows where !Engine.pricesValid(open: b.open[k], close: b.close[k]) { throw BacktestError.badPrice(b, k) }
            open.append(rows.map { b.open[$0] })
            close.append(rows.map { b.close[$0] })
            score.append(rows.map { scores?[j][$0] ?? 0 })
        }
        let slip = config.slippageBps / 10_000
        var units = [Double](repeating: 0, count: m)
        var cash = config.cash
        var equity = [Double](repeating: config.cash, count: n)
        var fills: [PortfolioFill] = []
        var pendingWeights: [Double]?
        // Per-symbol holding period being built: entry bar, cost of buys, proceeds of sells,
        // commissions, units bought, peak units.
        struct Holding { var entryBar = 0; var bought = 0.0; var sold = 0.0; var commission = 0.0; var boughtUnits = 0.0; var soldUnits = 0.0; var peak = 0.0 }
        var holding = [Holding](repeating: Holding(), count: m)
        var trades: [(Int, Trade)] = []
        let first = min(max(warmup, 0), n - 1)

        for i in 0..<n {
            if let w = pendingWeights {
                pendingWeights = nil
                var value = cash
                for j in 0..<m { value += units[j] * open[j][i] }
                var target = [Double](repeating: 0, count: m)
                for j in 0..<m {
                    let price = open[j][i]
                    let perUnit = price * (1 + slip) * (1 + config.commission.percent) + config.commission.perShare
                    var t = w[j] * value / perUnit
                    if config.wholeUnits { t = t.rounded(.down) }
                    target[j] = max(0, t)
                }
                // Sells first, then buys, so no buy waits on cash still in a position.
                for pass in 0..<2 {
                    for j in 0..<m {
                        let delta = target[j] - units[j]
                        guard pass == 0 ? delta < 0 : delta > 0 else { continue }
                        // Rounding leaves ~1e-16 relative residue between equal targets; not a trade.
                        guard abs(delta) > 1e-9 * max(target[j], units[j]) else { continue }
                        let d: Double = delta > 0 ? 1 : -1
                        let price = open[j][i] * (1 + d * slip)
                        var qty = abs(delta)
                        if d > 0 {
                            let c = config.commission
                            let affordable = max(0, cash - c.perOrder) / (price * (1 + c.percent) + c.perShare)
                            qty = min(qty, config.wholeUnits ? affordable.rounded(.down) : affordable)
                            guard qty > 0 else { continue }
                        }
                        let fee = config.commission.cost(units: qty, price: price)
                        cash -= d * qty * price + fee
                        if units[j] == 0 && d > 0 { holding[j] = Holding(); holding[j].entryBar = i }
                        units[j] += d * qty
                        if abs(units[j]) < 1e-12 { units[j] = 0 }
                        holding[j].commission += fee
                        if d > 0 { holding[j].bought += qty * price; holding[j].boughtUnits += qty } else { holding[j].sold += qty * price; holding[j].soldUnits += qty }
                        holding[j].peak = max(holding[j].peak, units[j])
                        fills.append(PortfolioFill(bar: i, symbol: symbols[j].symbol, units: d * qty, price: price, commission: fee))
                        if units[j] == 0 {
                            let h = holding[j]
                            let entry = h.bought / h.boughtUnits, exit = h.sold / h.soldUnits
                            let pnl = h.sold - h.bought - h.commission
                            trades.append((j, Trade(size: h.peak, entryBar: h.entryBar, exitBar: i, entryTime: time[h.entryBar], exitTime: time[i],
                                                    entryPrice: entry, exitPrice: exit, pnl: pnl, commission: h.commission,
                                                    returnPct: pnl / h.bought, exitReason: .signal)))
                        }
                    }
                }
            }
            var eq = cash
            for j in 0..<m { eq += units[j] * close[j][i] }
            equity[i] = eq
            if i >= first, (i - first) % config.rebalanceEvery == 0, i + 1 < n {
                pendingWeights = weights(score.map { $0[i] }, top: config.top, weighting: config.weighting)
            }
        }
        // Equal-weight index of the symbols: the portfolio's Buy & Hold benchmark.
        var index = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<m { index[i] += close[j][i] / close[j][0] / Double(m) } }
        var stillOpen: [OpenTrade] = []
        for j in 0..<m where units[j] != 0 {
            let h = holding[j]
            let entry = h.bought / h.boughtUnits
            stillOpen.append(OpenTrade(size: units[j], entryBar: h.entryBar, entryTime: time[h.entryBar], entryPrice: entry,
                                   entryCommission: h.commission, unrealizedPnL: units[j] * (close[j][n - 1] - entry)))
        }
        let name = symbols.map(\.symbol).joined(separator: "+")
        let bt = BacktestConfig(cash: config.cash, commission: config.commission, slippageBps: config.slippageBps,
                                sizing: .fractionOfEquity(1), wholeUnits: config.wholeUnits)
        let result = BacktestResult(symbol: name, strategyName: "portfolio(\(config.weighting.rawValue), rebalance every \(config.rebalanceEvery) bars)",
                                    config: bt, exits: ExitRules(), range: 0..<n, time: time, close: index, equity: equity,
                                    trades: trades.map(\.1), openTrades: stillOpen, firstDecisionBar: first, benchmarkBar: first,
                                    adjusted: symbols.contains { $0.adjClose != nil })
        return PortfolioResult(result: result, fills: fills, symbols: symbols.map(\.symbol), tradeSymbols: trades.map { symbols[$0.0].symbol })
    }

    /// Target weights from scores: the best `top` non-NaN scores, equal or rank-weighted.
    public static func weights(_ scores: [Double], top: Int?, weighting: PortfolioWeighting) -> [Double] {
        let eligible = scores.indices.filter { !scores[$0].isNaN }.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        let chosen = Array(eligible.prefix(top ?? eligible.count))
        var w = [Double](repeating: 0, count: scores.count)
        guard !chosen.isEmpty else { return w }
        let k = Double(chosen.count)
        for (rank, j) in chosen.enumerated() {
            w[j] = weighting == .equal ? 1 / k : (k - Double(rank)) / (k * (k + 1) / 2)
        }
        return w
    }

    /// Every symbol at equal weight, rebalanced every `rebalance` bars (the
    /// `equal_weight` built-in).
    public static func equalWeight(symbols: [Bars], parameters given: [String: Double] = [:],
                                   config: PortfolioConfig) throws -> PortfolioResult {
        let p = try StrategyRegistry.named("equal_weight").resolve(given)
        var c = config
        c.top = nil
        c.weighting = .equal
        c.rebalanceEvery = try BuiltinStrategies.period(p, "rebalance")
        var r = try run(symbols: symbols, scores: nil, warmup: 0, config: c)
        r.result.strategyName = "equal_weight(rebalance \(c.rebalanceEvery))"
        return r
    }

    /// Cross-sectional momentum (the `xs_momentum` built-in): score = lookback return,
    /// hold the best `top`, rebalance every `rebalance` bars.
    public static func crossSectionalMomentum(symbols: [Bars], parameters given: [String: Double] = [:],
                                              config: PortfolioConfig) throws -> PortfolioResult {
        let info = try StrategyRegistry.named("xs_momentum")
        let p = try info.resolve(given)
        let n = try BuiltinStrategies.period(p, "lookback"), top = try BuiltinStrategies.period(p, "top")
        let every = try BuiltinStrategies.period(p, "rebalance")
        var c = config
        c.top = top
        c.rebalanceEvery = every
        let scores = try symbols.map { try StrategyInputs(bars: $0).series("rocp", n) }
        var r = try run(symbols: symbols, scores: scores, warmup: n, config: c)
        r.result.strategyName = "xs_momentum(lookback \(n), top \(top), rebalance \(every), \(c.weighting.rawValue) weights)"
        return r
    }
}
