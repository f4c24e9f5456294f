/// A general CSV reader for tables that are not price bars (option chains, option batch
/// inputs), on the one tokenizer (`CSVScanner`): quoting, separator detection and line
/// numbers. `parse` checks every row has exactly the header's number of fields so callers
/// can index without checks; `records` keeps rows as written, for readers that report a
/// short row as a bad row rather than a bad file.
public enum CSVTable {
    /// One data row as read: its fields, the 1-based line it starts on, and its text as
    /// written (for outputs that echo the input row).
    public struct Record: Sendable, Equatable {
        public var fields: [String]
        public var line: Int
        public var text: String
    }

    /// Header fields, the data rows (blank lines skipped, each with as many fields as it
    /// has) and the separator found (`,` `;` or tab).
    public struct Records: Sendable, Equatable {
        public var header: [String]
        /// The header line as written.
        public var headerText: String
        public var rows: [Record]
        public var separator: Character
    }

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

    /// The header and every data row as written (rows may be shorter or longer than the
    /// header). Throws `CSVError` naming `source` and the line for an empty text or a
    /// malformed quote.
    /// `cancel` is polled every 1,024 rows; when it returns true the read stops with a
    /// `CancellationError` (a large file takes seconds in a debug build).
    public static func records(text: String, source: String, cancel: (@Sendable () -> Bool)? = nil) throws -> Records {
        var text = text
        return try text.withUTF8 { bytes in
            var scanner = CSVScanner(bytes, source: source, skipBanner: false)
            guard try scanner.next() else { throw CSVError(source: source, line: nil, message: "empty file") }
            let header = scanner.strings(), headerText = scanner.recordText()
            var rows: [Record] = []
            while try scanner.next() {
                if rows.count & 1023 == 0, let cancel, cancel() { throw CancellationError() }
                rows.append(Record(fields: scanner.strings(), line: scanner.recordLine, text: scanner.recordText()))
            }
            return Records(header: header, headerText: headerText, rows: rows,
                           separator: Character(Unicode.Scalar(scanner.separator)))
        }
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
