/// A notebook's prose (the comments of a session file) made safe to hand to Ink and
/// cheap for it to render.
///
/// Ink passes a block that starts with `<` through as raw HTML, so a comment could hold
/// a live `<script>` or an `onerror=` attribute; and Ink tries every `[` as the start of
/// a link, reading on for its `]` and nesting the next `[` inside it, so each unclosed
/// `[` doubled the rendering time. Before Ink sees the text, one pass over it:
/// - `<` becomes `&lt;` (outside inline code, which Ink escapes itself), so no raw HTML
///   block or tag is left;
/// - `[` and `]` become `&#91;`/`&#93;` unless they make a link `[text](target)` on one
///   line with no bracket inside, so Ink finds no bracket to try and fail on;
/// - `_` between letters or digits becomes `\_` (Ink would read it as emphasis);
/// - a link's target is kept only when it is `http:`, `https:`, `mailto:`, a `#`
///   fragment or a relative path without quotes, spaces or entities; any other
///   (`javascript:`, `data:`, `java&#115;cript:`) becomes `#`.
enum NotebookProse {
    static func safe(_ markdown: String) -> String {
        var out = ""
        out.reserveCapacity(markdown.utf8.count + 16)
        for (k, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if k > 0 { out += "\n" }
            out += safeLine(Array(line))
        }
        return out
    }

    private static func safeLine(_ c: [Character]) -> String {
        var out = ""
        var i = 0
        while i < c.count {
            let ch = c[i]
            switch ch {
            case "`":
                // Inline code: copied as written up to its closing backtick on this line.
                if let close = c[(i + 1)...].firstIndex(of: "`") {
                    out += String(c[i...close])
                    i = close + 1
                } else {
                    out += "`"
                    i += 1
                }
            case "<":
                out += "&lt;"
                i += 1
            case "[":
                // An image is a link after `!`, which was copied as text already.
                if let (text, target, end) = link(c, at: i) {
                    out += "[" + text + "](" + safeTarget(target) + ")"
                    i = end
                } else {
                    out += "&#91;"
                    i += 1
                }
            case "]":
                out += "&#93;"
                i += 1
            case "_":
                // Ink reads underscores inside a word as emphasis (`SPX_1MIN and BTCUSD_1H`
                // loses both); CommonMark never does, so a run of them between letters or
                // digits is escaped, and shows as written under either.
                var end = i
                while end < c.count, c[end] == "_" { end += 1 }
                let inWord = i > 0 && (c[i - 1].isLetter || c[i - 1].isNumber) && end < c.count && (c[end].isLetter || c[end].isNumber)
                out += String(repeating: inWord ? "\\_" : "_", count: end - i)
                i = end
            default:
                out.append(ch)
                i += 1
            }
        }
        return out
    }

    /// `[text](target)` starting at `start`: its text (with `<` escaped), its target and
    /// the index after it. The text holds no bracket and the target no parenthesis, so
    /// each link is read once.
    private static func link(_ c: [Character], at start: Int) -> (String, String, Int)? {
        var k = start + 1
        var text = ""
        while k < c.count, c[k] != "]" {
            if c[k] == "[" || c[k] == "`" { return nil }
            text += c[k] == "<" ? "&lt;" : String(c[k])
            k += 1
        }
        guard k + 1 < c.count, c[k + 1] == "(" else { return nil }
        var m = k + 2
        var target = ""
        while m < c.count, c[m] != ")" {
            if c[m] == "(" { return nil }
            target.append(c[m])
            m += 1
        }
        guard m < c.count else { return nil }
        return (text, target, m + 1)
    }

    static func safeTarget(_ target: String) -> String {
        if target.isEmpty { return "#" }
        let forbidden: Set<Character> = ["\"", "'", "<", ">", "&", "\\", "`"]
        guard !target.contains(where: { forbidden.contains($0) || $0.isWhitespace || ($0.asciiValue ?? 32) < 32 }) else {
            return "#"
        }
        let lower = target.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#") {
            return target
        }
        // A relative path: no scheme before its first `/`, `?` or `#`.
        let head = lower.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return head.contains(":") ? "#" : target
    }
}
