import Foundation

/// One regime's share of a backtest: what the strategy and buy & hold made while the
/// market was in it.
public struct RegimeSlice: Sendable, Equatable {
    public var label: Double
    public var name: String
    /// Periods (bar to bar) spent in the regime.
    public var periods: Int
    public var share: Double
    /// Compounded over the regime's periods only, as fractions.
    public var strategyReturn: Double
    public var buyAndHoldReturn: Double
    public var annualVolatility: Double
    public var sharpe: Double
    /// The worst fall of the regime-only equity (its periods joined end to end).
    public var maxDrawdown: Double
    /// Trades entered while in the regime, and the share of them that made money.
    public var trades: Int
    public var winRate: Double
}

/// `stats by regime`: a backtest's figures split by the regime the market was in.
///
/// The return from bar t−1 to bar t belongs to the regime labelled at bar t−1: the one
/// known when the position held over that period was decided (a label at bar t is only
/// known at t's close). A trade belongs to the regime at its entry bar. Sharpe ratios
/// are mean / sd of the regime's period returns × √periodsPerYear (risk-free rate 0).
public enum RegimeStatistics {
    /// `labels` has one value per bar of `result` (NaN: no regime; those periods are left
    /// out); `names` names each label value.
    public static func split(_ result: BacktestResult, labels: [Double], names: (Double) -> String,
                             periodsPerYear: Double? = nil) throws -> [RegimeSlice] {
        let n = result.equity.count
        guard labels.count == n else {
            throw RiskError.invalid("the regime series has \(labels.count) values for the backtest's \(n) bars")
        }
        let ppy = periodsPerYear ?? BacktestStatistics.periodsPerYear(result.time)
        var byLabel: [Double: (strategy: [Double], market: [Double])] = [:]
        var counted = 0
        if n >= 2 {
            for t in 1..<n where labels[t - 1].isFinite {
                let e0 = result.equity[t - 1], e1 = result.equity[t], c0 = result.close[t - 1], c1 = result.close[t]
                guard e0 > 0, c0 > 0, e1.isFinite, c1.isFinite else { continue }
                byLabel[labels[t - 1], default: ([], [])].strategy.append(e1 / e0 - 1)
                byLabel[labels[t - 1], default: ([], [])].market.append(c1 / c0 - 1)
                counted += 1
            }
        }
        var tradeCounts: [Double: (Int, Int)] = [:]
        for tr in result.trades {
            let k = tr.entryBar - result.range.lowerBound
            guard k >= 0, k < n, labels[k].isFinite else { continue }
            tradeCounts[labels[k], default: (0, 0)].0 += 1
            if tr.pnl > 0 { tradeCounts[labels[k], default: (0, 0)].1 += 1 }
        }
        return byLabel.keys.sorted().map { label in
            let (s, m) = byLabel[label] ?? ([], [])
            let mean = RiskFigures.mean(s), sd = RiskFigures.sampleStandardDeviation(s)
            let (trades, wins) = tradeCounts[label] ?? (0, 0)
            return RegimeSlice(label: label, name: names(label), periods: s.count, share: Double(s.count) / Double(max(counted, 1)),
                               strategyReturn: s.reduce(1) { $0 * (1 + $1) } - 1,
                               buyAndHoldReturn: m.reduce(1) { $0 * (1 + $1) } - 1,
                               annualVolatility: sd * ppy.squareRoot(),
                               sharpe: sd > 0 ? mean / sd * ppy.squareRoot() : .nan,
                               maxDrawdown: RiskFigures.drawdowns(s).min() ?? .nan,
                               trades: trades, winRate: trades > 0 ? Double(wins) / Double(trades) : .nan)
        }
    }
}
