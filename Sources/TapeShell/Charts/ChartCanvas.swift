/// The surface one chart is drawn on: a gnuplot terminal, its size, colours, and where
/// the output goes.
public struct ChartCanvas: Sendable, Equatable {
    /// gnuplot terminals Tape draws to (the `none` setting draws nothing, so it has no
    /// canvas).
    public enum Terminal: String, Sendable, CaseIterable {
        case png      // pngcairo: anti-aliased, the file default
        case svg
        case dumb     // text, sized in character cells
        case sixel    // sixelgd, printed straight to a terminal that understands sixel
    }

    public var terminal: Terminal
    /// Pixels for png/svg/sixel; character columns for dumb.
    public var width: Int
    /// Pixels for png/svg/sixel; character rows for dumb.
    public var height: Int
    public var theme: ChartTheme
    /// File to write; nil writes to gnuplot's standard output (dumb and sixel).
    public var output: String?
    /// Text charts in ANSI colours (for a terminal; plain characters otherwise).
    public var colour = false

    /// Sizes are clamped to what each terminal can draw a chart in: 20x10...1000x1000
    /// cells for text, 100x80...8000x8000 pixels otherwise.
    public init(terminal: Terminal, width: Int, height: Int, theme: ChartTheme = .light, output: String? = nil) {
        self.terminal = terminal
        let text = terminal == .dumb
        self.width = min(max(width, text ? 20 : 100), text ? 1000 : 8000)
        self.height = min(max(height, text ? 10 : 80), text ? 1000 : 8000)
        self.theme = theme
        self.output = output
    }

    /// Whether sizes count character cells rather than pixels.
    public var isText: Bool { terminal == .dumb }

    /// Horizontal room for data, in pixels or cells: the width less the left margin taken
    /// by y tick labels and the right margin. Downsampling keeps two points per column
    /// of this.
    public var plotColumns: Int { max(10, isText ? width - 12 : width - 90) }

    /// Fractions of the canvas reserved at each side for tick labels and titles, the same
    /// for every panel so stacked panels line up.
    var leftMargin: Double { isText ? 10.0 / Double(max(width, 20)) : 72.0 / Double(max(width, 100)) }
    var rightMargin: Double { isText ? 2.0 / Double(max(width, 20)) : 24.0 / Double(max(width, 100)) }
    var topMargin: Double { isText ? 2.0 / Double(max(height, 10)) : 34.0 / Double(max(height, 100)) }
    var bottomMargin: Double { isText ? 2.0 / Double(max(height, 10)) : 40.0 / Double(max(height, 100)) }
}
