/// One statistic's value, typed so exports can render each kind properly.
public enum StatValue: Sendable, Equatable {
    /// A timestamp (seconds since 1970, naive).
    case time(Int64)
    /// A duration in calendar days (fractional for intraday data).
    case days(Double)
    case number(Double)
    case count(Int)

    /// The value as a number: days for durations, seconds since 1970 for times.
    public var doubleValue: Double {
        switch self {
        case .time(let t): return Double(t)
        case .days(let d): return d
        case .number(let x): return x
        case .count(let n): return Double(n)
        }
    }
}

/// A backtest's statistics as an ordered list of named values, in backtesting.py's key
/// order (so a table or a JSON file reads the same as that library's output).
public struct Statistics: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: StatValue
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    public var keys: [String] { entries.map(\.key) }

    /// A value by key, or nil when the statistic is absent (e.g. "Commissions [$]" when
    /// there were none).
    public subscript(key: String) -> StatValue? {
        entries.first { $0.key == key }?.value
    }

    /// A value as a number; NaN when absent.
    public func number(_ key: String) -> Double {
        self[key]?.doubleValue ?? .nan
    }

    mutating func append(_ key: String, _ value: StatValue) {
        entries.append(Entry(key: key, value: value))
    }
}
