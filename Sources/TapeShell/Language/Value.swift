import TapeCore

/// A function result with several named outputs (`bbands(close, 20).upper`).
public struct MultiSeries: Sendable {
    public var axis: TimeAxis
    public var names: [String]
    public var columns: [[Double]]
    public var name: String

    public func output(_ n: String) -> Series? {
        guard let i = names.firstIndex(of: n.lowercased()) else { return nil }
        return Series(axis: axis, values: columns[i], name: "\(name).\(names[i])")
    }
}

public enum Value: Sendable {
    case number(Double)
    /// A length of time as written (`30d`, `6m`, `2y`); consumers convert: options count
    /// calendar days / 365, calendars step months and years.
    case duration(Double, NumberUnit)
    case bool(Bool)
    case string(String)
    case date(Int64)
    case series(Series)
    case multi(MultiSeries)
    case numberRange(from: Double, to: Double, step: Double)
    case dateRange(from: Int64, to: Int64)

    public var typeName: String {
        switch self {
        case .number: return "a number"
        case .duration: return "a duration"
        case .bool: return "a true/false value"
        case .string: return "a string"
        case .date: return "a date"
        case .series: return "a series"
        case .multi: return "a multi-output series"
        case .numberRange: return "a number range"
        case .dateRange: return "a date range"
        }
    }

    /// The values of a number range, inclusive of `to` when a step lands on it (within
    /// rounding), e.g. `5..50 step 5` gives 10 values.
    public static func expand(from: Double, to: Double, step: Double) -> [Double] {
        guard step > 0, from <= to else { return from == to ? [from] : [] }
        let count = ((to - from) / step + 1e-9).rounded(.down)
        guard count.isFinite, count < 10_000_000 else { return [] }
        let n = Int(count)
        return (0...n).map { from + Double($0) * step }
    }

    /// Duration in calendar days (month = 365.25/12 days, year = 365 days, week = 7).
    public static func days(_ count: Double, _ unit: NumberUnit) -> Double {
        switch unit {
        case .days: return count
        case .weeks: return count * 7
        case .months: return count * 365.0 / 12.0
        case .years: return count * 365
        case .hours: return count / 24
        case .percent, .basisPoints: return count
        }
    }
}
