import Foundation

/// A move of the market applied at once: every underlying's price by `spot` (times its
/// beta when betas are given), implied volatility by `volPoints` (absolute: +0.10 is ten
/// vol points), the rate by `rate` (absolute), and `days` of calendar time passing.
public struct StressShock: Sendable, Equatable {
    public var spot: Double
    public var volPoints: Double
    public var rate: Double
    public var days: Int

    public init(spot: Double = 0, volPoints: Double = 0, rate: Double = 0, days: Int = 0) {
        self.spot = spot
        self.volPoints = volPoints
        self.rate = rate
        self.days = days
    }

    public var description: String {
        var parts = ["spot " + signedPercent(spot)]
        if volPoints != 0 { parts.append("vol " + (volPoints > 0 ? "+" : "") + Format.fixed(volPoints * 100, 1) + " pts") }
        if rate != 0 { parts.append("rate " + (rate > 0 ? "+" : "") + Format.fixed(rate * 100, 2) + " pts") }
        if days != 0 { parts.append("\(days) days") }
        return parts.joined(separator: ", ")
    }

    func signedPercent(_ x: Double) -> String { (x > 0 ? "+" : "") + Format.fixed(x * 100, 2) + "%" }
}

/// A named historical episode replayed as a shock: the S&P 500's move over the dates
/// given, the change of implied volatility (the VIX; the VXO before it existed) and of the
/// Federal Reserve's target rate over the same dates. Applied at once, as if the whole
/// episode happened overnight: the worst case of each, not its path.
public struct StressScenario: Sendable, Equatable {
    public var name: String
    public var title: String
    public var start: String
    public var end: String
    public var shock: StressShock
    /// Where the figures come from.
    public var source: String

    /// Five episodes. S&P 500 closes: S&P Dow Jones Indices (the index's published daily
    /// closes); VIX/VXO: Cboe's historical index data; the target rate: the Federal
    /// Reserve's FOMC statements (upper bound of the target range). Figures rounded as
    /// shown in docs/RISK.md.
    public static let all: [StressScenario] = [
        StressScenario(name: "crash_1987", title: "Black Monday, 1987", start: "1987-10-16", end: "1987-10-19",
                       shock: StressShock(spot: 224.84 / 282.70 - 1, volPoints: 1.14, rate: 0),
                       source: "S&P 500 282.70 -> 224.84 (S&P Dow Jones Indices); VXO 36 -> 150 (Cboe); Fed target unchanged that day"),
        StressScenario(name: "dotcom_bust", title: "Dot-com bust, 2000-2002", start: "2000-03-24", end: "2002-10-09",
                       shock: StressShock(spot: 776.76 / 1527.46 - 1, volPoints: 0.20, rate: -0.0425),
                       source: "S&P 500 1527.46 -> 776.76 (S&P Dow Jones Indices); VIX about 22 -> 42 (Cboe); Fed target 6.00% -> 1.75% (FOMC)"),
        StressScenario(name: "crisis_2008", title: "Financial crisis, 2007-2009", start: "2007-10-09", end: "2009-03-09",
                       shock: StressShock(spot: 676.53 / 1565.15 - 1, volPoints: 0.33, rate: -0.045),
                       source: "S&P 500 1565.15 -> 676.53 (S&P Dow Jones Indices); VIX about 17 -> 50 (Cboe); Fed target 4.75% -> 0.25% (FOMC)"),
        StressScenario(name: "covid_2020", title: "COVID crash, 2020", start: "2020-02-19", end: "2020-03-23",
                       shock: StressShock(spot: 2237.40 / 3386.15 - 1, volPoints: 0.47, rate: -0.015),
                       source: "S&P 500 3386.15 -> 2237.40 (S&P Dow Jones Indices); VIX 14.38 -> 61.59 (Cboe); Fed target 1.75% -> 0.25% (FOMC)"),
        StressScenario(name: "rates_2022", title: "Rate shock, 2022", start: "2022-01-03", end: "2022-10-12",
                       shock: StressShock(spot: 3577.03 / 4796.56 - 1, volPoints: 0.17, rate: 0.03),
                       source: "S&P 500 4796.56 -> 3577.03 (S&P Dow Jones Indices); VIX about 17 -> 34 (Cboe); Fed target 0.25% -> 3.25% (FOMC)"),
    ]

    public static func named(_ name: String) -> StressScenario? { all.first { $0.name == name.lowercased() } }
}

/// A position to revalue: shares, or an option on an underlying, with what its model
/// needs now.
public struct StressPosition: Sendable, Equatable {
    public var instrument: Instrument
    /// Signed units (contracts for options).
    public var quantity: Double
    /// The underlying's price now.
    public var underlyingPrice: Double
    /// The option model's volatility now (unused for shares).
    public var volatility: Double
    public var rate: Double

    public init(instrument: Instrument, quantity: Double, underlyingPrice: Double, volatility: Double = 0.2, rate: Double = 0) {
        self.instrument = instrument
        self.quantity = quantity
        self.underlyingPrice = underlyingPrice
        self.volatility = volatility
        self.rate = rate
    }
}

