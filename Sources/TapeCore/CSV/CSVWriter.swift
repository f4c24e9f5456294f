/// Writes CSV that `BarsCSV` and `CSVTable` read back exactly.
///
/// Numbers: NaN is an empty cell; an integer value below 1e15 in magnitude is written
/// without a fraction (`4006500`, not `4006500.0`: volumes and whole prices stay
/// readable, and the text still converts back to the identical Double); everything else
/// uses Swift's `description`, the shortest text that round-trips (`135.5625`, `1e-05`).
/// Times: `YYYY-MM-DD` for a daily series; when any row has a time of day, every row is
/// written `YYYY-MM-DDTHH:MM:SS` so the column has one format. Line ends are `\n`.
public enum CSVWriter {
    /// `date,open,high,low,close,volume[,adj_close]`: the layout BarsCSV reads first.
    public static func write(_ bars: Bars) -> String {
        var columns: [(name: String, values: [Double])] = [
            ("open", bars.open), ("high", bars.high), ("low", bars.low), ("close", bars.close), ("volume", bars.volume),
        ]
        if let adj = bars.adjClose { columns.append(("adj_close", adj)) }
        return write(times: bars.time, columns: columns)
    }

    /// A date column followed by numeric columns. A column shorter than `times` leaves
    /// empty cells (it is never read out of bounds).
    public static func write(times: [Int64], columns: [(name: String, values: [Double])], dateHeader: String = "date") -> String {
        let forceTime = times.contains { $0 % CivilTime.secondsPerDay != 0 }
        var out = ([dateHeader] + columns.map(\.name)).map { field($0) }.joined(separator: ",")
        out += "\n"
        out.reserveCapacity(times.count * (20 + 14 * columns.count))
        for (row, t) in times.enumerated() {
            out += CivilTime.format(t, forceTime: forceTime)
            for c in columns {
                out += ","
                if row < c.values.count { out += number(c.values[row]) }
            }
            out += "\n"
        }
        return out
    }

    /// A table of text cells, quoted where needed.
    public static func write(header: [String], rows: [[String]]) -> String {
        var out = header.map { field($0) }.joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { field($0) }.joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// The cell text of a number (see the type's comment for the rules).
    public static func number(_ x: Double) -> String {
        x.isNaN ? "" : Format.exact(x, signedZero: true)
    }

    /// A cell, quoted (RFC 4180: doubled inner quotes) when it holds a separator the
    /// reader might detect, a quote, a line break, or edge spaces the reader would trim.
    public static func field(_ s: String) -> String {
        let needsQuotes = s.utf8.contains { $0 == 44 || $0 == 59 || $0 == 9 || $0 == 34 || $0 == 10 || $0 == 13 }
            || s.utf8.first == 32 || s.utf8.last == 32
        guard needsQuotes else { return s }
        var out = "\""
        for c in s { out += c == "\"" ? "\"\"" : String(c) }
        return out + "\""
    }
}
