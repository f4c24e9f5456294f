import TapeCore

/// The only door through which text reaches a gnuplot script.
///
/// gnuplot can run shell commands three ways: `system("...")`, backquote substitution
/// and `!` at the start of a line; double-quoted strings also expand escapes and `@`
/// macros can splice text into commands. Single-quoted strings do none of this: the
/// only special character inside them is `'`, written twice (gnuplot manual, "Strings").
/// A newline would end the command and let the rest of the text run as a new one, so
/// every control character becomes a space. gnuplot's scanner (scanner.c) only
/// recognises a doubled quote when it follows a character that is not a quote: at the
/// start of a literal, or right after another doubled quote, `''` would end the string
/// instead (a syntax error, not an escape, since the rest is still quoted). Those
/// quotes are shown as `’` so every script parses. Everything user-supplied (titles, labels,
/// series and dataset names, tick labels, file names) therefore goes through `literal`,
/// and numbers go through `number`, which can only produce digits, signs, `.`, `e`, `NaN`.
public enum GnuplotText {
    /// Longest text kept in one literal; longer text is cut and ends with an ellipsis,
    /// so a pasted megabyte cannot bloat a script or a legend.
    public static let maxLength = 200

    /// A single-quoted gnuplot string literal (quotes included) that shows `text` and
    /// can do nothing else, cut after `limit` characters.
    public static func literal(_ text: String, limit: Int = maxLength) -> String {
        var out = "'"
        var kept = 0
        for scalar in text.unicodeScalars {
            if kept == limit {
                out += "…"
                break
            }
            kept += 1
            switch scalar {
            case "'" where out.unicodeScalars.last == "'":
                out += "’"
            case "'":
                out += "''"
            case _ where isLineBreakOrControl(scalar):
                out += " "
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "'"
        return out
    }

    /// A literal for `set output`. gnuplot opens a name starting with `|` as a pipe to a
    /// shell command, so a relative name is anchored with `./`, which keeps it a file.
    /// A path is never cut: a shortened one would name some other file.
    public static func outputPath(_ path: String) -> String {
        literal(path.hasPrefix("/") ? path : "./" + path, limit: .max)
    }

    /// A number as gnuplot reads it; anything not finite becomes `NaN`, which gnuplot
    /// skips when plotting (and breaks a line there, showing the gap).
    public static func number(_ v: Double) -> String {
        v.isFinite ? Format.exact(v) : "NaN"
    }

    private static func isLineBreakOrControl(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