/// One position's outcome: its value now and after the shock by full revaluation, and
/// what the Greeks (delta, gamma, vega, theta) say the change would be, so the two can
/// be compared: the gap is the nonlinearity the Greeks miss.
public struct StressLine: Sendable, Equatable {
    public var symbol: String
    public var quantity: Double
    public var valueBefore: Double
    public var valueAfter: Double
    public var greeksEstimate: Double
    public var change: Double { valueAfter - valueBefore }
}

public struct StressResult: Sendable, Equatable {
    public var shock: StressShock
    public var lines: [StressLine]
    public var totalChange: Double { lines.reduce(0) { $0 + $1.change } }
    public var greeksEstimate: Double { lines.reduce(0) { $0 + $1.greeksEstimate } }
    public var valueBefore: Double { lines.reduce(0) { $0 + $1.valueBefore } }
}

public enum StressTest {
    /// Revalues every position under `shock` at time `now` (seconds since 1970). Shares
    /// move by the spot shock times their beta (1 when `betas` has none); options are
    /// priced by Black-Scholes-Merton (TapeCore/Options) at the shocked spot, volatility
    /// (floored at 1%), rate and time; an option past expiry after `days` is worth its
    /// intrinsic value.
    public static func run(_ positions: [StressPosition], shock: StressShock, now: Int64, betas: [String: Double] = [:]) throws -> StressResult {
        guard shock.spot > -1, shock.spot.isFinite else { throw RiskError.invalid("a spot shock must be above -100%") }
        guard shock.volPoints.isFinite, shock.rate.isFinite, shock.days >= 0 else { throw RiskError.invalid("vol, rate and days must be finite, days not negative") }
        let later = now + Int64(shock.days) * CivilTime.secondsPerDay
        var lines: [StressLine] = []
        for p in positions {
            let beta = betas[p.instrument.underlying] ?? 1
            let move = max(shock.spot * beta, -1)
            let s0 = p.underlyingPrice, s1 = s0 * (1 + move)
            switch p.instrument {
            case .stock(let symbol):
                let before = p.quantity * s0, after = p.quantity * s1
                lines.append(StressLine(symbol: symbol, quantity: p.quantity, valueBefore: before, valueAfter: after, greeksEstimate: after - before))
            case .option(let c):
                let m = p.quantity * c.multiplier
                let g0 = try value(c, spot: s0, vol: p.volatility, rate: p.rate, at: now)
                let v1 = try value(c, spot: s1, vol: max(p.volatility + shock.volPoints, 0.01), rate: p.rate + shock.rate, at: later).price
                let ds = s1 - s0
                let estimate = g0.delta * ds + 0.5 * g0.gamma * ds * ds + g0.vega * shock.volPoints + g0.rho * shock.rate
                    + g0.thetaPerDay * Double(shock.days)
                lines.append(StressLine(symbol: c.occSymbol, quantity: p.quantity, valueBefore: m * g0.price, valueAfter: m * v1,
                                        greeksEstimate: m * estimate))
            }
        }
        return StressResult(shock: shock, lines: lines)
    }

    /// The change in value of `positions` when each underlying moves by `moves[symbol]`
    /// (a fraction; 0 when absent) and `days` pass: the full revaluation a VaR of an
    /// account applies to every scenario. NaN when an option cannot be priced.
    public static func change(_ positions: [StressPosition], moves: [String: Double], days: Int, now: Int64) -> Double {
        let later = now + Int64(days) * CivilTime.secondsPerDay
        var total = 0.0
        for p in positions {
            let s0 = p.underlyingPrice, s1 = s0 * (1 + max(moves[p.instrument.underlying] ?? 0, -1))
            switch p.instrument {
            case .stock: total += p.quantity * (s1 - s0)
            case .option(let c):
                guard let v0 = try? value(c, spot: s0, vol: p.volatility, rate: p.rate, at: now),
                      let v1 = try? value(c, spot: s1, vol: p.volatility, rate: p.rate, at: later) else { return .nan }
                total += p.quantity * c.multiplier * (v1.price - v0.price)
            }
        }
        return total
    }

    struct Value { var price, delta, gamma, vega, rho, thetaPerDay: Double }

    /// The contract expires at the end of its expiry day, as the paper broker counts it.
    static func value(_ c: OptionContract, spot: Double, vol: Double, rate: Double, at t: Int64) throws -> Value {
        let years = Double(c.expiry + CivilTime.secondsPerDay - t) / (365 * Double(CivilTime.secondsPerDay))
        guard years > 0 else { return Value(price: c.intrinsic(at: spot), delta: 0, gamma: 0, vega: 0, rho: 0, thetaPerDay: 0) }
        let g = try BlackScholes.greeks(c.right, spot: spot, strike: c.strike, years: years, rate: rate, vol: vol)
        return Value(price: g.price, delta: g.delta, gamma: g.gamma, vega: g.vega, rho: g.rho, thetaPerDay: g.thetaPerDay)
    }
}
