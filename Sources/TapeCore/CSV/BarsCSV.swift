/// Reads OHLCV price bars from CSV as common sources write it.
///
/// Columns are found by name in any order, ignoring case and punctuation, so
/// `date,open,...,adj_close` (Tape's own and /work/shared's layout), Yahoo's
/// `Date,Open,High,Low,Close,Adj Close,Volume`, Stooq's `Date,Open,...,Volume` and
/// `<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,...,<VOL>,<OPENINT>` and pandas' (backtesting.py's)
/// `,Open,High,Low,Close,Volume`, whose unnamed first column is the date, all read
/// without options.
/// Only a date and a close column are required; absent open/high/low/volume columns
/// and empty or `NA`/`NaN`/`null` cells become NaN. Rows must be strictly increasing in
/// time, or strictly decreasing throughout (newest-first exports), which is reversed.
/// With `;` as separator a decimal comma (`12,5`) is accepted, as European exports use.
public enum BarsCSV {
    public static func parse(text: String, name: String, source: String) throws -> Bars {
        var text = text
        return try text.withUTF8 { try parse(bytes: $0, name: name, source: source) }
    }

    public static func parse(bytes: [UInt8], name: String, source: String) throws -> Bars {
        try bytes.withUnsafeBufferPointer { try parse(bytes: $0, name: name, source: source) }
    }

    /// The columns a bar file may have, in output order.
    enum Role: Int, CaseIterable {
        case open, high, low, close, volume, adjClose

        var canonicalName: String {
            switch self {
            case .open: return "open"
            case .high: return "high"
            case .low: return "low"
            case .close: return "close"
            case .volume: return "volume"
            case .adjClose: return "adj_close"
            }
        }

        /// Accepted header spellings after `normalize`, most specific first.
        var aliases: [String] {
            switch self {
            case .open: return ["open", "o"]
            case .high: return ["high", "h"]
            case .low: return ["low", "l"]
            case .close: return ["close", "closelast", "last", "price", "c"]
            case .volume: return ["volume", "vol", "v"]
            case .adjClose: return ["adjclose", "adjustedclose", "adjcls"]
            }
        }
    }

    /// Header names that can hold the bar's date (or full timestamp), in preference order.
    static let dateAliases = ["date", "datetime", "timestamp", "day", "time"]

    /// Lower-case letters and digits only: `Adj Close`, `adj_close`, `<CLOSE>` and
    /// `Adj. Close` all compare equal to their plain spelling.
    static func normalize(_ header: String) -> String {
        String(header.lowercased().unicodeScalars.filter {
            ($0.value >= 97 && $0.value <= 122) || ($0.value >= 48 && $0.value <= 57)
        })
    }

    struct Layout {
        var date: Int
        /// A separate time-of-day column (Stooq `<TIME>`, `Date,Time,...` exports).
        var timeOfDay: Int?
        var roles: [Role: Int]
    }

    static func layout(_ header: [String], source: String, line: Int) throws -> Layout {
        let names = header.map(normalize)
        var seen: [String: Int] = [:]
        for (i, n) in names.enumerated() where !n.isEmpty {
            if let first = seen[n], dateAliases.contains(n) || Role.allCases.contains(where: { $0.aliases.contains(n) }) {
                throw CSVError(source: source, line: line,
                               message: "column \(clip(header[i])) appears twice (columns \(first + 1) and \(i + 1))")
            }
            seen[n] = i
        }
        var date: Int?
        for alias in dateAliases { if let i = seen[alias] { date = i; break } }
        // pandas writes its index without a name: backtesting.py's own files begin
        // `,Open,High,Low,Close,Volume`, the dates in that unnamed first column.
        if date == nil, header.count > 1, names[0].isEmpty, header[0].allSatisfy(\.isWhitespace) { date = 0 }
        var timeOfDay: Int?
        if let d = date, names[d] != "time", let t = seen["time"] { timeOfDay = t }
        var roles: [Role: Int] = [:]
        for role in Role.allCases {
            for alias in role.aliases { if let i = seen[alias] { roles[role] = i; break } }
        }
        var missing: [String] = []
        if date == nil { missing.append("date") }
        if roles[.close] == nil { missing.append("close") }
        guard let dateColumn = date, missing.isEmpty else {
            let what = "missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))"
            if let first = header.first, CSVValue.time(first) != nil {
                throw CSVError(source: source, line: line,
                               message: "\(what): the first line looks like data, not a header (expected e.g. date,open,high,low,close,volume)")
            }
            throw CSVError(source: source, line: line,
                           message: "\(what) (found: \(clip(header.joined(separator: ", "), limit: 120)))")
        }
        return Layout(date: dateColumn, timeOfDay: timeOfDay, roles: roles)
    }

