#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits CSV bytes into records and fields without building a String per field.
///
/// RFC 4180 with the leniency real exports need: `,` `;` or tab separators, CRLF, LF or
/// lone CR line ends, a UTF-8 byte-order mark, spaces around fields, blank lines
/// (skipped). A quoted field may hold separators, doubled quotes and line breaks.
///
/// Unquoted fields are byte ranges of the input; quoted fields are unescaped into a
/// per-record scratch buffer. Callers read a field through `withField`, so parsing a
/// number touches the bytes once and allocates nothing.
///
/// The one CSV reader: price bars (`BarsCSV`), general tables (`CSVTable`: option
/// chains, option batches) all split their text here, so quoting, separators,
/// line ends and line numbers in errors are the same everywhere. Pure (bytes in, fields
/// out), so it lives in TapeCore with the readers built on it (`BarsCSV`, `CSVTable`),
/// whose hot loops then see it whole.
package struct CSVScanner {
    struct Span {
        var lo: Int
        var hi: Int
        var inScratch: Bool
    }

    private let buf: UnsafeBufferPointer<UInt8>
    private let source: String
    package let separator: UInt8
    private var pos: Int
    private var line: Int
    private var scratch: [UInt8] = []
    /// Fields of the current record.
    private(set) var spans: [Span] = []
    /// 1-based line where the current record starts.
    package private(set) var recordLine = 0
    /// Byte offset where the current record starts (`recordText` finds its end).
    private var recordStart = 0

    package static let quote: UInt8 = 34, comma: UInt8 = 44, semicolon: UInt8 = 59, tab: UInt8 = 9
    static let lf: UInt8 = 10, cr: UInt8 = 13, space: UInt8 = 32, hash: UInt8 = 35

    /// Starts at the header: after a byte-order mark, blank lines and (when `skipBanner`)
    /// leading lines with no separator at all or starting with `#`, such as the URL
    /// banner CryptoDataDownload puts above its header. The separator is the one of
    /// `,` `;` tab that occurs most often (outside quotes) in the header line.
    package init(_ buf: UnsafeBufferPointer<UInt8>, source: String, skipBanner: Bool) {
        self.buf = buf
        self.source = source
        var p = 0
        if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { p = 3 }
        var line = 1
        var chosen = CSVScanner.comma
        // Where the first skipped banner was: if no line has a separator, the file is not
        // a bannered CSV after all and reading restarts there, so the error names it.
        var firstBanner: (pos: Int, line: Int)?
        while p < buf.count {
            var counts = (0, 0, 0)
            var inQuote = false
            var q = p
            var nonBlank = false
            while q < buf.count {
                let c = buf[q]
                if c == CSVScanner.quote { inQuote.toggle() }
                if !inQuote {
                    if c == CSVScanner.lf || c == CSVScanner.cr { break }
                    if c == CSVScanner.comma { counts.0 += 1 } else if c == CSVScanner.semicolon { counts.1 += 1 } else if c == CSVScanner.tab { counts.2 += 1 }
                }
                if c != CSVScanner.space && c != CSVScanner.tab { nonBlank = true }
                q += 1
            }
            let total = counts.0 + counts.1 + counts.2
            let isBanner = skipBanner && nonBlank && (total == 0 || buf[p] == CSVScanner.hash)
            if nonBlank && !isBanner {
                if counts.1 > counts.0 && counts.1 >= counts.2 { chosen = CSVScanner.semicolon } else if counts.2 > counts.0 && counts.2 > counts.1 { chosen = CSVScanner.tab }
                break
            }
            if isBanner, firstBanner == nil { firstBanner = (p, line) }
            // Skip this line and its line end.
            p = q
            if p < buf.count, buf[p] == CSVScanner.cr { p += 1 }
            if p < buf.count, buf[p] == CSVScanner.lf { p += 1 }
            line += 1
        }
        if p >= buf.count, let banner = firstBanner { (p, line) = banner }
        self.pos = p
        self.line = line
        self.separator = chosen
    }

    package var fieldCount: Int { spans.count }

    /// Reads the next non-blank record; false at the end of the input.
    package mutating func next() throws -> Bool {
        let n = buf.count
        let sep = separator
        // The field list is worked on as a local and put back at the end: appending to the
        // stored property checked its uniqueness on every field.
        var spans = self.spans
        self.spans = []
        defer { self.spans = spans }
        while pos < n {
            recordLine = line
            recordStart = pos
            spans.removeAll(keepingCapacity: true)
            if !scratch.isEmpty { scratch.removeAll(keepingCapacity: true) }
            var sawQuote = false
            fields: while true {
                while pos < n, buf[pos] == CSVScanner.space || (buf[pos] == CSVScanner.tab && sep != CSVScanner.tab) { pos += 1 }
                if pos < n, buf[pos] == CSVScanner.quote {
                    sawQuote = true
                    pos += 1
                    let lo = scratch.count
                    while true {
                        guard pos < n else {
                            throw CSVError(source: source, line: recordLine,
                                           message: "unterminated quoted field (column \(spans.count + 1))")
                        }
                        let c = buf[pos]
                        if c == CSVScanner.quote {
                            if pos + 1 < n, buf[pos + 1] == CSVScanner.quote {
                                scratch.append(CSVScanner.quote)
                                pos += 2
                                continue
                            }
                            pos += 1
                            break
                        }
                        if c == CSVScanner.lf || (c == CSVScanner.cr && !(pos + 1 < n && buf[pos + 1] == CSVScanner.lf)) { line += 1 }
                        scratch.append(c)
                        pos += 1
                    }
                    spans.append(Span(lo: lo, hi: scratch.count, inScratch: true))
                    while pos < n, buf[pos] == CSVScanner.space || (buf[pos] == CSVScanner.tab && sep != CSVScanner.tab) { pos += 1 }
                    if pos < n, buf[pos] != sep, buf[pos] != CSVScanner.lf, buf[pos] != CSVScanner.cr {
                        throw CSVError(source: source, line: line,
                                       message: "unexpected text after closing quote (column \(spans.count))")
                    }
                } else {
                    let lo = pos
                    while pos < n {
                        let c = buf[pos]
                        if c == sep || c == CSVScanner.lf || c == CSVScanner.cr { break }
                        pos += 1
                    }
                    var hi = pos
                    while hi > lo, buf[hi - 1] == CSVScanner.space || (buf[hi - 1] == CSVScanner.tab && sep != CSVScanner.tab) { hi -= 1 }
                    spans.append(Span(lo: lo, hi: hi, inScratch: false))
                }
                if pos >= n { break fields }
                let c = buf[pos]
                pos += 1
                if c == sep { continue fields }
                if c == CSVScanner.cr, pos < n, buf[pos] == CSVScanner.lf { pos += 1 }
                line += 1
                break fields
            }
            if spans.count == 1, !sawQuote, spans[0].lo == spans[0].hi { continue }   // blank line
            return true
        }
        return false
    }

    /// The current record's text as written (quotes and separators included), without
    /// its line end: from its start to where reading stopped, less the LF, CRLF or CR.
    package func recordText() -> String {
        var end = max(pos, recordStart)
        if end > recordStart, buf[end - 1] == CSVScanner.lf {
            end -= 1
            if end > recordStart, buf[end - 1] == CSVScanner.cr { end -= 1 }
        } else if end > recordStart, buf[end - 1] == CSVScanner.cr {
            end -= 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: buf[recordStart..<end]), as: UTF8.self)
    }

    /// Calls `body` with the bytes of field `i` of the current record (trimmed, unescaped).
    package func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let s = spans[i]
        if s.inScratch {
            return try scratch.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[s.lo..<s.hi])) }
        }
        return try body(UnsafeBufferPointer(rebasing: buf[s.lo..<s.hi]))
    }

    package func string(_ i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }

    package func isEmpty(_ i: Int) -> Bool { spans[i].lo == spans[i].hi }

    /// All fields of the current record as strings.
    package func strings() -> [String] {
        (0..<spans.count).map { string($0) }
    }

    /// An upper bound on the number of records left, to size output arrays once.
    package func remainingLineEstimate() -> Int {
        // memchr (vectorised in the C library) from line end to line end: a byte-at-a-time
        // loop here was a third of the time a large daily file took to read.
        var count = 1
        guard let base = buf.baseAddress, pos < buf.count else { return count }
        var p = UnsafeRawPointer(base + pos)
        let end = UnsafeRawPointer(base + buf.count)
        while p < end, let hit = memchr(p, Int32(CSVScanner.lf), end - p) {
            count += 1
            p = UnsafeRawPointer(hit) + 1
        }
        return count
    }
}
