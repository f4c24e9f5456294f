import TapeCore

/// `stats by EXPR`: the last backtest's figures split by the label EXPR gives each bar
/// of its dataset (`regime(close)`, `hmm_state(close)`, `cycle(close)` or any series of
/// whole numbers), through `RegimeStatistics`: a return belongs to the regime known when
/// the position over it was decided.
enum StatsByRegime {
    static func run(_ c: CommandContext, _ r: BacktestResult, by e: Expr) throws {
        guard let d = c.workspace.dataset(r.symbol) else {
            throw TapeError("stats by reads the backtest's dataset, and \(r.symbol) is not a loaded dataset", span: e.span,
                            hint: "a portfolio has no one dataset: run a single-symbol backtest")
        }
        guard r.range.upperBound <= d.bars.count, Array(d.bars.time[r.range]) == r.time else {
            throw TapeError("\(d.name) has changed since the backtest ran", span: e.span, hint: "run the backtest again")
        }
        let labels: [Double]
        switch try c.evaluate(e, in: d) {
        case .series(let s) where s.values.count == d.bars.count: labels = Array(s.values[r.range])
        case .series: throw TapeError("stats by needs one value per bar of \(d.name)", span: e.span)
        default: throw TapeError("stats by needs a series of labels", span: e.span, hint: "e.g. stats by regime(close), or stats by cycle(close)")
        }
        let distinct = Set(labels.filter(\.isFinite))
        guard !distinct.isEmpty else {
            throw TapeError("no bar of the backtest has a label", span: e.span, hint: "the labels need history: regime(close) starts after 252 bars")
        }
        guard distinct.count <= 50, distinct.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e9 }) else {
            throw TapeError("stats by splits by labels, and this series has \(distinct.count) distinct values", span: e.span,
                            hint: "give whole-number labels, e.g. regime(close), or a condition such as close > sma(close, 200)")
        }
        let name = names(for: e, c)
        let slices = try RiskSubjects.core(c, e.span) { try RegimeStatistics.split(r, labels: labels, names: name) }
        c.print("\(r.symbol) \(r.strategyName) by \(c.invocation.text(of: e))")
        var t = TextTable(["regime", "periods", "share", "return", "buy & hold", "volatility a year", "Sharpe", "max drawdown", "trades", "win rate"])
        for s in slices {
            t.add([s.name, "\(s.periods)", pct(s.share), pct(s.strategyReturn), pct(s.buyAndHoldReturn), pct(s.annualVolatility),
                   s.sharpe.isFinite ? Format.fixed(s.sharpe, 2) : "", pct(s.maxDrawdown), "\(s.trades)", pct(s.winRate)])
        }
        c.print(table: t)
        let unlabelled = labels.dropLast().filter { !$0.isFinite }.count
        if unlabelled > 0 {
            c.print("\(unlabelled) period\(unlabelled == 1 ? "" : "s") without a label (before the labels have history) left out")
        }
    }

    /// What a label is called: a regime's or cycle's name when EXPR is one of those
    /// functions, the number otherwise.
    static func names(for e: Expr, _ c: CommandContext) -> (Double) -> String {
        let fallback: (Double) -> String = { Format.number($0) }
        guard case .call(nil, let f, let args, _) = e else { return fallback }
        switch f {
        case "regime":
            return { v in RegimeRules.names.indices.contains(Int(v)) ? RegimeRules.names[Int(v)] : fallback(v) }
        case "cycle":
            return { v in MarketCycles.all.indices.contains(Int(v) - 1) ? MarketCycles.all[Int(v) - 1].name : fallback(v) }
        case "hmm_state":
            let given = args.first { $0.label == "states" } ?? (args.count > 1 ? args[1] : nil)
            var states = 3
            if case .number(let k, _, _)? = given?.value, k >= 2, k <= 6 { states = Int(k) }
            return { v in HMMRegimes.name(Int(v), of: states) }
        default:
            return fallback
        }
    }

    static func pct(_ x: Double) -> String { x.isFinite ? Format.fixed(x * 100, 2) + "%" : "" }
}
