import Foundation
import TapeCore

/// The chart being grown at the prompt, and how charts are shown. One per workspace.
final class ChartState {
    var settings = ChartSettings()
    var writer: ChartWriter?
    /// The last price chart drawn, which `panel`, `chart add` and `chart drop` change.
    var chart: PriceChart?
    /// The dataset the chart's series are evaluated against.
    var datasetName: String?
}

/// `plot`, `panel`, `chart` and the `set plot` setting: price charts of the current
/// dataset, grown one command at a time, drawn through the chart layer (docs/CHARTS.md).
enum ChartCommands {
    static var all: [CommandSpec] { [plot, panel, chart] }

    static let plot = CommandSpec(
        name: "plot", usage: "plot EXPR, ... [RANGE] [title TEXT]",
        summary: "draw series of the current dataset as lines; `; panel EXPR` adds a panel below",
        details: """
            plot close, sma(close, 20), sma(close, 50)
            plot close, fast, slow; panel rsi(close, 14), 30, 70
            plot close 2020-01-01..2020-06-30       zoom to a date range
            Numbers draw flat guide lines. Where the chart goes: set plot (see help set).
            """,
        effect: .changesState, keys: ["title"]
    ) { c in
        let d = try c.dataset(named: nil)
        let parts = try evaluate(c, c.positionals, in: d)
        guard !parts.series.isEmpty || !parts.levels.isEmpty else {
            throw TapeError("plot needs at least one series", span: c.span, hint: "usage: plot close, sma(close, 20)")
        }
        let levels = parts.levels.map { ChartSeries(Format.number($0), [Double](repeating: $0, count: d.bars.count)) }
        var chart = PriceChart(title: try c.string("title") ?? d.name, time: d.bars.time,
                               overlays: parts.series + levels, zoom: parts.zoom)
        chart.barStyle = .candles
        try draw(chart, dataset: d, c)
    }

    static let panel = CommandSpec(
        name: "panel", usage: "panel EXPR, ... [title TEXT]",
        summary: "add a panel under the last chart (numbers draw dashed guide levels)",
        details: "plot close; panel rsi(close, 14), 30, 70\npanel macd(close).macd, macd(close).signal, 0",
        effect: .changesState, keys: ["title"]
    ) { c in
        let (state, d) = try current(c)
        guard var chart = state.chart else { throw noChart(c) }
        let parts = try evaluate(c, c.positionals, in: d)
        guard !parts.series.isEmpty else {
            throw TapeError("panel needs at least one series", span: c.span, hint: "usage: panel rsi(close, 14), 30, 70")
        }
        // Untitled panels rely on their key; a title becomes the panel's y label.
        let title = try c.string("title") ?? ""
        chart.panels.append(PriceChart.Panel(title: title, series: parts.series, levels: parts.levels))
        try draw(chart, dataset: d, c)
    }

