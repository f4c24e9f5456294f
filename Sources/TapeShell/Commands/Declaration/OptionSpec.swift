import TapeCore

/// What kind of value an option or argument takes. The dispatcher converts every value
/// once, by these rules, before a command runs; a command reads converted values and
/// never re-checks units or ranges itself.
///
/// The unit rules exist so that nothing is silently misread: `vol 25` could mean 25% or
/// 2500%, `expiry 30` could mean 30 days or 30 years, so both are errors that show the
/// fix instead of a guess.
public enum ValueKind: Sendable, Equatable {
    /// Any number; `%` and `bp` are read as fractions (`50%` is 0.5).
    case number
    /// A whole number without a unit (`steps 1000`).
    case count
    /// A price or an amount of money: a number without `%`, `bp` or a duration unit.
    case money
    /// A fraction written `25%`, `50bp` or `0.25`. A bare number of 1 or more is refused
    /// with "did you mean 25%?": a rate of 2500% is never what `vol 25` meant.
    case rate
    /// A distance from a price, written either way and read as written: a percentage of
    /// the price (`5%`, `50bp`, below 100%) or an amount in price units (`2.5`). Both
    /// spellings are meant (stops, entry offsets), so neither is refused; an expression
    /// is refused, since its value would not say which it is.
    case priceOffset
    /// A length of time with its unit: `30d`, `2w`, `6m`, `1y`, `4h`. A bare number is
    /// refused: "expiry needs a unit: 30d, 6m, 0.5y".
    case duration
    /// An ISO date, `2021-06-30`.
    case date
    /// A date range, `2020-01-01..2021-06-30`.
    case dateRange
    /// One word of a fixed list (case-insensitive); a near miss gets "did you mean".
    case choice([String])
    /// A bare word: a symbol, a name (`SPY`, `sma_cross`).
    case word
    /// A quoted string or a bare word.
    case text
    /// A file name, in quotes (Tab completes paths).
    case path
    /// No value: the word alone switches something on (`american`).
    case flag
    /// An expression the command evaluates itself (series, conditions, lists).
    case expression

    /// How the kind reads in usage lines and the command reference.
    public var placeholder: String {
        switch self {
        case .number, .money: return "N"
        case .count: return "N"
        case .rate: return "P%"
        case .priceOffset: return "P%|X"
        case .duration: return "30d"
        case .date: return "DATE"
        case .dateRange: return "DATE..DATE"
        case .choice(let words): return words.joined(separator: "|")
        case .word: return "NAME"
        case .text: return "TEXT"
        case .path: return "\"FILE\""
        case .flag: return ""
        case .expression: return "EXPR"
        }
    }

    /// A short description for the command reference.
    public var summary: String {
        switch self {
        case .number: return "number"
        case .count: return "whole number"
        case .money: return "price or amount"
        case .rate: return "rate (%, bp or a fraction below 1)"
        case .priceOffset: return "% of the price, or a bare number in price units"
        case .duration: return "duration (d, w, m, y, h)"
        case .date: return "date"
        case .dateRange: return "date range"
        case .choice(let words): return "one of " + words.joined(separator: ", ")
        case .word: return "name"
        case .text: return "text"
        case .path: return "file name"
        case .flag: return "flag"
        case .expression: return "expression"
        }
    }

    var isNumeric: Bool {
        switch self {
        case .number, .count, .money, .rate: return true
        default: return false
        }
    }
}

/// The allowed interval of a numeric value, checked after conversion (rates as
/// fractions, durations in calendar days).
public struct Bounds: Sendable, Equatable {
    public var lower: Double?
    public var upper: Double?
    public var lowerInclusive = true
    public var upperInclusive = true

    public init(lower: Double? = nil, upper: Double? = nil, lowerInclusive: Bool = true, upperInclusive: Bool = true) {
        self.lower = lower
        self.upper = upper
        self.lowerInclusive = lowerInclusive
        self.upperInclusive = upperInclusive
    }

