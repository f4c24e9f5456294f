/// A general CSV tokenizer for tables that are not price bars (option chains, batch
/// inputs): quoting, separator detection and line numbers, with every row checked to
/// have exactly the header's number of fields so callers can index without checks.
public enum CSVTable {
    /// Header fields and data rows (blank lines skipped). Each row has `header.count`
    /// fields; trailing empty fields beyond the header (a trailing separator) are dropped.
    public static func parse(text: String, source: String) throws -> (header: [String], rows: [[String]]) {
        let t = try parseNumbered(text: text, source: source)
        return (t.header, t.rows)
    }

    /// As `parse`, plus the 1-based line on which each row starts, for error messages.
    public static func parseNumbered(text: String, source: String) throws -> (header: [String], rows: [[String]], lines: [Int]) {
        var text = text
        return try text.withUTF8 { try parse(bytes: $0, source: source) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>, source: String) throws -> (header: [String], rows: [[String]], lines: [Int]) {
        var scanner = CSVScanner(bytes, source: source, skipBanner: false)
        guard try scanner.next() else { throw CSVError(source: source, line: nil, message: "empty file") }
        let header = scanner.strings()
        var rows: [[String]] = []
        var lines: [Int] = []
        while try scanner.next() {
            try checkFieldCount(scanner, expected: header.count, source: source)
            rows.append((0..<header.count).map { scanner.string($0) })
            lines.append(scanner.recordLine)
        }
        return (header, rows, lines)
    }

    /// Throws unless the current record has `expected` fields, or more whose extras are
    /// all empty (a trailing separator). Shared with BarsCSV so both word it the same.
    static func checkFieldCount(_ scanner: CSVScanner, expected: Int, source: String) throws {
        let got = scanner.fieldCount
        if got < expected {
            throw CSVError(source: source, line: scanner.recordLine,
                           message: "row has \(got) field\(got == 1 ? "" : "s"), header has \(expected)")
        }
        if got > expected, (expected..<got).contains(where: { !scanner.isEmpty($0) }) {
            throw CSVError(source: source, line: scanner.recordLine,
                           message: "row has \(got) fields, header has \(expected)")
        }
    }
}
