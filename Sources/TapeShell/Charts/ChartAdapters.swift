import Foundation
import TapeCore

/// Charts built straight from TapeCore results, so the commands that produce them can
/// draw with one call (`ChartCommands.show(.equity(EquityChart(result)), c)`).
extension EquityChart {
    /// A backtest's equity with Buy & Hold of the same cash from the benchmark bar (the
    /// last warm-up bar, as the backtest's own statistics measure it).
    public init(_ result: BacktestResult) {
        let base = result.benchmarkBar - result.range.lowerBound
        var hold: ChartSeries?
        if result.close.indices.contains(base), result.close[base] > 0, let start = result.equity.first {
            let units = start / result.close[base]
            hold = ChartSeries("buy & hold", result.close.indices.map { $0 < base ? .nan : result.close[$0] * units })
        }
        self.init(title: "\(result.symbol) \(result.strategyName)", curve: result.equityCurve, benchmark: hold)
    }
}

extension HeatmapChart {
    /// The score of every trial of a two-parameter search on its grid: one column per
    /// value of the first parameter, one row per value of the second; NaN where a pair
    /// was not evaluated (rejected by a constraint, or not drawn by a random search).
    /// Nil unless the search had exactly two parameters.
    public init?(_ result: OptimizationResult, title: String? = nil) {
        guard result.names.count == 2 else { return nil }
        let xs = Array(Set(result.trials.compactMap { $0.values.first })).sorted()
        let ys = Array(Set(result.trials.compactMap { $0.values.dropFirst().first })).sorted()
        guard !xs.isEmpty, !ys.isEmpty else { return nil }
        var z = [[Double]](repeating: [Double](repeating: .nan, count: xs.count), count: ys.count)
        for t in result.trials where t.values.count == 2 {
            if let i = xs.firstIndex(of: t.values[0]), let j = ys.firstIndex(of: t.values[1]) { z[j][i] = t.score }
        }
        self.init(title: title ?? "\(result.objective) over \(result.names[0]) and \(result.names[1])",
                  xName: result.names[0], yName: result.names[1], zName: result.objective,
                  xValues: xs, yValues: ys, z: z)
    }
}

extension PayoffChart {
    /// An option strategy's P&L against the underlying at its first expiry and today.
    /// The grid spans the strikes and three standard deviations of the underlying to
    /// that expiry either side of spot, and includes every strike, so the expiry curve's
    /// kinks are exact and its zero crossings lie on straight segments.
    public init(_ strategy: OptionStrategy, market: StrategyMarket, points: Int = 241) throws {
        let strikes = strategy.legs.filter { $0.kind != .stock }.map(\.strike)
        let spread = 3 * market.vol * (max(strategy.firstExpiryDays, 1) / 365).squareRoot()
        let lo = max(min(strikes.min() ?? market.spot, market.spot * exp(-spread)) * 0.95, 1e-9)
        let hi = max(strikes.max() ?? market.spot, market.spot * exp(spread)) * 1.05
        let n = min(max(points, 2), 10_000)
        var grid = (0..<n).map { lo + (hi - lo) * Double($0) / Double(n - 1) } + strikes.filter { $0 > lo && $0 < hi }
        grid = Array(Set(grid)).sorted()
        let expiry = try grid.map { try strategy.profit(spot: $0, elapsedDays: strategy.firstExpiryDays, market: market) }
        let today = try grid.map { try strategy.profit(spot: $0, elapsedDays: 0, market: market) }
        self.init(title: strategy.name, spot: grid, atExpiry: expiry, today: today, spotNow: market.spot)
    }
}
