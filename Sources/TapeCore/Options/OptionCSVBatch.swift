import Foundation

/// The reading and writing shared by the option batches (`greeks from`, `iv from`).
///
/// Input columns are found by header name in any order; the time is days (calendar days,
/// t = days/365) or years (`years`, `t_years`); the dividend yield (`div_yield`,
/// `dividend_yield` or `q`) is optional. Each output line is the input line followed by
/// the batch's columns; a row that cannot be computed keeps its cells and says why in the
/// last column instead of stopping the batch.
enum OptionCSVBatch {
    /// One input row, with accessors that name the bad cell when they throw.
    struct Row {
        let cells: [String]
        let header: [String: Int]
        let days: Int?, years: Int?, yield: Int?

        func number(_ name: String) throws -> Double { try number(at: header[name], name) }

        func number(at i: Int?, _ name: String) throws -> Double {
            guard let i, i < cells.count else { throw OptionError.parse("missing \(name)") }
            guard let v = Double(cells[i]) else { throw OptionError.parse("\(name) \"\(cells[i])\" is not a number") }
            return v
        }

        func type() throws -> OptionType {
            guard let i = header["type"], i < cells.count, let t = OptionType(text: cells[i]) else {
                throw OptionError.parse("type must be call or put")
            }
            return t
        }

        func timeInYears() throws -> Double {
            if let years { return try number(at: years, "years") }
            return try number(at: days, "days") / 365
        }

        func dividendYield() throws -> Double { try yield.map { try number(at: $0, "dividend yield") } ?? 0 }
    }

    /// The index of each `required` column among the header `names` (first occurrence);
    /// throws naming the first one missing and the columns the file has.
    static func columns(_ required: [String], in names: [String], what: String) throws -> [String: Int] {
        var index: [String: Int] = [:]
        for name in required {
            guard let i = names.firstIndex(of: name) else {
                throw OptionError.parse("\(what) CSV header lacks column \(name) (has: \(names.joined(separator: ", ")))")
            }
            index[name] = i
        }
        return index
    }

    /// The table of `text` (`source` names it in errors); an empty text is an error
    /// saying what the file should start with.
    static func table(_ text: String, source: String, what: String,
                      cancel: (@Sendable () -> Bool)? = nil) throws -> CSVTable.Records {
        do {
            return try CSVTable.records(text: text, source: source, cancel: cancel)
        } catch is CancellationError {
            throw OptionError.cancelled
        } catch let e as CSVError where e.line == nil {
            throw OptionError.parse("\(what) CSV is empty: expected a header line")
        }
    }

    /// Runs `compute` over every row; it returns the output cells (all but the last,
    /// error column, which is left empty on success). Output rows are the input rows as
    /// written, then the new cells, with the input's separator.
    /// `cancel` is polled every 256 rows.
    static func run(csv text: String, source: String, what: String, required: [String], outputColumns: [String],
                    cancel: (@Sendable () -> Bool)? = nil, compute: (Row) throws -> [String]) throws -> GreeksBatch.Result {
        let table = try table(text, source: source, what: what, cancel: cancel)
        let names = table.header.map { $0.lowercased() }
        func column(_ candidates: [String]) -> Int? { candidates.lazy.compactMap { names.firstIndex(of: $0) }.first }
        let header = try columns(required, in: names, what: what)
        let days = column(["days"]), years = column(["years", "t_years"])
        guard days != nil || years != nil else {
            throw OptionError.parse("\(what) CSV header needs a days or years column (has: \(names.joined(separator: ", ")))")
        }
        let yield = column(["div_yield", "dividend_yield", "q"])
        let sep = String(table.separator)
        // One string grown in place: joining 400,000 row strings at the end took a third
        // of a second during which Ctrl-C could not be honoured.
        var out = table.headerText + sep + outputColumns.joined(separator: sep) + "\n"
        out.reserveCapacity(text.utf8.count * 2)
        var failed = 0
        for (k, row) in table.rows.enumerated() {
            if k & 255 == 0, let cancel, cancel() { throw OptionError.cancelled }
            out += row.text
            do {
                let values = try compute(Row(cells: row.fields, header: header, days: days, years: years, yield: yield))
                out += sep
                for v in values { out += v; out += sep }
            } catch {
                failed += 1
                // The reason is free text: it must not add cells.
                let reason = "\(error)".replacingOccurrences(of: sep, with: sep == "," ? ";" : ",")
                out += String(repeating: sep, count: outputColumns.count) + reason
            }
            out += "\n"
        }
        return GreeksBatch.Result(csv: out, rows: table.rows.count, failed: failed)
    }
}
