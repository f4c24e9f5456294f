import TapeCore

/// `backtest SYMBOL suggest [horizon 30d] [rate 4%]`: suggest's rule replayed over the
/// history on modelled option prices (TapeCore's SuggestBacktest), with its assumptions.
enum BacktestSuggest {
    /// The options of `backtest` this form reads; the engine's others do not apply.
    static let keys = ["horizon", "rate"]

    static func run(_ c: CommandContext, symbol: Expr?) throws {
        let engineKeys = c.invocation.items.compactMap { item -> String? in
            if case .option(let key, _, _) = item, !keys.contains(key) { return key }
            return nil
        }
        try BacktestRun.refuse(c, engineKeys, "backtest SYMBOL suggest replays the suggest table on modelled option prices (horizon, rate)")
        let d = try c.dataset(named: symbol)
        let days = try OptionArguments.days(c, "horizon") ?? 30
        let rate = c.value("rate") ?? 0.04
        let b = d.bars
        let r = try SuggestBacktest.run(open: b.open, high: b.high, low: b.low, close: b.close, time: b.time, days: days, rate: rate,
                                        periodsPerYear: PairDataYear.perYear(b.time), strikeStep: SuggestCommand.strikeStep) {
            try Interrupts.check(c.span)
        }
        c.print("\(d.name) suggest, \(Format.number(days))d structures, one at a time, \(r.trades.count) trades")
        c.print("assumptions: legs priced by Black-Scholes at the 20-bar realised volatility of the entry day and rate "
                + "\(Format.fixed(rate * 100, 2, trimmingZeros: true))% (no implied-volatility premium, no skew, no bid-ask, no commission); "
                + "held to the first expiry and settled at the close of the first bar on or after it; the table's first structure each time")
        guard !r.trades.isEmpty else {
            c.print("no trade: the data is shorter than \(MarketView.minimumBars) bars plus one horizon")
            return
        }
        var t = TextTable(["structure", "trades", "win rate", "mean P&L / unit", "P&L / max loss"])
        let names = r.trades.reduce(into: [String]()) { if !$0.contains($1.strategy) { $0.append($1.strategy) } }
        for name in names + ["all"] {
            let ts = name == "all" ? r.trades : r.trades.filter { $0.strategy == name }
            let wins = ts.filter { $0.profit > 0 }.count
            let mean = ts.reduce(0.0) { $0 + $1.profit } / Double(ts.count)
            let risked = ts.compactMap { tr in tr.maxLoss.map { ($0, tr.profit) } }.filter { $0.0 > 0 }
            let onRisk = risked.isEmpty ? "-" : "\(Format.fixed(risked.reduce(0.0) { $0 + $1.1 / $1.0 } / Double(risked.count) * 100, 1))%"
            t.add([name, "\(ts.count)", "\(Format.fixed(Double(wins) / Double(ts.count) * 100, 1))%", Format.fixed(mean, 4), onRisk])
        }
        c.print(table: t)
        c.print("P&L per unit of underlying (× 100 per contract); P&L / max loss is the mean return on the capital each trade put at risk")
    }
}