    /// Greater than zero.
    public static let positive = Bounds(lower: 0, lowerInclusive: false)
    /// Zero or more.
    public static let nonNegative = Bounds(lower: 0)
    /// A fraction strictly between 0 and 1 (a probability, a confidence).
    public static let openUnit = Bounds(lower: 0, upper: 1, lowerInclusive: false, upperInclusive: false)

    public static func from(_ a: Double, to b: Double) -> Bounds { Bounds(lower: a, upper: b) }
    public static func atLeast(_ a: Double) -> Bounds { Bounds(lower: a) }
    public static func above(_ a: Double) -> Bounds { Bounds(lower: a, lowerInclusive: false) }

    public func contains(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if let l = lower, lowerInclusive ? x < l : x <= l { return false }
        if let u = upper, upperInclusive ? x > u : x >= u { return false }
        return true
    }

    /// "from 2 to 20000", "above 0", "at least 1", shown with `show` (which prints rates
    /// as percentages).
    public func describe(_ show: (Double) -> String) -> String {
        switch (lower, upper) {
        case let (l?, u?) where lowerInclusive && upperInclusive: return "from \(show(l)) to \(show(u))"
        case let (l?, u?): return "\(lowerInclusive ? "at least" : "above") \(show(l)) and \(upperInclusive ? "at most" : "below") \(show(u))"
        case let (l?, nil): return "\(lowerInclusive ? "at least" : "above") \(show(l))"
        case let (nil, u?): return "\(upperInclusive ? "at most" : "below") \(show(u))"
        case (nil, nil): return "any number"
        }
    }
}

/// One option of a command: `strike 105` or `strike=105`, or a flag such as `american`.
public struct OptionSpec: Sendable {
    public let name: String
    public let kind: ValueKind
    public let bounds: Bounds?
    /// The value may be a range `a..b [step s]` of the kind (`spot 80..120 step 5`).
    public let acceptsRange: Bool
    /// The command cannot run without it; the dispatcher says so, with the usage.
    public let required: Bool
    /// How the value is shown in the usage line (`K`, `30d`); the kind's default if empty.
    public let placeholder: String
    /// One line for `help COMMAND` and the command reference.
    public let help: String
    /// Values Tab offers after the key (choices are offered without this).
    public let completions: (@Sendable (Shell) -> [String])?
    /// Whether Tab offers this key, from the words typed after the command so far (a
    /// strategy's parameters once that strategy is named); always when nil.
    public let offered: (@Sendable (Shell, [String]) -> Bool)?

    public init(_ name: String, _ kind: ValueKind, bounds: Bounds? = nil, range acceptsRange: Bool = false,
                required: Bool = false, placeholder: String = "", help: String = "",
                completions: (@Sendable (Shell) -> [String])? = nil, offered: (@Sendable (Shell, [String]) -> Bool)? = nil) {
        self.name = name
        self.kind = kind
        self.bounds = bounds
        self.acceptsRange = acceptsRange
        self.required = required
        self.placeholder = placeholder
        self.help = help
        self.completions = completions
        self.offered = offered
    }

    public var isFlag: Bool { kind == .flag }

    /// `strike K`, `[american]`, `[steps N]` as the usage line shows it.
    public var usage: String {
        let shown = isFlag ? name : "\(name) \(placeholder.isEmpty ? kind.placeholder : placeholder)"
        return required ? shown : "[\(shown)]"
    }

