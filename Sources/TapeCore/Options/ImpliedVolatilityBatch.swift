import Foundation

/// Implied volatility for every row of a CSV text, for `iv from "in.csv" to "out.csv"`:
/// the batch counterpart of `iv`, as `GreeksBatch` is of `greeks`.
///
/// Input columns, found by header name in any order: type, price, spot, strike, rate, and
/// the time as days (calendar days, t = days/365) or years (t_years); dividend yield
/// (div_yield, dividend_yield or q) is optional. Output: the input line, then
/// implied_vol (a fraction, full precision) and iv_error — named apart from a
/// reference's own iv and error columns so a file of expected answers can be fed back
/// in and compared. A row that cannot be solved (price below intrinsic, above the
/// maximum, a bad cell) says why in iv_error instead of stopping the batch.
public enum ImpliedVolatilityBatch {
    public static let outputColumns = ["implied_vol", "iv_error"]

    /// `cancel` is polled between rows, as in `GreeksBatch.run`.
    public static func run(csv text: String, source: String = "input", cancel: (@Sendable () -> Bool)? = nil) throws -> GreeksBatch.Result {
        try OptionCSVBatch.run(csv: text, source: source, what: "iv", required: ["type", "price", "spot", "strike", "rate"],
                               outputColumns: outputColumns, cancel: cancel) { row in
            let vol = try ImpliedVolatility.bsm(price: try row.number("price"), type: try row.type(),
                                                spot: try row.number("spot"), strike: try row.number("strike"),
                                                years: try row.timeInYears(), rate: try row.number("rate"),
                                                dividendYield: try row.dividendYield())
            return [Format.roundTrip(vol)]
        }
    }
}
