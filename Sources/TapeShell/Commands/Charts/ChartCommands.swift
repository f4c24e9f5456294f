import TapeCore

/// What the chart commands share, and the one door every area draws through:
/// `ChartCommands.show` (backtests, options, scans call it with their own kinds). Where a
/// picture goes follows `set plot` and the session: files named by the session's
/// content (ChartNaming) and noted for notebooks, or text sized to the terminal.
enum ChartCommands {
    /// Shows any chart as the session's settings ask.
    static func show(_ spec: ChartSpec, _ c: CommandContext) throws {
        let state = c.workspace.state { ChartState() }
        var settings = state.settings
        let terminal = c.session.terminal
        // Scripts, pipes and replays cannot show sixel or keep text charts readable in
        // a session's checked output, so `auto` writes a PNG there.
        if settings.terminal == .auto && !terminal.interactive {
            settings.terminal = .png
        }
        var writer = ChartWriter(naming: c.session.charts)
        let shown: ChartShown
        do {
            var display = ChartDisplay(settings: settings, windowSize: window(terminal))
            display.colourText = terminal.interactive && terminal.colour
            shown = try display.show(spec, writer: &writer)
        } catch let e as ChartError {
            throw TapeError(e.description, span: c.span)
        }
        switch shown {
        case .text(let text):
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { c.print(String(line)) }
        case .sixel(let bytes):
            StandardStreams.write([UInt8](bytes), to: 1)
            StandardStreams.write("\n", to: 1)
        case .file(let path):
            c.shell.noteChart(path)   // so a notebook embeds it under this command
            c.print("chart: \(path)")
        case .nothing:
            break
        }
    }

    /// The window text charts are laid out for. At the prompt it is measured as each
    /// chart is drawn, so a window resized since the session began is followed; scripts
    /// and replays use the session's fixed size, so their output does not depend on the
    /// terminal they ran in.
    static func window(_ terminal: TerminalCapabilities) -> () -> (columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int) {
        let fixed = (columns: terminal.columns, rows: terminal.rows, pixelWidth: 0, pixelHeight: 0)
        guard terminal.interactive else { return { fixed } }
        return { TerminalGraphics.measuredWindowSize() ?? fixed }
    }

    /// Draws a price chart and keeps it as the one `panel`, `chart add` and `chart drop` change.
    static func draw(_ chart: PriceChart, dataset: Dataset, _ c: CommandContext) throws {
        try show(.price(chart), c)
        let state = c.workspace.state { ChartState() }
        state.chart = chart
        state.datasetName = dataset.name
    }

    /// The price chart being grown and its dataset, or the error that there is none.
    static func current(_ c: CommandContext) throws -> (chart: PriceChart, dataset: Dataset) {
        let state = c.workspace.state { ChartState() }
        guard let chart = state.chart, let name = state.datasetName else {
            throw TapeError("no chart to change yet", span: c.span, hint: "start one: plot close, or chart")
        }
        guard let d = c.workspace.dataset(name) else {
            throw TapeError("the chart's dataset \(name) is no longer loaded", span: c.span, hint: "start a new chart: chart")
        }
        return (chart, d)
    }

    /// What Tab offers where a dataset is named.
    static func datasetNames(_ shell: Shell) -> [String] { shell.workspace.datasetOrder }

    /// Simple returns close[i] / close[i-1] - 1 (one fewer than the closes).
    static func returns(_ close: [Double]) -> [Double] {
        zip(close.dropFirst(), close).map { $0 / $1 - 1 }
    }
}
