import TapeCore

/// `regime [SYMBOL] [method rules|hmm] [states N] [until DATE]`: the regimes of a dataset by
/// rule (trend × volatility) or by a Gaussian hidden Markov model fitted with Baum-Welch,
/// how much time each took and how the market behaved in it (docs/RISK.md).
enum RegimeCommand: Command {
    static let spec = CommandSpec(
        name: "regime",
        summary: "market regimes of a dataset by rule (trend and volatility) or by a hidden Markov model",
        details: """
        regime SPY                          the rule regimes: bull/bear × calm/volatile, as regime(close)
        regime SPY method hmm states 3      a 3-state Gaussian HMM on daily returns (Baum-Welch), calm to turbulent
        regime SPY method hmm until 2010-12-31   fitted on data up to 2010 only; later states are out of sample
        The labels are series for stats by regime and for switching strategies: regime(close), hmm_state(close).
        """,
        effect: .query,
        options: [.choice("method", ["rules", "hmm"], "rules (default) or hmm"),
                  .count("states", "states of the HMM (default 3)", bounds: .from(2, to: 6)),
                  .date("until", "fit the HMM on bars up to this date only")],
        arguments: [ArgumentSpec("SYMBOL", .word, optional: true, help: "a loaded dataset (default: the current one)",
                                 completions: { $0.workspace.datasetOrder })],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.dataset(named: c.positionals.first)
        let close = d.bars.close
        let labels: [Double], names: (Int) -> String, count: Int
        if c.text("method") == "hmm" {
            let k = c.int("states") ?? 3
            let through = c.date("until").map { t in d.bars.time.lastIndex { $0 <= t } ?? -1 }
            if let t = through, t < 0 { throw TapeError("no bars of \(d.name) on or before that date", span: c.optionSpan("until")) }
            let fit = try RiskSubjects.core(c, c.span) { try HMMRegimes.fit(close: close, states: k, through: through, cancel: Interrupts.cancelCheck) }
            labels = fit.labels
            names = { HMMRegimes.name($0, of: k) }
            count = k
            c.print("\(d.name): Gaussian HMM, \(k) states, fitted on \(fit.fittedOn) daily returns in \(fit.iterations) Baum-Welch iterations"
                    + (fit.converged ? "" : " (not converged)") + ", log-likelihood \(Format.fixed(fit.logLikelihood, 2))")
            var t = TextTable(["state", "mean a day", "volatility a year", "stays"] + (0..<k).map { "to \(names($0))" })
            for s in 0..<k {
                let mean = fit.model.means[s][0] / 100, sd = fit.model.variances[s][0].squareRoot() / 100
                t.add([names(s), pct(mean), pct(sd * 252.0.squareRoot()), "\(Format.fixed(1 / max(1 - fit.model.transition[s][s], 1e-12), 1)) days"]
                      + fit.model.transition[s].map { Format.fixed($0, 3) })
            }
            c.print(table: t)
            if through != nil { c.print("states after \(CivilTime.format(c.date("until") ?? 0)) are filtered with the parameters fitted before: out of sample") }
        } else {
            labels = try RiskSubjects.core(c, c.span) { try RegimeRules.label(close: close) }
            names = { RegimeRules.names[$0] }
            count = RegimeRules.names.count
            c.print("\(d.name): rule regimes, close against its 200-bar average, 20-bar volatility against its 252-bar median")
        }
        var t = TextTable(["regime", "bars", "share", "return a year", "volatility a year"])
        let r = [Double.nan] + RiskFigures.simpleReturns(close)
        let labelled = labels.filter(\.isFinite).count
        for s in 0..<count {
            // Returns over (t-1, t] belong to the regime known at t-1.
            let inside = (1..<max(close.count, 1)).filter { labels[$0 - 1] == Double(s) && r[$0].isFinite }.map { r[$0] }
            let bars = labels.filter { $0 == Double(s) }.count
            t.add([names(s), "\(bars)", pct(Double(bars) / Double(max(labelled, 1))), pct(RiskFigures.mean(inside) * 252),
                   pct(RiskFigures.sampleStandardDeviation(inside) * 252.0.squareRoot())])
        }
        c.print(table: t)
        if let i = labels.lastIndex(where: \.isFinite) {
            c.print("at \(CivilTime.format(d.bars.time[i])): \(names(Int(labels[i])))")
        }
    }

    static func pct(_ x: Double) -> String { x.isFinite ? Format.fixed(x * 100, 2) + "%" : "" }
}