    static let chart = CommandSpec(
        name: "chart", usage: "chart [SYMBOL] [RANGE] | chart add EXPR, ... | chart drop N",
        summary: "candles and volume of a dataset; add overlays to it or drop what was added",
        details: """
            chart                       candles and volume of the current dataset
            chart QQQ 2020-01-01..2020-12-31
            chart add sma(close, 50), bbands(close, 20)
            chart drop 2                remove the 2nd overlay or panel (chart drop lists them)
            """,
        effect: .changesState, keys: ["title"], flags: ["ohlc"]
    ) { c in
        let args = c.positionals
        switch args.first?.word?.lowercased() {
        case "add":
            let (state, d) = try current(c)
            guard var chart = state.chart else { throw noChart(c) }
            let parts = try evaluate(c, Array(args.dropFirst()), in: d)
            guard !parts.series.isEmpty else {
                throw TapeError("chart add needs a series", span: args[0].span, hint: "usage: chart add sma(close, 50)")
            }
            chart.overlays += parts.series
            try draw(chart, dataset: d, c)
        case "drop":
            let (state, d) = try current(c)
            guard var chart = state.chart else { throw noChart(c) }
            let items = chart.overlays.map { "overlay \($0.name)" } + chart.panels.map { p in
                "panel " + (p.title.isEmpty ? p.series.map(\.name).joined(separator: ", ") : p.title)
            }
            let listing = items.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: "; ")
            guard args.count == 2, case .number(let x) = try c.evaluate(args[1]), x == x.rounded(),
                  x >= 1, x <= Double(items.count) else {
                throw TapeError(items.isEmpty ? "the chart has nothing to drop" : "chart drop takes the number of an item",
                                span: args.count > 1 ? args[1].span : args[0].span,
                                hint: items.isEmpty ? nil : listing)
            }
            let n = Int(x) - 1
            if n < chart.overlays.count {
                chart.overlays.remove(at: n)
            } else {
                chart.panels.remove(at: n - chart.overlays.count)
            }
            guard chart.bars != nil || !chart.overlays.isEmpty else {
                throw TapeError("that would leave the main panel empty", span: args[1].span, hint: listing)
            }
            try draw(chart, dataset: d, c)
        default:
            var rest = args[...]
            var d = try c.dataset(named: nil)
            if let first = rest.first, case .name = first {
                d = try c.dataset(named: first)
                rest = rest.dropFirst()
            }
            let parts = try evaluate(c, Array(rest), in: d)
            if !parts.series.isEmpty || !parts.levels.isEmpty {
                throw TapeError("chart takes a dataset and a date range", span: c.span,
                                hint: "add series with: chart add \(parts.series.first?.name ?? "sma(close, 20)")")
            }
            let b = d.bars
            let hasVolume = b.volume.contains { $0.isFinite && $0 != 0 }
            var chart = PriceChart(b, volume: hasVolume, zoom: parts.zoom)
            chart.title = try c.string("title") ?? d.name
            chart.barStyle = c.has("ohlc") ? .ohlc : .candles
            try draw(chart, dataset: d, c)
        }
    }

    /// The `set plot ...` setting.
    static let setting = SettingSpec(
        name: "plot", usage: "plot [terminal=auto|sixel|dumb|png|svg|none] [size=WxH] [theme=light|dark]",
        summary: "where charts go: the terminal (sixel or text), png/svg files under plots/, or nowhere",
        keys: ["terminal", "size", "theme"],
        current: { $0.state { ChartState() }.settings.description }
    ) { c, _ in
        var words: [String] = []
        for key in ["terminal", "size", "theme"] {
            if let e = c.option(key) { words.append("\(key)=\(c.invocation.text(of: e))") }
        }
        let state = c.workspace.state { ChartState() }
        guard !words.isEmpty else {
            c.print("plot = \(state.settings.description)")
            return
        }
        do {
            try state.settings.apply(words)
        } catch {
            let key = ["size", "terminal", "theme"].first { "\(error)".contains($0) }
            throw TapeError(String(describing: error), span: key.flatMap { c.optionSpan($0) } ?? c.span)
        }
    }

    // MARK: - Shared

    /// Shows any chart as the session's settings ask. Other areas (backtests, options)
    /// call this to draw their charts.
    static func show(_ spec: ChartSpec, _ c: CommandContext) throws {
        let state = c.workspace.state { ChartState() }
        var settings = state.settings
        // Scripts, pipes and replays cannot show sixel or keep text charts readable in
        // a session's checked output, so `auto` writes a PNG there.
        if settings.terminal == .auto && (c.shell.isReplay || isatty(1) != 1) {
            settings.terminal = .png
        }
        var writer = state.writer ?? ChartWriter(directory: "plots", sessionStem: c.shell.sessionStem)
        defer { state.writer = writer }
        let shown: ChartShown
        do {
            var display = ChartDisplay(settings: settings)
            display.colourText = !c.shell.isReplay && isatty(1) == 1
            shown = try display.show(spec, writer: &writer)
        } catch let e as ChartError {
            throw TapeError(e.description, span: c.span)
        }
        switch shown {
        case .text(let text):
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { c.print(String(line)) }
        case .sixel(let bytes):
            FileHandle.standardOutput.write(bytes)
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .file(let path):
            c.shell.noteChart(path)   // so a notebook embeds it under this command
            c.print("chart: \(path)")
        case .nothing:
            break
        }
    }

    private static func draw(_ chart: PriceChart, dataset: Dataset, _ c: CommandContext) throws {
        try show(.price(chart), c)
        let state = c.workspace.state { ChartState() }
        state.chart = chart
        state.datasetName = dataset.name
    }

    private static func current(_ c: CommandContext) throws -> (ChartState, Dataset) {
        let state = c.workspace.state { ChartState() }
        guard state.chart != nil, let name = state.datasetName else { throw noChart(c) }
        guard let d = c.workspace.dataset(name) else {
            throw TapeError("the chart's dataset \(name) is no longer loaded", span: c.span, hint: "start a new chart: chart")
        }
        return (state, d)
    }

    private static func noChart(_ c: CommandContext) -> TapeError {
        TapeError("no chart to change yet", span: c.span, hint: "start one: plot close, or chart")
    }

    /// Arguments sorted into series (on the dataset's time axis, named as written),
    /// guide levels (numbers) and a zoom (a date range).
    struct Parts {
        var series: [ChartSeries] = []
        var levels: [Double] = []
        var zoom: ClosedRange<Int64>?
    }

    private static func evaluate(_ c: CommandContext, _ args: [Expr], in d: Dataset) throws -> Parts {
        var parts = Parts()
        for e in args {
            let name = c.invocation.text(of: e)
            switch try c.evaluate(e, in: d) {
            case .series(let s):
                parts.series.append(ChartSeries(name, Align.values(s.values, from: s.axis, to: d.axis)))
            case .multi(let m):
                for (k, column) in m.columns.enumerated() where k < m.names.count {
                    parts.series.append(ChartSeries("\(name).\(m.names[k])", Align.values(column, from: m.axis, to: d.axis)))
                }
            case .number(let x):
                parts.levels.append(x)
            case .dateRange(let from, let to):
                guard from <= to else { throw TapeError("the date range ends before it starts", span: e.span) }
                // A range written with dates ends at the end of its last day, so
                // 2019-11-05..2019-11-05 shows that whole session of intraday bars.
                let end = to % 86_400 == 0 && to <= Int64.max - 86_399 ? to + 86_399 : to
                parts.zoom = from...end
            case let v:
                throw TapeError("cannot plot \(v.typeName)", span: e.span, hint: "plot series, numbers (levels) or a date range")
            }
        }
        return parts
    }
}