    // Short constructors, so a declaration reads as a list of what a command takes.
    public static func number(_ n: String, _ help: String = "", bounds: Bounds? = nil, range: Bool = false, required: Bool = false, placeholder: String = "") -> OptionSpec {
        OptionSpec(n, .number, bounds: bounds, range: range, required: required, placeholder: placeholder, help: help)
    }
    public static func count(_ n: String, _ help: String = "", bounds: Bounds? = nil, required: Bool = false, placeholder: String = "") -> OptionSpec {
        OptionSpec(n, .count, bounds: bounds, required: required, placeholder: placeholder, help: help)
    }
    public static func money(_ n: String, _ help: String = "", bounds: Bounds? = nil, range: Bool = false, required: Bool = false, placeholder: String = "") -> OptionSpec {
        OptionSpec(n, .money, bounds: bounds, range: range, required: required, placeholder: placeholder, help: help)
    }
    public static func rate(_ n: String, _ help: String = "", bounds: Bounds? = nil, range: Bool = false, required: Bool = false, placeholder: String = "") -> OptionSpec {
        OptionSpec(n, .rate, bounds: bounds, range: range, required: required, placeholder: placeholder, help: help)
    }
    public static func priceOffset(_ n: String, _ help: String = "", bounds: Bounds? = nil, placeholder: String = "") -> OptionSpec {
        OptionSpec(n, .priceOffset, bounds: bounds, placeholder: placeholder, help: help)
    }
    public static func duration(_ n: String, _ help: String = "", bounds: Bounds? = nil, required: Bool = false, placeholder: String = "") -> OptionSpec {
        OptionSpec(n, .duration, bounds: bounds, required: required, placeholder: placeholder, help: help)
    }
    public static func date(_ n: String, _ help: String = "", required: Bool = false) -> OptionSpec {
        OptionSpec(n, .date, required: required, help: help)
    }
    public static func dateRange(_ n: String, _ help: String = "", required: Bool = false) -> OptionSpec {
        OptionSpec(n, .dateRange, required: required, help: help)
    }
    public static func choice(_ n: String, _ words: [String], _ help: String = "", required: Bool = false) -> OptionSpec {
        OptionSpec(n, .choice(words), required: required, help: help)
    }
    public static func word(_ n: String, _ help: String = "", required: Bool = false, placeholder: String = "",
                            completions: (@Sendable (Shell) -> [String])? = nil) -> OptionSpec {
        OptionSpec(n, .word, required: required, placeholder: placeholder, help: help, completions: completions)
    }
    public static func text(_ n: String, _ help: String = "", required: Bool = false, placeholder: String = "") -> OptionSpec {
        OptionSpec(n, .text, required: required, placeholder: placeholder, help: help)
    }
    public static func path(_ n: String, _ help: String = "", required: Bool = false) -> OptionSpec {
        OptionSpec(n, .path, required: required, help: help)
    }
    public static func flag(_ n: String, _ help: String = "") -> OptionSpec {
        OptionSpec(n, .flag, help: help)
    }
    public static func expression(_ n: String, _ help: String = "", required: Bool = false, placeholder: String = "") -> OptionSpec {
        OptionSpec(n, .expression, required: required, placeholder: placeholder, help: help)
    }
}

/// One positional argument of a command, in order: `paper buy QTY SYMBOL`.
public struct ArgumentSpec: Sendable {
    /// The placeholder in the usage line (`SYMBOL`, `QTY`).
    public let name: String
    public let kind: ValueKind
    public let bounds: Bounds?
    public let optional: Bool
    /// Takes every remaining positional (`plot EXPR, ...`); must be the last one.
    public let variadic: Bool
    public let help: String
    /// What Tab offers in this position (strategy names, dataset names, ...).
    public let completions: (@Sendable (Shell) -> [String])?
    /// Whether Tab offers those, from the words typed after the command so far (no more
    /// strategy names once one is named); always when nil.
    public let offered: (@Sendable (Shell, [String]) -> Bool)?

    public init(_ name: String, _ kind: ValueKind = .expression, bounds: Bounds? = nil, optional: Bool = false,
                variadic: Bool = false, help: String = "", completions: (@Sendable (Shell) -> [String])? = nil,
                offered: (@Sendable (Shell, [String]) -> Bool)? = nil) {
        self.name = name
        self.kind = kind
        self.bounds = bounds
        self.optional = optional
        self.variadic = variadic
        self.help = help
        self.completions = completions
        self.offered = offered
    }

    public var usage: String {
        let shown = variadic ? "\(name) ..." : name
        return optional ? "[\(shown)]" : shown
    }
}
