/// What `set plot terminal=auto|sixel|dumb|png|svg|none size=WxH theme=light|dark`
/// controls: how charts drawn at the prompt are shown.
public struct ChartSettings: Sendable, Equatable {
    public enum Terminal: String, Sendable, CaseIterable {
        /// sixel when the terminal can show it, otherwise dumb text sized to the window.
        case auto, sixel, dumb, png, svg
        /// Draw nothing (replays and tests that only want the numbers).
        case none
    }

    public var terminal: Terminal = .auto
    /// Requested size (pixels, or cells for dumb); nil picks the default for the terminal.
    public var width: Int?
    public var height: Int?
    public var theme: ChartTheme = .light

    public static let defaultPixelSize = (width: 900, height: 560)
    public static let pixelRange = 100...8000
    public static let cellRange = 20...1000

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
                let (w, h): (Int?, Int?) = value == "default" ? (nil, nil) : try Self.parseSize(value)
                next.width = w
                next.height = h
            case "theme":
                guard let t = ChartTheme(rawValue: value) else {
                    throw ChartError.invalidSetting("theme must be light or dark (got '\(value)')")
                }
                next.theme = t
            default:
                throw ChartError.invalidSetting("unknown setting '\(key)'; known: terminal, size, theme")
            }
        }
        self = next
    }

    /// `WxH`, each a whole number within the range any terminal accepts.
    static func parseSize(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
              w >= cellRange.lowerBound, h >= 10, w <= pixelRange.upperBound, h <= pixelRange.upperBound else {
            throw ChartError.invalidSetting("size must be WxH with each between 20 and 8000, e.g. 900x560 (got '\(text)')")
        }
        return (w, h)
    }

    /// The settings as `set plot` would take them back.
    public var description: String {
        let size = width.flatMap { w in height.map { "\(w)x\($0)" } } ?? "default"
        return "terminal=\(terminal.rawValue) size=\(size) theme=\(theme.rawValue)"
    }
}
