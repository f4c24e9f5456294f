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
    static let plottable: [(name: String, unit: String, value: @Sendable (OptionGreeks) -> Double)] = [
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

    /// At most this many smiles in one picture: the light and dark palettes have ten
    /// line colours, and more curves than colours cannot be told apart.
    static let maxSmiles = 10

    /// Expiries to draw when there are more than `maxSmiles`: evenly spread over the
    /// list, always the nearest and the farthest.
    static func spread(_ count: Int, max m: Int = maxSmiles) -> [Int] {
        guard count > m, m >= 2 else { return Array(0..<count) }
        return (0..<m).map { Int((Double($0) * Double(count - 1) / Double(m - 1)).rounded()) }
    }

    /// The out-of-the-money points of one expiry worth drawing, as (strike, vol). A
    /// point is left out when its out-of-the-money quote carries a note (zero bid,
    /// crossed, no ask, outside the bounds: its mid is not a price) or when its strike
    /// lies beyond `band` standard deviations of the forward (|ln(K/F)| > band·σ_ATM·√T):
    /// there quotes sit at the minimum tick and their vols, often several hundred
    /// percent, would flatten every other curve. The printed tables keep every point.
    static func drawable(_ smile: Smile, noted: Set<QuoteKey>, band: Double = 5) -> [(strike: Double, vol: Double)] {
        let reach = smile.atmVol.isFinite && smile.atmVol > 0 ? band * smile.atmVol * smile.years.squareRoot() : .infinity
        return smile.points.compactMap { p in
            let type: OptionType = p.strike < smile.forward ? .put : .call
            guard p.otm.isFinite, abs(p.logMoneyness) <= reach,
                  !noted.contains(QuoteKey(expiration: smile.expiration, type: type, strike: p.strike)) else { return nil }
            return (p.strike, p.otm)
        }
    }

    struct QuoteKey: Hashable {
        var expiration: Int64
        var type: OptionType
        var strike: Double
    }

    /// The quotes the chain analysis put a note on.
    static func noted(_ analysis: ChainAnalysis) -> Set<QuoteKey> {
        Set(analysis.rows.filter { !$0.notes.isEmpty }.map {
            QuoteKey(expiration: $0.quote.expiration, type: $0.quote.type, strike: $0.quote.strike)
        })
    }

    /// The chain's out-of-the-money smile, one curve per expiry (`drawable` points).
    static func smile(_ smiles: [Smile], analysis: ChainAnalysis, underlying: String, spot: Double) -> ChartSpec {
        let noted = noted(analysis)
        let curves = smiles.map { s -> SmileChart.Curve in
            let points = drawable(s, noted: noted)
            return SmileChart.Curve(name: CivilTime.format(s.expiration), strikes: points.map(\.strike), vols: points.map(\.vol))
        }.filter { !$0.strikes.isEmpty }
        return .smile(SmileChart(title: "\(underlying) implied volatility smile (out-of-the-money mid IV)", curves: curves, spot: spot))
    }

    /// The surface on the union of the drawable strikes: each expiry interpolated
    /// linearly in strike between its own drawable points (chains list strikes more
    /// sparsely far out and far off, which would otherwise stripe the surface with
    /// holes); NaN outside an expiry's quoted range, which gnuplot leaves open.
    static func surface(_ smiles: [Smile], analysis: ChainAnalysis, underlying: String) -> ChartSpec {
        let noted = noted(analysis)
        let ordered = smiles.sorted { $0.years < $1.years }.map { ($0.years * 365, drawable($0, noted: noted)) }.filter { !$0.1.isEmpty }
        let strikes = Array(Set(ordered.flatMap { $0.1.map(\.strike) })).sorted()
        let vols = ordered.map { _, points in strikes.map { interpolate(points, at: $0) } }
        return .surface(SurfaceChart(title: "\(underlying) implied volatility surface (out-of-the-money mid IV)",
                                     strikes: strikes, expiries: ordered.map(\.0), vols: vols))
    }

    /// Linear interpolation in strike between sorted points; NaN outside their range.
    static func interpolate(_ points: [(strike: Double, vol: Double)], at x: Double) -> Double {
        guard let hi = points.firstIndex(where: { $0.strike >= x }) else { return .nan }
        if points[hi].strike == x { return points[hi].vol }
        guard hi > 0 else { return .nan }
        let a = points[hi - 1], b = points[hi]
        return a.vol + (b.vol - a.vol) * (x - a.strike) / (b.strike - a.strike)
    }

    static func percent(_ x: Double) -> String { Format.number(x * 100) + "%" }
}
