import TapeCore

/// `backtest pair A B entry 2 exit 0.5`: a z-score pairs trade with nothing from the future
/// (TapeCore's PairBacktest: trailing-window hedge and z-score, next-close fills, costs on
/// both legs).
enum BacktestPair {
    static let spec = CommandSpec(
        name: "pair",
        usage: "backtest pair A B entry Z exit Z [window 60] [hedge ols|tls|ratio] [cost 0.1%] [cash 10000] [range DATE..DATE]",
        summary: "trade the z-score of a pair's spread: short it above entry, long below −entry, out within ±exit",
        details: """
        backtest pair AAPL GOOG entry 2 exit 0.5
        backtest pair KO PEP entry 2 exit 0 window 120 cost 0.05%
        Each close: the hedge ratio, mean and standard deviation of A − hedge × B over the last
        `window` closes, and z of today's spread against them. Long the spread (long A, short
        hedge × B) when z ≤ −entry, short it when z ≥ entry, flat when z is back within ±exit
        or at the last close. A signal on a close fills at the next close; the hedge is fixed
        at entry; all equity goes into each trade (A's notional plus |hedge| × B's); cost is
        paid on the notional of both legs at entry and at exit. The spread command's
        cointegration test on the same dates says whether there was reason to expect reversion.
        """,
        effect: .query,
        options: [.number("entry", "|z| that opens a trade", bounds: .positive, required: true),
                  .number("exit", "|z| within which it closes (below entry)", bounds: .nonNegative, required: true),
                  .count("window", "closes the hedge and z-score look back over (default 60)", bounds: .from(10, to: 100_000)),
                  PairData.hedgeOption,
                  .rate("cost", "share of each leg's notional paid per fill (default 0.1%)", bounds: .from(0, to: 0.5)),
                  .money("cash", "starting equity (default 10000)", bounds: .positive),
                  PairData.rangeOption],
        arguments: PairData.arguments,
        run: run)

    static func run(_ c: CommandContext) throws {
        let p = c.positionals
        guard p.count == 2 else { return }
        let entry = try c.required("entry"), exit = try c.required("exit")
        guard exit < entry else {
            throw TapeError("exit \(Format.exact(exit)) is not below entry \(Format.exact(entry))", span: c.optionSpan("exit") ?? c.span,
                            hint: "a trade closes when |z| falls back within exit: e.g. entry 2 exit 0.5")
        }
        let window = c.int("window") ?? 60
        let data = try PairData(c, p[0], p[1], range: c.dateRange("range"), minimum: max(PairData.minimumOverlap, window + 2))
        let method = PairData.method(c)
        let cost = c.value("cost") ?? 0.001, cash = c.value("cash") ?? 10_000
        let config = PairBacktest.Config(entry: entry, exit: exit, window: window, method: method, cost: cost, cash: cash)
        let r = try PairBacktest.run(data.closesA, data.closesB, config) { try Interrupts.check(c.span) }
        let gross = PairBacktest.run(data.closesA, data.closesB, { var g = config; g.cost = 0; return g }())
        let a = data.a.name, b = data.b.name
        let final = r.equity.last ?? cash
        c.print("pair \(a)/\(b): \(window)-close \(method.rawValue) hedge, enter |z| ≥ \(Format.exact(entry)), exit |z| ≤ \(Format.exact(exit)), "
                + "next-close fills, cost \(Format.fixed(cost * 100, 3, trimmingZeros: true))% of each leg per fill")
        let days = r.trades.map { Double($0.exitIndex - $0.entryIndex) }
        let wins = r.trades.filter { $0.profit > 0 }.count
        let table = [
            ("closes", "\(data.time.count)  \(data.time.first.map { CivilTime.format($0) } ?? "")..\(data.time.last.map { CivilTime.format($0) } ?? "")"),
            ("trades", "\(r.trades.count)  (\(r.trades.filter { $0.direction > 0 }.count) long the spread, \(r.trades.filter { $0.direction < 0 }.count) short)"),
            ("win rate", r.trades.isEmpty ? "-" : "\(Format.fixed(Double(wins) / Double(r.trades.count) * 100, 1))%"),
            ("mean hold", days.isEmpty ? "-" : "\(Format.fixed(days.reduce(0, +) / Double(days.count), 1)) closes"),
            ("return", "\(Format.fixed((final / cash - 1) * 100, 2))%  (\(Format.fixed(((gross.equity.last ?? cash) / cash - 1) * 100, 2))% before costs)"),
            ("costs paid", Format.fixed(r.costs, 2)),
            ("final equity", Format.fixed(final, 2)),
            ("sharpe", Format.fixed(r.sharpe(barsPerYear: data.perYear), 2)),
            ("max drawdown", "\(Format.fixed(r.maxDrawdown * 100, 2))%"),
        ]
        var t = TextTable(["", ""], alignment: .left)
        for (k, v) in table { t.add([k, v]) }
        for line in t.render(header: false) { c.print(line) }
    }
}
