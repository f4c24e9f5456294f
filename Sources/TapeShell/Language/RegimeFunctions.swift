import TapeCore

/// Market cycles and regimes as series (docs/RISK.md): what `stats by`, a regime-switching
/// backtest or a plot reads.
enum RegimeFunctions {
    static var all: [FunctionSpec] {
        [
            FunctionSpec(name: "cycle", usage: "cycle(x)",
                         summary: "number of the labelled market cycle at each bar (cycles lists them), NaN outside", group: "Regime") { c in
                try c.check(labels: [], maxPositional: 1)
                let s = try c.series(0)
                return .series(Series(axis: s.axis, values: MarketCycles.numbers(s.axis.time), name: "cycle"))
            },
            FunctionSpec(name: "regime", usage: "regime(x, trend=200, vol=20, lookback=252)",
                         summary: "0 bull calm, 1 bull volatile, 2 bear calm, 3 bear volatile: x against its trend-bar average, "
                            + "vol-bar volatility against its lookback median (causal)", group: "Regime") { c in
                try c.check(labels: ["trend", "vol", "lookback"], maxPositional: 4)
                let s = try c.series(0)
                let trend = try whole(c, 1, "trend", 200), vol = try whole(c, 2, "vol", 20), lookback = try whole(c, 3, "lookback", 252)
                do {
                    let v = try RegimeRules.label(close: s.values, trendWindow: trend, volWindow: vol, volLookback: lookback)
                    return .series(Series(axis: s.axis, values: v, name: "regime"))
                } catch let e as RiskError {
                    throw TapeError("regime: \(e)", span: c.span)
                }
            },
            FunctionSpec(name: "hmm_state", usage: "hmm_state(x, states=3)",
                         summary: "volatility state of a Gaussian HMM on x's returns, 0 the calmest (fitted on all of x: "
                            + "it looks ahead; regime for backtests)", group: "Regime") { c in
                try c.check(labels: ["states"], maxPositional: 2)
                let s = try c.series(0)
                let k = try whole(c, 1, "states", 3)
                do {
                    let fit = try HMMRegimes.fit(close: s.values, states: k, cancel: Interrupts.cancelCheck)
                    return .series(Series(axis: s.axis, values: fit.labels, name: "hmm_state"))
                } catch let e as RiskError {
                    throw TapeError("hmm_state: \(e)", span: c.span)
                }
            },
        ]
    }

    static func whole(_ c: FunctionCall, _ i: Int, _ label: String, _ d: Double) throws -> Int {
        let v = try c.number(i, label: label, default: d)
        guard v == v.rounded(), v >= 1, v <= 100_000 else {
            throw TapeError("\(c.name): \(label) must be a whole number from 1 to 100000, got \(Format.number(v))", span: c.span)
        }
        return Int(v)
    }
}
