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

    public static func run(csv text: String) throws -> GreeksBatch.Result {
        var lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !lines.isEmpty else { throw OptionError.parse("iv CSV is empty: expected a header line") }
        let headerLine = lines.removeFirst()
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ names: [String]) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
        var index: [String: Int] = [:]
        for name in ["type", "price", "spot", "strike", "rate"] {
            guard let i = column([name]) else {
                throw OptionError.parse("iv CSV header lacks column \(name) (has: \(header.joined(separator: ", ")))")
            }
            index[name] = i
        }
        let daysColumn = column(["days"])
        let yearsColumn = column(["years", "t_years"])
        guard daysColumn != nil || yearsColumn != nil else {
            throw OptionError.parse("iv CSV header needs a days or years column (has: \(header.joined(separator: ", ")))")
        }
        let yieldColumn = column(["div_yield", "dividend_yield", "q"])

        var out = [headerLine + "," + outputColumns.joined(separator: ",")]
        var failed = 0
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            do {
                func number(_ i: Int?, _ name: String) throws -> Double {
                    guard let i, i < cells.count else { throw OptionError.parse("missing \(name)") }
                    guard let v = Double(cells[i]) else { throw OptionError.parse("\(name) \"\(cells[i])\" is not a number") }
                    return v
                }
                guard let ti = index["type"], ti < cells.count, let type = OptionType(text: cells[ti]) else {
                    throw OptionError.parse("type must be call or put")
                }
                let years = try yearsColumn.map { try number($0, "years") } ?? (number(daysColumn, "days") / 365)
                let q = try yieldColumn.map { try number($0, "dividend yield") } ?? 0
                let vol = try ImpliedVolatility.bsm(price: number(index["price"], "price"), type: type,
                                                    spot: number(index["spot"], "spot"), strike: number(index["strike"], "strike"),
                                                    years: years, rate: number(index["rate"], "rate"), dividendYield: q)
                out.append(line + ",\(vol),")
            } catch {
                failed += 1
                let reason = "\(error)".replacingOccurrences(of: ",", with: ";")
                out.append(line + ",," + reason)
            }
        }
        return GreeksBatch.Result(csv: out.joined(separator: "\n") + "\n", rows: lines.count, failed: failed)
    }
}
