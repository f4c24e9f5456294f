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

    /// Runs `compute` over every row; it returns the output cells (all but the last,
    /// error column, which is left empty on success).
    static func run(csv text: String, what: String, required: [String], outputColumns: [String],
                    cancel: (@Sendable () -> Bool)? = nil, compute: (Row) throws -> [String]) throws -> GreeksBatch.Result {
        // Lines are cut on the UTF-8 bytes, not on Characters: grapheme breaking over a
        // file of many megabytes took seconds of a debug build before the first row, and
        // Ctrl-C is only felt in the row loop. A CR before the LF is dropped (CRLF files).
        func line(_ raw: Substring.UTF8View) -> String {
            let s = String(decoding: raw, as: UTF8.self)
            return s.hasSuffix("\r") ? String(s.dropLast()) : s
        }
        var rawLines = text.utf8.split(separator: UInt8(ascii: "\n"))[...]
        var headerLine = ""
        while headerLine.trimmingCharacters(in: .whitespaces).isEmpty, let first = rawLines.popFirst() { headerLine = line(first) }
        guard !headerLine.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OptionError.parse("\(what) CSV is empty: expected a header line")
        }
        let names = headerLine.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ candidates: [String]) -> Int? { candidates.lazy.compactMap { names.firstIndex(of: $0) }.first }
        let header = try columns(required, in: names, what: what)
        let days = column(["days"]), years = column(["years", "t_years"])
        guard days != nil || years != nil else {
            throw OptionError.parse("\(what) CSV header needs a days or years column (has: \(names.joined(separator: ", ")))")
        }
        let yield = column(["div_yield", "dividend_yield", "q"])
        var out = [headerLine + "," + outputColumns.joined(separator: ",")]
        var failed = 0, rows = 0
        for (k, raw) in rawLines.enumerated() {
            if k & 255 == 0, let cancel, cancel() { throw OptionError.cancelled }
            let line = line(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            rows += 1
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            do {
                let values = try compute(Row(cells: cells, header: header, days: days, years: years, yield: yield))
                out.append(line + "," + values.joined(separator: ",") + ",")
            } catch {
                failed += 1
                let reason = "\(error)".replacingOccurrences(of: ",", with: ";")
                out.append(line + String(repeating: ",", count: outputColumns.count) + reason)
            }
        }
        return GreeksBatch.Result(csv: out.joined(separator: "\n") + "\n", rows: rows, failed: failed)
    }
}
