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

    public static func run(csv text: String) throws -> Result {
        var lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !lines.isEmpty else { throw OptionError.parse("greeks CSV is empty: expected a header line") }
        let headerLine = lines.removeFirst()
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ names: [String]) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
        var index: [String: Int] = [:]
        for name in ["type", "spot", "strike", "vol", "rate"] {
            guard let i = column([name]) else {
                throw OptionError.parse("greeks CSV header lacks column \(name) (has: \(header.joined(separator: ", ")))")
            }
            index[name] = i
        }
        let daysColumn = column(["days"])
        let yearsColumn = column(["years", "t_years"])
        guard daysColumn != nil || yearsColumn != nil else {
            throw OptionError.parse("greeks CSV header needs a days or years column (has: \(header.joined(separator: ", ")))")
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
                let g = try BlackScholes.greeks(type, spot: number(index["spot"], "spot"),
                                                strike: number(index["strike"], "strike"), years: years,
                                                rate: number(index["rate"], "rate"), dividendYield: q,
                                                vol: number(index["vol"], "vol"))
                let values = [g.price, g.delta, g.gamma, g.thetaPerYear, g.thetaPerDay, g.vega, g.rho, g.dividendRho,
                              g.vanna, g.volga, g.charm, g.speed, g.dualDelta]
                out.append(line + "," + values.map { "\($0)" }.joined(separator: ",") + ",")
            } catch {
                failed += 1
                let reason = "\(error)".replacingOccurrences(of: ",", with: ";")
                out.append(line + String(repeating: ",", count: outputColumns.count) + reason)
            }
        }
        return Result(csv: out.joined(separator: "\n") + "\n", rows: lines.count, failed: failed)
    }
}
