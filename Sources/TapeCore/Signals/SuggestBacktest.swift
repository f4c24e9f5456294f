/// `suggest`'s rule replayed over history: every `days` calendar days, read the view on the
/// bars so far, open the table's first structure with modelled legs (Black-Scholes at the
/// realised volatility then, strikes as `suggest` places them), hold it to its first
/// expiry and settle at the close of the first bar on or after it. One position at a time,
/// no bid-ask, no commission, no early exit: the assumptions a user must read with it.
public struct SuggestBacktest: Sendable {
    public struct Trade: Sendable, Equatable {
        public let entryIndex: Int
        public let exitIndex: Int
        public let strategy: String
        public let trend: MarketView.Trend
        /// Per unit of underlying: positive for a debit.
        public let premium: Double
        public let profit: Double
        /// The structure's maximum loss at entry (positive), nil when unbounded.
        public let maxLoss: Double?
    }

    public let trades: [Trade]

    /// `strikeStep` and `widthShare` place strikes as `suggest` does.
    public static func run(open: [Double], high: [Double], low: [Double], close: [Double], time: [Int64], days: Double,
                           rate: Double, periodsPerYear: Double, strikeStep: (Double) -> Double, widthShare: Double = 0.05,
                           cancel: () throws -> Void) throws -> SuggestBacktest {
        var trades: [Trade] = []
        var t = MarketView.minimumBars - 1
        let n = close.count
        while t < n {
            try cancel()
            let end = time[t] + Int64(days * 86_400)
            guard let exit = time[(t + 1)...].firstIndex(where: { $0 >= end }) else { break }
            if let v = MarketView.read(open: Array(open[...t]), high: Array(high[...t]), low: Array(low[...t]), close: Array(close[...t]),
                                       periodsPerYear: periodsPerYear),
                let s = v.suggestions.first
            {
                let step = strikeStep(v.close)
                let width = max(step, (v.close * widthShare / step).rounded() * step)
                let centre = max(step, ((v.close + s.offset * width) / step).rounded() * step)
                let market = StrategyMarket(spot: v.close, rate: rate, dividendYield: 0, vol: v.vol)
                let strategy = try OptionStrategy.named(s.strategy, center: centre, width: width, nearDays: days)
                let a = try strategy.analyze(market)
                let loss: Double?
                if case .finite(let x) = a.maxLoss { loss = x } else { loss = nil }
                let profit = try strategy.profit(spot: close[exit], elapsedDays: strategy.firstExpiryDays, market: market)
                trades.append(Trade(entryIndex: t, exitIndex: exit, strategy: strategy.name, trend: v.trend,
                                    premium: a.netPremium, profit: profit, maxLoss: loss))
            }
            t = exit
        }
        return SuggestBacktest(trades: trades)
    }
}
