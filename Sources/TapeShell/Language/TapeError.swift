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
        let w = word.lowercased()
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, c.lowercased())
            if let b = best, b.1 <= d { continue }
            best = (c, d)
        }
        guard let (name, d) = best else { return nil }
        let limit = max(1, min(3, w.count / 3 + 1))
        return d <= limit ? name : nil
    }

    public static func hint(_ word: String, in candidates: [String]) -> String? {
        nearest(word, in: candidates).map { "did you mean '\($0)'?" }
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
