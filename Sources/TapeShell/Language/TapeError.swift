import TapeCore

/// The one error type of the shell: a message, where in the line it applies, and an
/// optional hint. Rendered in one place (`ErrorRenderer`) with a caret under the span.
public struct TapeError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var span: Span?
    public var hint: String?

    public init(_ message: String, span: Span? = nil, hint: String? = nil) {
        self.message = message
        self.span = span
        self.hint = hint
    }

    public var description: String { hint.map { "\(message) — \($0)" } ?? message }

    /// Wraps any error thrown below the shell (CSV, store, pricing) with the span of the
    /// command word that caused it, keeping its one-line description.
    public static func wrap(_ error: Error, span: Span? = nil) -> TapeError {
        if let t = error as? TapeError { return t.span == nil ? TapeError(t.message, span: span, hint: t.hint) : t }
        return TapeError(String(describing: error), span: span)
    }
}

/// Nearest-name suggestions by edit distance, for "did you mean".
public enum Suggest {
    public static func nearest(_ word: String, in candidates: [String]) -> String? {
        // Allow about one edit per three letters, at least one and at most three, and
        // never as many as the word has letters: a candidate that replaces the whole word
        // ("a" -> "?") is not a typo of it.
        EditDistance.nearest(word, in: candidates, limit: min(word.count - 1, max(1, min(3, word.count / 3 + 1))))
    }

    public static func hint(_ word: String, in candidates: [String]) -> String? {
        nearest(word, in: candidates).map { "did you mean '\($0)'?" }
    }
}
