import TapeCore

/// `spread A B`: the spread of two datasets' closes, its z-score and half-life, the
/// Engle-Granger test of whether they are cointegrated, and with `cost` the gap report of
/// one asset quoted on two venues.
enum SpreadCommand: Command {
    static let spec = CommandSpec(
        name: "spread",
        usage: "spread A B [hedge ols|tls|ratio] [cost 0.2%] [range DATE..DATE]",
        summary: "spread of two datasets, its z-score and half-life, Engle-Granger cointegration; with cost, the venue gap report",
        details: """
        spread AAPL GOOG                 A − hedge × B − c on the dates both have
        spread AAPL GOOG hedge tls       orthogonal regression: the same line either way round
        spread BTC_A BTC_B cost 0.2%     one coin on two venues: how often and how long
                                         |B / A − 1| exceeded the round-trip cost
        hedge ols (default) regresses A on B with a constant; tls is total least squares; ratio
        is mean(A) / mean(B) with no constant. The z-score uses the whole overlap's mean and
        standard deviation (backtest pair uses a trailing window instead). Half-life: bars for
        half of a deviation to close, from Δs = a + λ s₋₁. The Engle-Granger test is always A on
        B by OLS with a constant and the ADF test of its residuals (no constant, lags by AIC),
        with MacKinnon's p-value for two variables: the same numbers as statsmodels' coint.
        """,
        effect: .query,
        options: [PairData.hedgeOption,
                  .rate("cost", "round-trip cost of buying on one venue and selling on the other: adds the gap report",
                        bounds: .nonNegative),
                  PairData.rangeOption],
        arguments: PairData.arguments,
        run: run)

    static func run(_ c: CommandContext) throws {
        let p = c.positionals
        guard p.count == 2 else { return }
        let data = try PairData(c, p[0], p[1], range: c.dateRange("range"))
        let method = PairData.method(c)
        guard let s = PairSpread.compute(data.closesA, data.closesB, method: method) else {
            throw TapeError("\(data.b.name)'s closes do not vary over the overlap, so no hedge ratio exists", span: p[1].span,
                            hint: "pick a dataset whose prices move")
        }
        let a = data.a.name, b = data.b.name
        let first = data.time.first.map { CivilTime.format($0) } ?? "", last = data.time.last.map { CivilTime.format($0) } ?? ""
        let constant = s.intercept == 0 ? "" : (s.intercept < 0 ? " + \(Format.number(-s.intercept, significant: 6))"
                                                                  : " − \(Format.number(s.intercept, significant: 6))")
        let weight = s.hedge < 0 ? "+ \(Format.number(-s.hedge, significant: 6))" : "− \(Format.number(s.hedge, significant: 6))"
        c.print("spread = \(a) \(weight) × \(b)\(constant)  (hedge \(method.rawValue), \(data.time.count) common closes \(first)..\(last))")
        let z = s.zScore.last ?? .nan
        // With a fitted constant the mean is zero up to rounding: printing 1e-14 would only be noise.
        let mean = method == .ratio ? ", mean \(Format.number(s.mean, significant: 6))" : ""
        c.print("z-score now \(Format.fixed(z, 2))  (spread \(Format.number(s.spread.last ?? .nan, significant: 6))\(mean), sd \(Format.number(s.standardDeviation, significant: 6)))")
        c.print(!s.reversionSpeed.isFinite ? "half-life undefined: the spread is constant"
                : s.halfLife.isFinite
                ? "half-life \(Format.fixed(s.halfLife, 1)) bars  (λ = \(Format.number(s.reversionSpeed, significant: 4)) in Δs = a + λ s₋₁)"
                : "half-life none: λ = \(Format.number(s.reversionSpeed, significant: 4)) ≥ 0, the spread does not revert")
        let test = try EngleGranger.test(data.closesA, data.closesB, cancel: { try Interrupts.check(c.span) })
        if let eg = test, eg.statistic == -.infinity {
            c.print("Engle-Granger: not run, \(a) and \(b) move (almost) exactly together (R² ≥ 1 − 100√ε; statsmodels reports −inf and p = 0)")
        } else if let eg = test {
            let crit = zip(["1%", "5%", "10%"], eg.critical).map { "\($0) \(Format.fixed($1, 3))" }.joined(separator: "  ")
            c.print("Engle-Granger: statistic \(Format.fixed(eg.statistic, 4))  p-value \(Format.fixed(eg.pValue, 4))  (ADF lags \(eg.lags); critical \(crit))")
            c.print(eg.pValue < 0.05
                    ? "cointegrated at 5%: the spread has tended to revert (past evidence, not a promise)"
                    : "not cointegrated at 5%: no evidence the spread reverts; a z-score trade on it is a bet on noise")
        } else {
            c.print("Engle-Granger: the regression is degenerate (A and B move exactly together)")
        }
        if let cost = c.value("cost") { report(gap: VenueGap.measure(data.closesA, data.closesB, roundTripCost: cost), cost: cost, data, c) }
    }

    static func report(gap g: VenueGap, cost: Double, _ data: PairData, _ c: CommandContext) {
        let share = g.observations > 0 ? Double(g.beyond) / Double(g.observations) : 0
        c.print("venue gap |\(data.b.name) / \(data.a.name) − 1| beyond the round-trip cost \(Format.fixed(cost * 100, 3, trimmingZeros: true))%: "
                + "\(g.beyond) of \(g.observations) closes (\(Format.fixed(share * 100, 1))%), largest gap \(Format.fixed(g.largestGap * 100, 3))%")
        guard g.episodes > 0, g.longestStart >= 0, g.longestStart < data.time.count else {
            c.print("never beyond it: at these closes there was nothing to arbitrage after costs")
            return
        }
        c.print("\(g.episodes) episodes, mean \(Format.fixed(g.meanEpisodeLength, 1)) closes, longest \(g.longestEpisode) from \(CivilTime.format(data.time[g.longestStart])); "
                + "mean excess over cost \(Format.fixed(g.meanExcess * 100, 3))% per round trip, before latency, fees on transfers and fill risk")
    }
}
