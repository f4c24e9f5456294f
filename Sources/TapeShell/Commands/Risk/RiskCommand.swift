import TapeCore
import TapeData

/// `risk [OF] [confidence 99%] [horizon 10d] [method ...]`: value at risk and conditional
/// value at risk by four methods, and the dispersion and drawdown figures, of a dataset,
/// the last backtest, the paper account (options revalued in full) or a portfolio of
/// weights (docs/RISK.md).
enum RiskCommand: Command {
    static let methods = VaRMethod.allCases.map(\.rawValue) + ["all"]

    static let spec = CommandSpec(
        name: "risk",
        summary: "value at risk and expected shortfall by four methods, volatility, beta, drawdown, Ulcer and tail ratio",
        details: """
        risk                                  the current dataset's daily returns, every method at 95%
        risk SPY confidence 99% horizon 10d   a 99% 10-day VaR (horizon in trading days: 10d, 2w, 1m)
        risk SPY method monte_carlo paths 200000   simulated, seeded by the session (set seed N)
        risk SPY benchmark QQQ                beta and tracking error against QQQ's returns
        risk backtest                         the last backtest's equity, against buy & hold
        risk account                          the paper account; options are repriced in every scenario
        risk weights "SPY 60%, TLT 40%"       a portfolio of loaded datasets at fixed weights
        VaR and CVaR are losses at the tail: -2.1% means a loss of 2.1% or worse one time in 20.
        """,
        effect: .query,
        options: [.rate("confidence", "the tail's complement: 95% looks at the worst 5% (default 95%)", bounds: .openUnit),
                  .duration("horizon", "periods ahead: 1d (default), 10d, 2w, 1m in trading days", bounds: .positive),
                  .choice("method", methods, "one method, or all (default)"),
                  .count("paths", "Monte Carlo paths (default 100000)", bounds: .from(100, to: Double(RiskModel.maxPaths))),
                  .word("benchmark", "a loaded dataset to measure beta and tracking error against", placeholder: "SYMBOL",
                        completions: { $0.workspace.datasetOrder }),
                  .text("weights", "a portfolio of loaded datasets: \"SPY 60%, TLT 40%\"", placeholder: "\"SYM W, ...\""),
                  .dateRange("dates", "only the returns in this range")],
        arguments: [ArgumentSpec("OF", .word, optional: true, help: "a loaded dataset, backtest, or account (default: the current dataset)",
                                 completions: { shell in RiskSubjects.keywords + shell.workspace.datasetOrder })],
        run: run)

