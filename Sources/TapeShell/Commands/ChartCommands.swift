import Foundation
import TapeCore

/// The chart being grown at the prompt, and how charts are shown. One per workspace.
final class ChartState {
    var settings = ChartSettings()
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
        name: "chart",
        usage: "chart [SYMBOL] [RANGE] | chart add EXPR, ... | chart drop N | chart equity|optimize|smile|surface | chart payoff STRATEGY ... | chart greek GREEK call|put ... | chart returns [SYMBOL] | chart histogram EXPR | chart scatter X, Y | chart correlation SYMBOL, ...",
        summary: "candles and volume of a dataset, overlays added or dropped, and the other chart kinds",
        details: """
            chart                       candles and volume of the current dataset
            chart QQQ 2020-01-01..2020-12-31
            chart add sma(close, 50), bbands(close, 20)
            chart drop 2                remove the 2nd overlay or panel (chart drop lists them)
            chart equity                the last backtest's equity and drawdown, with buy & hold
            chart optimize              the last two-parameter optimisation as a heatmap
            chart smile / chart surface the loaded option chain's implied vols
            chart payoff straddle spot 100 expiry 30d vol 25% rate 4%   (strategy list: the names)
            chart greek delta call strike 105 expiry 30d vol 25% rate 4%
            chart returns [SYMBOL]      histogram of daily returns with the fitted normal
            chart histogram EXPR        histogram of any series
            chart scatter X, Y          Y against X with the regression line
            chart correlation SPY, QQQ  correlation matrix of the datasets' daily returns
            """,
        effect: .changesState, keys: ["title", "spot", "strike", "width", "expiry", "far", "vol", "rate", "div"], flags: ["ohlc"]
    ) { c in
        let args = c.positionals
        let sub = args.first?.word?.lowercased()
        if let sub, let other = otherKinds[sub] {
            try show(try other(c, Array(args.dropFirst())), c)
            return
        }
        switch sub {
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

    /// `chart KIND ...` for the kinds that are not grown like a price chart.
    static let otherKinds: [String: (CommandContext, [Expr]) throws -> ChartSpec] = [
        "equity": { c, _ in
            guard let r = c.workspace.state({ BacktestState() }).result else {
                throw TapeError("no backtest to chart yet", span: c.span, hint: "run one: backtest SPY sma_cross")
            }
            return .equity(EquityChart(r))
        },
        "optimize": { c, _ in
            guard let o = c.workspace.state({ BacktestState() }).optimization else {
                throw TapeError("no optimisation to chart yet", span: c.span, hint: "run one: optimize ...")
            }
            guard let h = HeatmapChart(o) else {
                throw TapeError("a heatmap needs a search over exactly two parameters (this one had \(o.names.count))", span: c.span)
            }
            return .heatmap(h)
        },
        "smile": { c, _ in .smile(SmileChart(try smiles(c))) },
        "surface": { c, _ in
            let s = try smiles(c)
            guard s.count >= 2 else { throw TapeError("a surface needs at least two expiries", span: c.span) }
            return .surface(SurfaceChart(s))
        },
        "payoff": { c, args in
            let words = try args.map { try c.word($0, "a strategy name") }
            guard !words.isEmpty else {
                throw TapeError("chart payoff needs a strategy name", span: c.span, hint: "strategy list shows them")
            }
            let market = try StrategyCommand.market(c, "chart payoff", hint: "chart payoff straddle spot 100 expiry 30d vol 25% rate 4%")
            do {
                let s = try StrategyCommand.named(c, words.joined(separator: " "), market: market, "chart payoff")
                return .payoff(try PayoffChart(s, market: market))
            } catch let e as OptionError {
                throw TapeError(e.description, span: c.span)
            }
        },
        "greek": { c, args in
            let usage = "chart greek delta call strike 105 expiry 30d vol 25% rate 4%"
            guard args.count == 2, let g = args[0].word?.lowercased(), let pick = greekPicks[g],
                  let t = args[1].word.flatMap({ OptionType(rawValue: $0.lowercased()) }) else {
                throw TapeError("chart greek takes a Greek (\(greekPicks.keys.sorted().joined(separator: ", "))) and call or put",
                                span: args.first?.span ?? c.span, hint: usage)
            }
            guard let strike = try c.number("strike"), let vol = try c.number("vol"), let rate = try c.number("rate"),
                  let days = try OptionArguments.days(c, "expiry") else {
                throw TapeError("chart greek needs strike, expiry, vol and rate", span: c.span, hint: usage)
            }
            let q = try c.number("div", default: 0) ?? 0
            let spots = (0...160).map { strike * (0.6 + 0.8 * Double($0) / 160) }
            // The expiry asked for, a quarter of it and three times it: how the Greek
            // sharpens as expiry nears.
            let horizons = [days / 4, days, days * 3].filter { $0 > 0 }
            do {
                let series = try horizons.map { d in
                    ChartSeries(Format.number((d * 10).rounded() / 10) + "d", try spots.map { s in
                        pick.value(try BlackScholes.greeks(t, spot: s, strike: strike, years: d / 365, rate: rate,
                                                           dividendYield: q, vol: vol))
                    })
                }
                return .greek(GreekChart(title: "\(t.rawValue) \(g), K=\(Format.number(strike)), vol \(Format.number(vol * 100))%",
                                         greek: pick.label, spot: spots, series: series, strike: strike))
            } catch let e as OptionError {
                throw TapeError(e.description, span: c.span)
            }
        },
        "returns": { c, args in
            let d = try c.dataset(named: args.first)
            return .histogram(HistogramChart(title: "\(d.name) daily returns", name: "\(d.name) return", values: returns(d.bars.close)))
        },
        "histogram": { c, args in
            let d = try c.dataset(named: nil)
            let parts = try evaluate(c, args, in: d)
            guard parts.series.count == 1, let s = parts.series.first else {
                throw TapeError("chart histogram takes one series", span: c.span, hint: "chart histogram close - sma(close, 20)")
            }
            return .histogram(HistogramChart(title: s.name, name: s.name, values: s.values))
        },
        "scatter": { c, args in
            let d = try c.dataset(named: nil)
            let parts = try evaluate(c, args, in: d)
            guard parts.series.count == 2 else {
                throw TapeError("chart scatter takes two series, X then Y", span: c.span, hint: "chart scatter SPY.close, QQQ.close")
            }
            return .scatter(ScatterChart(title: "\(parts.series[1].name) against \(parts.series[0].name)",
                                         x: parts.series[0], y: parts.series[1]))
        },
        "correlation": { c, args in
            guard args.count >= 2 else {
                throw TapeError("chart correlation takes two or more datasets", span: c.span, hint: "chart correlation SPY, AAPL, GOOG")
            }
            let sets = try args.map { try c.dataset(named: $0) }
            // Returns on each dataset's own bars, then aligned by date to the first.
            let axis = sets[0].axis
            let series = sets.map { d in
                ChartSeries(d.name, Align.values([.nan] + returns(d.bars.close), from: d.axis, to: axis))
            }
            return .correlation(CorrelationChart(title: "correlation of daily returns", series: series))
        },
    ]

    /// Greeks `chart greek` draws, in the units traders quote them.
    static let greekPicks: [String: (label: String, value: (OptionGreeks) -> Double)] = [
        "price": ("value", { $0.price }),
        "delta": ("delta", { $0.delta }),
        "gamma": ("gamma", { $0.gamma }),
        "theta": ("theta per day", { $0.thetaPerYear / 365 }),
        "vega": ("vega per vol point", { $0.vega / 100 }),
        "rho": ("rho per 1% rate", { $0.rho / 100 }),
        "vanna": ("vanna", { $0.vanna }),
        "volga": ("volga", { $0.volga }),
        "charm": ("charm", { $0.charm }),
        "speed": ("speed", { $0.speed }),
    ]

    private static func smiles(_ c: CommandContext) throws -> [Smile] {
        guard let a = c.workspace.state({ ChainState() }).analysis, !a.smiles.isEmpty else {
            throw TapeError("no option chain to chart yet", span: c.span, hint: "chain load \"file.csv\" spot S rate R")
        }
        return a.smiles
    }

    /// Simple returns close[i] / close[i-1] - 1 (one fewer than the closes).
    private static func returns(_ close: [Double]) -> [Double] {
        zip(close.dropFirst(), close).map { $0 / $1 - 1 }
    }

    /// The `set plot ...` setting.
    static let setting = SettingSpec(
        name: "plot", usage: "plot [terminal=auto|sixel|dumb|png|svg|none] [size=WxH] [theme=light|dark]",
        summary: "where charts go: the terminal (sixel or text), png/svg files under plots/, or nowhere",
        keys: ["terminal", "size", "theme"],
        current: { $0.workspace.state { ChartState() }.settings.description }
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
        if settings.terminal == .auto && !c.session.terminal.interactive {
            settings.terminal = .png
        }
        var writer = ChartWriter(naming: c.session.charts)
        let shown: ChartShown
        do {
            var display = ChartDisplay(settings: settings)
            display.colourText = c.session.terminal.interactive && c.session.terminal.colour
            if !c.session.terminal.interactive {
                // Scripts and replays lay text charts out for the session's fixed size.
                let t = c.session.terminal
                display.windowSize = { (t.columns, t.rows, 0, 0) }
            }
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