    public static func parse(bytes: UnsafeBufferPointer<UInt8>, name: String, source: String) throws -> Bars {
        var scanner = CSVScanner(bytes, source: source, skipBanner: true)
        guard try scanner.next() else { throw CSVError(source: source, line: nil, message: "empty file") }
        let headerLine = scanner.recordLine
        let header = scanner.strings()
        let layout = try layout(header, source: source, line: headerLine)
        let decimalComma = scanner.separator == CSVScanner.semicolon
        let estimate = scanner.remainingLineEstimate()

        var time: [Int64] = []
        time.reserveCapacity(estimate)
        // One array per role, each a local variable: appending through an array of
        // optional arrays checked its uniqueness on every value, a fifth of the time a
        // market-sized universe took to read. Absent roles stay empty until the end.
        var open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = [], volume: [Double] = []
        var adjClose: [Double] = []
        let present: [(role: Role, index: Int)] = Role.allCases.compactMap { r in layout.roles[r].map { (r, $0) } }
        for (role, _) in present {
            switch role {
            case .open: open.reserveCapacity(estimate)
            case .high: high.reserveCapacity(estimate)
            case .low: low.reserveCapacity(estimate)
            case .close: close.reserveCapacity(estimate)
            case .volume: volume.reserveCapacity(estimate)
            case .adjClose: adjClose.reserveCapacity(estimate)
            }
        }

        var descending = false
        var previousLine = 0
        while try scanner.next() {
            let line = scanner.recordLine
            try CSVTable.checkFieldCount(scanner, expected: header.count, source: source)
            guard !scanner.isEmpty(layout.date) else {
                throw CSVError(source: source, line: line, message: "missing date")
            }
            guard var t = scanner.withField(layout.date, { CSVValue.time($0) }) else {
                throw CSVError(source: source, line: line,
                               message: "bad date '\(clip(scanner.string(layout.date)))' in column \(clip(header[layout.date]))")
            }
            if let tc = layout.timeOfDay {
                guard let s = scanner.withField(tc, { CSVValue.timeOfDay($0) }), t % CivilTime.secondsPerDay == 0 else {
                    throw CSVError(source: source, line: line,
                                   message: "bad time '\(clip(scanner.string(tc)))' in column \(clip(header[tc]))")
                }
                t += s
            }
            for (role, index) in present {
                let v: Double
                switch scanner.withField(index, { CSVValue.number($0, decimalComma: decimalComma) }) {
                case .value(let x): v = x
                case .missing:
                    if role == .close { throw CSVError(source: source, line: line, message: "missing close") }
                    v = .nan
                case .bad:
                    throw CSVError(source: source, line: line,
                                   message: "bad number '\(clip(scanner.string(index)))' in column \(clip(header[index]))")
                case .outOfRange:
                    throw CSVError(source: source, line: line,
                                   message: "number out of range '\(clip(scanner.string(index)))' in column \(clip(header[index]))")
                }
                switch role {
                case .open: open.append(v)
                case .high: high.append(v)
                case .low: low.append(v)
                case .close: close.append(v)
                case .volume: volume.append(v)
                case .adjClose: adjClose.append(v)
                }
            }
            if let prev = time.last {
                if time.count == 1, t < prev { descending = true }
                if t == prev {
                    let kind = t % CivilTime.secondsPerDay == 0 ? "date" : "time"
                    throw CSVError(source: source, line: line,
                                   message: "duplicate \(kind) \(CivilTime.format(t)) (also on line \(previousLine))")
                }
                if (t < prev) != descending {
                    let order = descending ? " in a file that runs newest first" : "; rows must be oldest first"
                    throw CSVError(source: source, line: line,
                                   message: "unsorted: \(CivilTime.format(t)) comes after \(CivilTime.format(prev)) (line \(previousLine))\(order)")
                }
            }
            time.append(t)
            previousLine = line
        }
        guard !time.isEmpty else {
            throw CSVError(source: source, line: headerLine, message: "header only, no data rows")
        }
        if descending {
            time.reverse()
            for i in 0..<6 {
                switch Role(rawValue: i) {
                case .open: open.reverse()
                case .high: high.reverse()
                case .low: low.reverse()
                case .close: close.reverse()
                case .volume: volume.reverse()
                case .adjClose: adjClose.reverse()
                case nil: break
                }
            }
        }
        func column(_ r: Role, _ values: [Double]) -> [Double] {
            layout.roles[r] == nil ? [Double](repeating: .nan, count: time.count) : values
        }
        return Bars(symbol: name, time: time, open: column(.open, open), high: column(.high, high), low: column(.low, low),
                    close: column(.close, close), volume: column(.volume, volume),
                    adjClose: layout.roles[.adjClose] == nil ? nil : adjClose)
    }

    /// Field text fit for a one-line message: control characters shown as `?`, long
    /// text cut with an ellipsis.
    static func clip(_ s: String, limit: Int = 40) -> String {
        var out = String(s.unicodeScalars.prefix(limit).map { $0.value < 32 || $0.value == 127 ? "?" : Character($0) })
        if s.unicodeScalars.count > limit { out += "…" }
        return out
    }
}