    static func run(_ c: CommandContext) throws {
        let confidence = c.value("confidence") ?? 0.95
        let of = c.argument(0).flatMap { if case .word(let w) = $0 { return w } else { return nil } }
        let ofSpan = c.positionals.first?.span ?? c.span
        var m: RiskSubjects.Measured
        if let w = c.text("weights") {
            if of != nil { throw TapeError("give OF or weights, not both", span: ofSpan) }
            m = try RiskSubjects.weights(c, text: w, span: c.optionSpan("weights"))
        } else if of?.lowercased() == "backtest" {
            m = try RiskSubjects.backtest(c)
        } else if of?.lowercased() == "account" {
            m = try RiskSubjects.account(c).measured
        } else {
            let d = try c.dataset(named: c.positionals.first)
            m = try RiskSubjects.dataset(d, range: c.dateRange("dates"), span: ofSpan)
            if let b = c.text("benchmark") {
                guard let bd = c.workspace.dataset(b) else {
                    throw TapeError("no dataset named \(b)", span: c.optionSpan("benchmark"), hint: "load it first: load \(b)")
                }
                let range = c.dateRange("dates")
                let mine = range.map { d.bars.slice(from: $0.from, to: $0.to) } ?? d.bars
                let theirs = range.map { bd.bars.slice(from: $0.from, to: $0.to) } ?? bd.bars
                let panel = try RiskSubjects.core(c, c.optionSpan("benchmark")) {
                    try ReturnPanel.aligned([(d.name, mine.time, mine.close), (bd.name, theirs.time, theirs.close)])
                }
                m.subject = .series(d.name, returns: panel.returns[0])
                m.benchmark = panel.returns[1]
                m.benchmarkName = bd.name
                m.first = panel.time.first ?? m.first
                m.last = panel.time.last ?? m.last
            }
        }
        let periods = try horizon(c, m)
        let chosen = c.text("method").flatMap { $0 == "all" ? nil : VaRMethod(rawValue: $0) }
        let methods = chosen.map { [$0] } ?? VaRMethod.allCases
        let paths = c.int("paths") ?? 100_000
        var t = TextTable(["method", "VaR", "CVaR"] + (m.inMoney ? ["VaR amount", "CVaR amount"] : []) + ["scenarios"])
        for method in methods {
            try Interrupts.check(c.span)
            let r = try RiskSubjects.core(c, method == .monteCarlo ? c.span : c.optionSpan("horizon")) {
                try RiskModel.tail(m.subject, method: method, confidence: confidence, horizon: periods, paths: paths, seed: c.session.seed,
                                   cancel: Interrupts.cancelCheck)
            }
            try Interrupts.check(c.span)
            var row = [method.rawValue, pct(r.valueAtRisk), pct(r.conditional)]
            if m.inMoney { row += [Format.fixed(r.valueAtRiskAmount, 2), Format.fixed(r.conditionalAmount, 2)] }
            row.append(method == .monteCarlo ? "\(r.scenarios) paths" : "\(r.scenarios)")
            t.add(row)
        }
        let periodsText = periods == 1 ? "one period" : "\(periods) periods"
        c.print("risk of \(m.subject.name): \(m.subject.periods) returns \(CivilTime.format(m.first))..\(CivilTime.format(m.last)), "
                + "\(Format.number(confidence * 100))% over \(periodsText)"
                + (m.inMoney ? " (value \(Format.fixed(m.subject.value, 2)))" : ""))
        c.print(table: t)
        let outcomes = m.subject.periodOutcomes
        let f = RiskFigures.compute(returns: outcomes, benchmark: m.benchmark)
        var line = "volatility \(pct(f.annualVolatility)) a year, downside deviation \(pct(f.downsideDeviation)), max drawdown \(pct(f.maxDrawdown)), "
            + "Ulcer index \(Format.fixed(f.ulcerIndex * 100, 2)), tail ratio \(Format.fixed(f.tailRatio, 2))"
        if let name = m.benchmarkName { line += "; beta \(Format.fixed(f.beta, 2)) and tracking error \(pct(f.trackingError)) against \(name)" }
        c.print(line)
        if methods.contains(.monteCarlo) { c.print("Monte Carlo: multivariate normal one-period returns, compounded; seed \(c.session.seed)") }
    }

    /// The horizon in periods of the data: trading days for daily bars (a week is 5, a
    /// month 21, a year 252), else the duration over the bars' median spacing.
    static func horizon(_ c: CommandContext, _ m: RiskSubjects.Measured) throws -> Int {
        guard let d = c.duration("horizon") else { return 1 }
        let span = c.optionSpan("horizon")
        let n: Double
        switch d.unit {
        case .days: n = d.count
        case .weeks: n = d.count * 5
        case .months: n = d.count * 21
        case .years: n = d.count * 252
        default: n = d.days * 252 / 365
        }
        let periods = Int(n.rounded())
        guard periods >= 1, n == n.rounded() || d.unit != .days else {
            throw TapeError("horizon \(d.text) is not a whole number of periods", span: span, hint: "e.g. horizon 10d")
        }
        guard periods <= m.subject.periods else {
            throw TapeError("horizon \(d.text) (\(periods) periods) is longer than the \(m.subject.periods) returns of the data", span: span,
                            hint: "give a shorter horizon or load more data")
        }
        return periods
    }

    static func pct(_ x: Double) -> String { Format.fixed(x * 100, 2) + "%" }
}
