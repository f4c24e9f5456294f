import TapeCore

/// A length of time as written (`30d`, `6m`): options count calendar days / 365, while
/// calendars step months and years, so the unit is kept.
public struct DurationValue: Sendable, Equatable {
    public var count: Double
    public var unit: NumberUnit

    public init(count: Double, unit: NumberUnit) {
        self.count = count
        self.unit = unit
    }

    /// Calendar days (month = 365/12 days, year = 365 days, week = 7).
    public var days: Double { Value.days(count, unit) }
    /// Years of 365 calendar days: the option-pricing convention (QuantLib's Actual/365).
    public var years: Double { days / 365 }
    public var text: String { Format.number(count) + unit.rawValue }
}

/// An option's or argument's value after the dispatcher converted and checked it.
public enum ArgumentValue {
    /// Numbers of every numeric kind (rates already as fractions).
    case number(Double)
    /// A range written `a..b [step s]`, expanded.
    case numbers([Double])
    /// A `priceOffset`: a fraction of the price when written with `%` or `bp`, else an
    /// amount in price units.
    case priceOffset(Double, percent: Bool)
    case duration(DurationValue)
    case date(Int64)
    case dateRange(from: Int64, to: Int64)
    /// Choices (lower-cased), words, text and paths.
    case word(String)
    case flag
    /// Left for the command to evaluate.
    case expression(Expr)
}

/// Every converted value of one invocation, by option key, and the converted positional
/// arguments in order.
public struct Arguments {
    public var options: [String: ArgumentValue] = [:]
    /// One entry per positional argument; `.expression` where the declaration leaves it
    /// to the command.
    public var positionals: [ArgumentValue] = []

    public init() {}
}
