import TapeCore

/// A position in one line of input: scalar offsets, half-open. Used to put a caret
/// under the offending word.
public struct Span: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) { self.start = start; self.end = max(start, end) }
    public static let none = Span(0, 0)
    public func union(_ o: Span) -> Span { Span(min(start, o.start), max(end, o.end)) }
}

/// Units a number literal may carry. `%` and `bp` are scaled when read; durations keep
/// their unit because a day means different things to an option (1/365 year) and to a
/// calendar (one date step).
public enum NumberUnit: String, Sendable {
    case percent = "%", basisPoints = "bp"
    case days = "d", weeks = "w", months = "m", years = "y", hours = "h"
}

public enum TokenKind: Equatable, Sendable {
    case number(Double, NumberUnit?)
    case date(Int64)
    case string(String)
    case identifier(String)
    /// A run of letters and digits starting with a digit that is not a number with a
    /// unit: `1Day`, `800x600`. Commands read it as a word.
    case word(String)
    case symbol(String)          // operators and punctuation: + - * / ^ ( ) [ ] , . .. = == != < <= > >= ;
    /// A character the language has no use for. Kept as a token so a command that takes
    /// raw text (`ls s3://b/p/`) can still read it; anywhere else it is an error.
    case invalid(String)
    case end
}

public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var span: Span
    public var text: String { Token.describe(kind) }

    static func describe(_ k: TokenKind) -> String {
        switch k {
        case .number(let v, let u): return Format.number(v) + (u?.rawValue ?? "")
        case .date(let t): return CivilTime.format(t)
        case .string(let s): return "\"\(s)\""
        case .identifier(let s), .word(let s), .symbol(let s), .invalid(let s): return s
        case .end: return "end of line"
        }
    }
}
