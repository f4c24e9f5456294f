import Foundation
import TapeData

/// Where commands print. Commands never write to stdout directly, so a replay can
/// capture each command's output and compare it with the `#>` lines stored under it.
public protocol OutputSink: AnyObject {
    func line(_ text: String)
    func error(_ text: String)
}

/// Output lines to stdout, errors to stderr, flushed per line so a pipe or a crash
/// never holds back what was printed. Every line passes `TerminalText.safe`: what a
/// command prints can hold text from a file or a server.
public final class StandardOutput: OutputSink {
    public init() {}
    public func line(_ text: String) { StandardStreams.write(TerminalText.safe(text) + "\n", to: 1) }
    public func error(_ text: String) { StandardStreams.write(TerminalText.safe(text) + "\n", to: 2) }
}

/// Text on its way to a terminal, with the control sequences a crafted CSV cell, session
/// line or server message could carry taken out: OSC 52 would write the clipboard, CSI
/// sequences move the cursor and rewrite what was shown, a carriage return overprints.
/// Kept: tab, line feed, and SGR colour sequences (`ESC [ digits;... m`), the only ones
/// Tape's own text charts print. Every other C0 and C1 control and DEL is dropped; an
/// ESC that does not start an SGR sequence is dropped alone, so what followed it shows
/// as plain text. One pass, linear in the text.
public enum TerminalText {
    public static func safe(_ text: String) -> String {
        guard text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) || $0 == 0x7F || $0 == 0xC2 }) else {
            return text
        }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}", let end = sgrEnd(scalars, from: i) {
                out.append(contentsOf: scalars[i...end])
                i = end + 1
                continue
            }
            let v = s.value
            if !((v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v)) { out.append(s) }
            i += 1
        }
        return String(out)
    }

    /// The index of the `m` closing an SGR sequence that starts at `start`, if it is one.
    static func sgrEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < s.count, s[start + 1] == "[" else { return nil }
        var k = start + 2
        while k < s.count, k - start < 64 {
            let c = s[k]
            if c == "m" { return k }
            guard ("0"..."9").contains(c) || c == ";" else { return nil }
            k += 1
        }
        return nil
    }
}

/// Collects lines (errors included, marked as printed) for `--check` and tests.
public final class CapturedOutput: OutputSink {
    public private(set) var lines: [String] = []
    public init() {}
    public func line(_ text: String) { lines.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) }
    public func error(_ text: String) { line(text) }
    public func take() -> [String] { defer { lines = [] }; return lines }
}

/// Renders an error in one place: the message, then the line with a caret under the
/// part at fault. `location` prefixes script errors with `file:line:`.
public enum ErrorRenderer {
    /// URLs in the message and the echoed line are redacted, so a key typed into a URL is
    /// not printed back (and not captured into a checked session's `#>` lines).
    public static func render(_ e: TapeError, line raw: String?, location: String? = nil) -> [String] {
        let source = raw.map { URLRedaction.redactURLs(in: $0) }
        var out = [(location.map { "\($0): " } ?? "") + "error: " + URLRedaction.redactURLs(in: e.description)]
        if let s = e.span, let source, !source.isEmpty,
           // Scalars, not Characters: "\r\n" is one Character that is not "\n".
           !source.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            let scalars = Array(source.unicodeScalars)
            let start = min(s.start, scalars.count)
            let width = max(1, min(s.end, scalars.count) - start)
            out.append("  " + source)
            out.append("  " + String(scalars[..<start].compactMap(padding)) + String(repeating: "^", count: width))
        }
        return out
    }

    /// What goes under one scalar of the line to keep the caret in its column: a tab
    /// under a tab (the terminal expands both alike), nothing under a scalar that takes
    /// no column of its own (a combining accent, a joiner), else a space.
    static func padding(_ c: Unicode.Scalar) -> Character? {
        if c == "\t" { return "\t" }
        switch c.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return nil
        default: return " "
        }
    }
}
