import Foundation
import TapeCore

/// The picture that goes with each option result: a strategy's payoff, a Greek across
/// a range of spot prices, a chain's smile and surface. The commands print their
/// numbers first and then call these, so a missing gnuplot costs the picture, not the
/// result. Drawing goes through `ChartCommands.show`, which follows `set plot`
/// (`terminal=none` draws nothing; scripts and replays write `plots/...png`).
enum OptionsCharts {
    /// Draws unless the command was given the `nochart` flag.
    static func draw(_ spec: @autoclosure () throws -> ChartSpec, _ c: CommandContext) throws {
        guard !c.has("nochart") else { return }
        try ChartCommands.show(try spec(), c)
    }

    /// P&L at the first expiry and today against the underlying, breakevens and spot
    /// marked. The title carries what the curves depend on besides the legs: every
    /// option expiry (a calendar's "at expiry" is its near one), vol, rate and yield.
    static func payoff(_ strategy: OptionStrategy, market: StrategyMarket) throws -> ChartSpec {
        var chart = try PayoffChart(strategy, market: market)
        let expiries = Set(strategy.legs.filter { $0.kind != .stock }.map(\.expiryDays)).sorted()
        let days = expiries.isEmpty ? "" : expiries.map { Format.number($0) + "d" }.joined(separator: "/") + ", "
        chart.title = "\(strategy.name): \(days)vol \(percent(market.vol)), rate \(percent(market.rate))"
            + (market.dividendYield == 0 ? "" : ", div \(percent(market.dividendYield))")
        return .payoff(chart)
    }

    /// The Greeks `greeks ... spot A..B plot NAME` can draw, with the unit of the y axis.
    /// Theta, vega and rho are drawn in the units a trader reads (per day, per point),
    /// the same as the table's `theta/day`, `vega/pt` and `rho/pt` columns.
    static let plottable: [(name: String, unit: String, value: (OptionGreeks) -> Double)] = [
        ("price", "currency", { $0.price }),
        ("delta", "per 1 of spot", { $0.delta }),
        ("gamma", "per 1 of spot, squared", { $0.gamma }),
        ("theta", "per calendar day", { $0.thetaPerDay }),
        ("vega", "per vol point", { $0.vegaPerPoint }),
        ("rho", "per 1% of rate", { $0.rhoPerPoint }),
        ("vanna", "d delta / d vol", { $0.vanna }),
        ("volga", "d vega / d vol", { $0.volga }),
        ("charm", "d delta / d time, per year", { $0.charm }),
        ("speed", "d gamma / d spot", { $0.speed }),
    ]

    /// Spot prices for a curve over `lo...hi`: 241 evenly spaced points (smooth at
    /// 900 px) plus the strike when it lies inside, where gamma peaks and delta turns.
    static func curveGrid(_ lo: Double, _ hi: Double, strike: Double) -> [Double] {
        let n = 241
        var grid = (0..<n).map { lo + (hi - lo) * Double($0) / Double(n - 1) }
        if strike > lo && strike < hi { grid.append(strike) }
        return Array(Set(grid)).sorted()
    }

    /// One Greek of one option against spot; `value` computes the Greeks at a spot.
    static func greek(_ name: String, unit: String, spots: [Double], title: String, strike: Double,
                      value: (Double) throws -> Double) throws -> ChartSpec {
        let ys = try spots.map(value)
        return .greek(GreekChart(title: title, greek: "\(name) (\(unit))", spot: spots,
                                 series: [ChartSeries(name, ys)], strike: strike))
    }

    /// The chain's out-of-the-money smile, one curve per expiry.
    static func smile(_ smiles: [Smile], underlying: String, spot: Double) -> ChartSpec {
        .smile(SmileChart(smiles, title: "\(underlying) implied volatility smile (out-of-the-money mid IV)", spot: spot))
    }

    static func surface(_ smiles: [Smile], underlying: String) -> ChartSpec {
        .surface(SurfaceChart(smiles, title: "\(underlying) implied volatility surface"))
    }

    static func percent(_ x: Double) -> String { Format.number(x * 100) + "%" }
}
