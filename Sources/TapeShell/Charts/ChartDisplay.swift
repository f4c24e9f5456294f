import Foundation

/// What drawing a chart at the prompt produced, for the shell to show.
public enum ChartShown: Equatable, Sendable {
    /// Text from gnuplot's dumb terminal, to print as it is.
    case text(String)
    /// Sixel bytes, to write to the terminal unchanged.
    case sixel(Data)
    /// A file was written.
    case file(String)
    /// `set plot terminal=none`: nothing drawn.
    case nothing
}

/// Draws charts at the prompt as `set plot` asks: sixel or text in the terminal, or
/// files through a `ChartWriter`.
public struct ChartDisplay {
    public var settings: ChartSettings
    public var runner: any ChartRunning
    /// Whether the terminal shows sixel; asked lazily when `terminal=auto`.
    public var sixelSupport: () -> Bool
    /// The window charts are laid out for, in cells (and pixels when the terminal reports
    /// them): measured at each chart at the prompt, so a resized window is followed; a
    /// script's fixed size otherwise.
    public var windowSize: () -> (columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int)
    /// Colour text charts (ANSI); by default when stdout is a terminal.
    public var colourText = isatty(1) == 1

    public init(settings: ChartSettings = ChartSettings(), runner: any ChartRunning = GnuplotRunner(),
                sixelSupport: @escaping () -> Bool = { TerminalGraphics.supportsSixel() },
                windowSize: @escaping () -> (columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int) = { TerminalGraphics.windowSize() }) {
        self.settings = settings
        self.runner = runner
        self.sixelSupport = sixelSupport
        self.windowSize = windowSize
    }

    /// The canvas `settings` call for, or nil for files and `none`.
    public func screenCanvas() -> ChartCanvas? {
        let terminal: ChartSettings.Terminal
        switch settings.terminal {
        case .auto: terminal = sixelSupport() ? .sixel : .dumb
        default: terminal = settings.terminal
        }
        switch terminal {
        case .sixel:
            let win = windowSize()
            // Fill most of a terminal that reports its pixel size, else the default.
            let w = settings.width ?? (win.pixelWidth > 200 ? min(win.pixelWidth * 9 / 10, 1600) : ChartSettings.defaultPixelSize.width)
            let h = settings.height ?? (win.pixelHeight > 200 ? min(win.pixelHeight * 6 / 10, w * 2 / 3) : ChartSettings.defaultPixelSize.height)
            return ChartCanvas(terminal: .sixel, width: w, height: h, theme: settings.theme)
        case .dumb:
            // Text is sized in cells, never by the picture's pixel `size`: the terminal's
            // window unless `text_size` fixes it, one row left for the prompt that follows.
            let win = windowSize()
            let w = settings.textColumns ?? win.columns
            let h = settings.textRows ?? win.rows - 1
            var canvas = ChartCanvas(terminal: .dumb, width: w, height: h, theme: settings.theme)
            canvas.colour = colourText
            return canvas
        default:
            return nil
        }
    }

    /// Draws `chart`: to the screen for sixel/dumb/auto, to a file for png/svg.
    public func show(_ chart: ChartSpec, writer: inout ChartWriter) throws -> ChartShown {
        switch settings.terminal {
        case .none:
            // Nothing is drawn, but the chart is still built so bad data is reported
            // the same way whatever the setting.
            _ = try ChartRenderer.script(for: chart, canvas: ChartCanvas(terminal: .dumb, width: 80, height: 24))
            return .nothing
        case .png, .svg:
            let format: ChartWriter.Format = settings.terminal == .png ? .png : .svg
            let path = try writer.write(chart, format: format, width: settings.width ?? ChartSettings.defaultPixelSize.width,
                                        height: settings.height ?? ChartSettings.defaultPixelSize.height, theme: settings.theme)
            return .file(path)
        case .auto, .sixel, .dumb:
            guard let canvas = screenCanvas() else { return .nothing }
            let output = try runner.run(try ChartRenderer.script(for: chart, canvas: canvas))
            return canvas.terminal == .sixel ? .sixel(output) : .text(Self.cleanText(output))
        }
    }

    /// gnuplot's dumb terminal starts each page with a form feed (which clears some
    /// terminals) and pads lines with spaces; both go.
    static func cleanText(_ data: Data) -> String {
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{0C}") { text.removeFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var l = line
            while l.last == " " { l.removeLast() }
            return l
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
