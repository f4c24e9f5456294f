/// What `set plot terminal=auto|sixel|dumb|png|svg|none size=WxH text_size=COLSxROWS
/// theme=light|dark` controls: how charts drawn at the prompt are shown.
///
/// Pictures and text are sized by different rules, because their units differ: `size`
/// is pixels (png, svg, sixel) and never reaches a text chart, which would otherwise be
/// as many characters wide as the picture is pixels (`size=800x600` once drew an
/// 800-column chart). A text chart follows the terminal it is drawn in, unless
/// `text_size` fixes it in character cells.
public struct ChartSettings: Sendable, Equatable {
    public enum Terminal: String, Sendable, CaseIterable {
        /// sixel when the terminal can show it, otherwise dumb text sized to the window.
        case auto, sixel, dumb, png, svg
        /// Draw nothing (replays and tests that only want the numbers).
        case none
    }

    public var terminal: Terminal = .auto
    /// Picture size in pixels (png, svg, sixel); nil picks the default for the terminal.
    public var width: Int?
    public var height: Int?
    /// Text chart size in character cells; nil follows the terminal.
    public var textColumns: Int?
    public var textRows: Int?
    public var theme: ChartTheme = .light

    public static let defaultPixelSize = (width: 900, height: 560)
    public static let pixelRange = 100...8000
    /// Narrower than 20 columns or lower than 10 rows, gnuplot's dumb terminal has no
    /// room left for a plot beside its tick labels.
    public static let columnRange = 20...1000
    public static let rowRange = 10...1000

    public init() {}

    /// Applies `key=value` words (or `key value` pairs) as typed after `set plot`.
    /// Unknown keys and bad values throw, naming the word, and leave the settings as
    /// they were.
    public mutating func apply(_ words: [String]) throws {
        var next = self
        var i = 0
        while i < words.count {
            var key = words[i]
            var value: String
            if let eq = key.firstIndex(of: "=") {
                value = String(key[key.index(after: eq)...])
                key = String(key[..<eq])
                i += 1
            } else {
                guard i + 1 < words.count else { throw ChartError.invalidSetting("'\(key)' needs a value") }
                value = words[i + 1]
                i += 2
            }
            value = value.lowercased()
            switch key.lowercased() {
            case "terminal", "term":
                guard let t = Terminal(rawValue: value) else {
                    throw ChartError.invalidSetting("terminal must be one of auto, sixel, dumb, png, svg, none (got '\(value)')")
                }
                next.terminal = t
            case "size":
                // `default` is what `description` prints for no size, so it reads back.
                (next.width, next.height) = value == "default" ? (nil, nil)
                    : try Self.parse(value, columns: Self.pixelRange, rows: Self.pixelRange,
                                     what: "size must be WxH in pixels", example: "900x560")
            case "text_size":
                (next.textColumns, next.textRows) = value == "default" ? (nil, nil)
                    : try Self.parse(value, columns: Self.columnRange, rows: Self.rowRange,
                                     what: "text_size must be COLSxROWS in characters", example: "100x30")
            case "theme":
                guard let t = ChartTheme(rawValue: value) else {
                    throw ChartError.invalidSetting("theme must be light or dark (got '\(value)')")
                }
                next.theme = t
            default:
                throw ChartError.invalidSetting("unknown setting '\(key)'; known: terminal, size, text_size, theme")
            }
        }
        self = next
    }

    /// `WxH`, each a whole number within its range.
    static func parse(_ text: String, columns: ClosedRange<Int>, rows: ClosedRange<Int>, what: String,
                      example: String) throws -> (Int, Int) {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), columns.contains(w), rows.contains(h) else {
            let bounds = columns == rows ? "each from \(columns.lowerBound) to \(columns.upperBound)"
                : "width from \(columns.lowerBound) to \(columns.upperBound), height from \(rows.lowerBound) to \(rows.upperBound)"
            throw ChartError.invalidSetting("\(what), \(bounds), e.g. \(example) (got '\(text)')")
        }
        return (w, h)
    }

    /// The settings as `set plot` would take them back.
    public var description: String {
        func shown(_ w: Int?, _ h: Int?) -> String { w.flatMap { w in h.map { "\(w)x\($0)" } } ?? "default" }
        return "terminal=\(terminal.rawValue) size=\(shown(width, height)) text_size=\(shown(textColumns, textRows)) theme=\(theme.rawValue)"
    }
}
