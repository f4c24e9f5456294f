import Foundation

/// Price and Greeks for every row of a CSV text, for `greeks from "in.csv" to "out.csv"`.
///
/// Input columns, found by header name in any order: type, spot, strike, vol, rate, and
/// the time as days (calendar days, t = days/365) or years (t_years); dividend yield
/// (div_yield, dividend_yield or q) is optional. Output: the input columns, then price,
/// delta, gamma, theta_per_year, theta_per_day, vega, rho, dividend_rho, vanna, volga,
/// charm, speed, dual_delta (QuantLib units, see OptionGreeks) and error — a row that
/// cannot be priced keeps its cells and says why in error instead of stopping the batch.
public enum GreeksBatch {
    public static let outputColumns = ["price", "delta", "gamma", "theta_per_year", "theta_per_day", "vega", "rho",
                                       "dividend_rho", "vanna", "volga", "charm", "speed", "dual_delta", "error"]

    public struct Result: Sendable {
        public var csv: String
        public var rows: Int
        public var failed: Int
    }

    /// `cancel` is polled between rows; when it returns true the batch throws
    /// `OptionError.cancelled` and returns nothing.
    public static func run(csv text: String, source: String = "input", cancel: (@Sendable () -> Bool)? = nil) throws -> Result {
        try OptionCSVBatch.run(csv: text, source: source, what: "greeks", required: ["type", "spot", "strike", "vol", "rate"],
                               outputColumns: outputColumns, cancel: cancel) { row in
            let g = try BlackScholes.greeks(try row.type(), spot: try row.number("spot"), strike: try row.number("strike"),
                                            years: try row.timeInYears(), rate: try row.number("rate"),
                                            dividendYield: try row.dividendYield(), vol: try row.number("vol"))
            return [g.price, g.delta, g.gamma, g.thetaPerYear, g.thetaPerDay, g.vega, g.rho, g.dividendRho,
                    g.vanna, g.volga, g.charm, g.speed, g.dualDelta].map(Format.roundTrip)
        }
    }
}
