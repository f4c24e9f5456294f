/// Text renderings of a backtest for files and the terminal. Pure: they return text and
/// the shell writes it. Names and formats are documented in docs/BACKTEST.md.
public enum BacktestExport {
    /// Statistics as one JSON object: the statistic keys in backtesting.py's order, dates
    /// as "YYYY-MM-DD" strings, durations as days, counts as integers, NaN as null; then
    /// "_strategy" (its name) and "_assumptions" (fill rule, costs, sizing, data range...)
    /// when a result is given.
    public static func statsJSON(_ stats: Statistics, result: BacktestResult? = nil) -> String {
        var lines: [String] = []
        for e in stats.entries {
            lines.append("  \(quote(e.key)): \(json(e.value))")
        }
        if let r = result {
            lines.append("  \"_strategy\": \(quote(r.strategyName))")
            let a = r.assumptions.lines.map { "    \(quote($0.0)): \(quote($0.1))" }
            lines.append("  \"_assumptions\": {\n" + a.joined(separator: ",\n") + "\n  }")
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// Closed trades, one per line, with the header
    /// `size,entry_bar,exit_bar,entry_time,exit_time,entry_price,exit_price,pnl,commission,return_pct,duration_days,exit_reason`
    /// (return_pct a fraction, as backtesting.py's `ReturnPct`).
    public static func tradesCSV(_ trades: [Trade]) -> String {
        var out = "size,entry_bar,exit_bar,entry_time,exit_time,entry_price,exit_price,pnl,commission,return_pct,duration_days,exit_reason\n"
        for t in trades {
            let fields: [String] = [
                number(t.size), String(t.entryBar), String(t.exitBar),
                CivilTime.format(t.entryTime), CivilTime.format(t.exitTime),
                number(t.entryPrice), number(t.exitPrice), number(t.pnl), number(t.commission),
                number(t.returnPct), number(t.durationDays), t.exitReason.rawValue,
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// The equity curve with the header `date,equity,drawdown,drawdown_duration_days`:
    /// drawdown as a fraction below the running peak; the duration (days) only on the
    /// bar that ends a drawdown period, empty elsewhere (as backtesting.py's curve).
    public static func equityCSV(time: [Int64], equity: [Double]) -> String {
        let n = min(time.count, equity.count)
        let dd = BacktestStatistics.drawdowns(BacktestStatistics.leading(equity, n))
        let dur = BacktestStatistics.drawdownDurations(time: time, drawdowns: dd)
        var out = "date,equity,drawdown,drawdown_duration_days\n"
        for k in 0..<n {
            out += CivilTime.format(time[k]) + "," + number(equity[k]) + "," + number(dd[k]) + ","
                + (dur[k].isNaN ? "" : number(dur[k])) + "\n"
        }
        return out
    }

    public static func equityCSV(_ r: BacktestResult) -> String { equityCSV(time: r.time, equity: r.equity) }

    /// The statistics as an aligned two-column table (like backtesting.py's printout):
    /// numbers to 5 decimals, durations in days, dates as ISO dates.
    public static func statsTable(_ stats: Statistics) -> String {
        let width = (stats.keys.map(\.count).max() ?? 0) + 2
        var out = ""
        for e in stats.entries {
            let value: String
            switch e.value {
            case .time(let t): value = CivilTime.format(t)
            case .count(let c): value = String(c)
            case .days(let d): value = d.isNaN ? "NaN" : (d == d.rounded() ? "\(Int64(d)) days" : "\(fixed(d, 3)) days")
            case .number(let x): value = fixed(x, 5)
            }
            out += e.key.padding(toLength: width, withPad: " ", startingAt: 0) + value + "\n"
        }
        return out
    }

    /// Shortest text that reads back as the same Double; "nan"/"inf" never appear (empty).
    static func number(_ x: Double) -> String {
        x.isFinite ? Format.roundTrip(x) : ""
    }

    static func fixed(_ x: Double, _ digits: Int) -> String { Format.fixed(x, digits) }

    static func json(_ v: StatValue) -> String {
        switch v {
        case .time(let t): return quote(CivilTime.format(t))
        case .count(let c): return String(c)
        case .days(let x), .number(let x): return x.isFinite ? Format.roundTrip(x) : "null"
        }
    }

    /// A JSON string literal (RFC 8259 escapes).
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
