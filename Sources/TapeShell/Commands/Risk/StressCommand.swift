import TapeCore
import TapeData

/// `stress [account|backtest] [scenario NAME|all] [spot -20%] [vol +10%] [rate +1%] [days N]`:
/// positions revalued under named historical episodes or a shock of your own, options
/// through their pricing engine, beside what the Greeks predict (docs/RISK.md).
enum StressCommand: Command {
    static let spec = CommandSpec(
        name: "stress",
        summary: "revalue the account or a backtest's positions under historical crashes or a custom shock, with a chart",
        details: """
        stress                                 the paper account under every named scenario
        stress account scenario covid_2020     one scenario
        stress account spot -20% vol +10% rate +1% days 5   a shock of your own (vol and rate in points)
        stress backtest                        the last backtest's open position
        Scenarios: \(StressScenario.all.map(\.name).joined(separator: ", ")) (stress list shows their sources).
        Each scenario moves every underlying by the S&P 500's move over the episode, all at once.
        """,
        effect: .query,
        options: [.choice("scenario", StressScenario.all.map(\.name) + ["all", "list"], "a named historical scenario, all (default) or list"),
                  .rate("spot", "move of every underlying: -20%"),
                  .rate("vol", "change of implied volatility in points: +10% is ten points"),
                  .rate("rate", "change of the interest rate in points: +1%"),
                  .count("days", "calendar days that pass (options decay)", bounds: .from(0, to: 3650)),
                  .flag("beta", "move each underlying by the scenario's move times its beta to SPY (SPY must be loaded)")],
        arguments: [ArgumentSpec("SUBJECT", .choice(["account", "backtest", "list"]), optional: true, help: "account (default), backtest, or list (the scenarios)")],
        run: run)

    static func run(_ c: CommandContext) throws {
        let of = c.argument(0).flatMap { if case .word(let w) = $0 { return w } else { return nil } } ?? "account"
        if of == "list" || c.text("scenario") == "list" { return list(c) }
        let custom = ["spot", "vol", "rate", "days"].contains { c.optionSpan($0) != nil }
        if custom, let s = c.optionSpan("scenario") {
            throw TapeError("give a scenario or a custom shock (spot, vol, rate, days), not both", span: s)
        }
        var scenarios: [(name: String, shock: StressShock)] = []
        if custom {
            scenarios = [("custom", StressShock(spot: c.value("spot") ?? 0, volPoints: c.value("vol") ?? 0, rate: c.value("rate") ?? 0,
                                                days: c.int("days") ?? 0))]
        } else if let name = c.text("scenario"), name != "all", let s = StressScenario.named(name) {
            scenarios = [(s.name, s.shock)]
        } else {
            scenarios = StressScenario.all.map { ($0.name, $0.shock) }
        }
        let (positions, now, value) = try subject(c, of)
        let betas = c.has("beta") ? try self.betas(c, positions) : [:]
        var results: [(String, StressResult)] = []
        for (name, shock) in scenarios {
            try Interrupts.check(c.span)
            results.append((name, try RiskSubjects.core(c, c.span) { try StressTest.run(positions, shock: shock, now: now, betas: betas) }))
        }
        var t = TextTable(["scenario", "shock", "change", "of value", "Greeks say"])
        for (name, r) in results {
            t.add([name, r.shock.description, Format.fixed(r.totalChange, 2), pct(r.totalChange / value), Format.fixed(r.greeksEstimate, 2)])
        }
        c.print("stress of the \(of): \(positions.count) position\(positions.count == 1 ? "" : "s"), value \(Format.fixed(value, 2))"
                + (betas.isEmpty ? "; every underlying moves with the index" : "; moves scaled by each underlying's beta to SPY"))
        c.print(table: t)
        if let worst = results.min(by: { $0.1.totalChange < $1.1.totalChange }), worst.1.totalChange < 0 {
            let hurt = worst.1.lines.sorted { $0.change < $1.change }.prefix(3).map { "\($0.symbol) \(Format.fixed($0.change, 2))" }
            c.print("worst: \(worst.0), \(Format.fixed(worst.1.totalChange, 2)); most of it from " + hurt.joined(separator: ", "))
        }
        let columns = positions.map { $0.instrument.symbol } + ["total"]
        let changes = results.map { r in r.1.lines.map(\.change) + [r.1.totalChange] }
        try ChartCommands.show(.stress(StressChart(title: "stress: change in value of the \(of)", scenarios: results.map(\.0),
                                                   positions: columns, changes: changes)), c)
    }

    static func list(_ c: CommandContext) {
        var t = TextTable(["scenario", "episode", "dates", "shock", "source"])
        for s in StressScenario.all { t.add([s.name, s.title, "\(s.start)..\(s.end)", s.shock.description, s.source]) }
        c.print(table: t)
    }

    static func subject(_ c: CommandContext, _ of: String) throws -> ([StressPosition], Int64, Double) {
        if of == "backtest" {
            guard let r = c.workspace.state({ BacktestState() }).result else {
                throw TapeError("no backtest to stress", span: c.span, hint: "run one first, e.g. backtest SPY sma_cross")
            }
            guard let close = r.close.last, !r.openTrades.isEmpty else {
                throw TapeError("the backtest holds nothing at its end: no position to stress", span: c.span)
            }
            // A portfolio's result has no one symbol: its close is an index of many.
            guard c.workspace.dataset(r.symbol) != nil else {
                throw TapeError("the last backtest traded several symbols; stress lists one symbol's position", span: c.span,
                                hint: "stress the paper account instead: stress account")
            }
            let positions = r.openTrades.map { StressPosition(instrument: .stock(r.symbol), quantity: $0.size, underlyingPrice: close) }
            return (positions, r.time.last ?? 0, r.equity.last ?? r.config.cash)
        }
        return try RiskSubjects.accountPositions(c)
    }

    /// Each underlying's beta to SPY over the last year of common dates.
    static func betas(_ c: CommandContext, _ positions: [StressPosition]) throws -> [String: Double] {
        guard let spy = c.workspace.dataset("SPY") else {
            throw TapeError("beta needs SPY loaded: the scenarios are moves of the S&P 500", span: c.optionSpan("beta"), hint: "load SPY")
        }
        var out: [String: Double] = [:]
        for u in Set(positions.map { $0.instrument.underlying }) where u != "SPY" {
            guard let d = c.workspace.dataset(u) else { throw TapeError("beta needs \(u) loaded", span: c.optionSpan("beta"), hint: "load \(u)") }
            let p = try RiskSubjects.core(c, c.optionSpan("beta")) {
                try ReturnPanel.aligned([(u, d.bars.time, d.bars.close), ("SPY", spy.bars.time, spy.bars.close)])
            }
            out[u] = RiskFigures.compute(returns: Array(p.returns[0].suffix(252)), benchmark: Array(p.returns[1].suffix(252))).beta
        }
        return out
    }

    static func pct(_ x: Double) -> String { x.isFinite ? Format.fixed(x * 100, 2) + "%" : "" }
}
