import TapeCore

/// The arguments of the commands that grow a price chart (`plot`, `panel`, `chart add`),
/// sorted by what they are: series (on the dataset's time axis, named as written; a
/// multi-output function gives one per output), guide levels (numbers) and the zoom (a
/// date range). Series and levels are expressions the command evaluates; the zoom is a
/// declared date range, converted by the dispatcher's own `.dateRange` rule, so
/// `plot close 1..5` is refused the way a date-range option would be.
struct ChartArguments {
    var series: [ChartSeries] = []
    var levels: [Double] = []
    var zoom: ClosedRange<Int64>?

    /// The one positional argument, repeated, of every command that grows a price chart.
    static let items = ArgumentSpec(
        "EXPR", .expression, variadic: true,
        help: "a series (a multi-output function draws each output), a number (a flat guide level) or DATE..DATE (zoom to those whole days)")

    /// `title TEXT` of the price chart commands.
    static let title = OptionSpec.text("title", "the chart's title (default: the dataset's name)", placeholder: "TEXT")

    init(_ c: CommandContext, _ args: [Expr], in d: Dataset) throws {
        for e in args {
            if case .range = e {
                let checker = ArgumentChecker(spec: c.spec, invocation: c.invocation, evaluate: { try c.evaluate($0, in: d) })
                guard case .dateRange(let from, let to) = try checker.convert(e, kind: .dateRange, bounds: nil, acceptsRange: false,
                                                                               name: "the zoom") else { continue }
                try setZoom(from, to, e.span)
                continue
            }
            let name = c.invocation.text(of: e)
            switch try c.evaluate(e, in: d) {
            case .series(let s):
                series.append(ChartSeries(name, Align.values(s.values, from: s.axis, to: d.axis)))
            case .multi(let m):
                for (k, column) in m.columns.enumerated() where k < m.names.count {
                    series.append(ChartSeries("\(name).\(m.names[k])", Align.values(column, from: m.axis, to: d.axis)))
                }
            case .number(let x):
                levels.append(x)
            case .dateRange(let from, let to):
                // A date range bound to a name (`let spring = 2020-03-01..2020-05-31`).
                try setZoom(from, to, e.span)
            case let v:
                throw TapeError("cannot plot \(v.typeName)", span: e.span, hint: "plot series, numbers (levels) or a date range")
            }
        }
    }

    private mutating func setZoom(_ from: Int64, _ to: Int64, _ span: Span) throws {
        guard zoom == nil else { throw TapeError("a chart has one date range", span: span, hint: "the zoom is the whole chart's") }
        guard from <= to else { throw TapeError("the date range ends before it starts", span: span) }
        // A range written with dates ends at the end of its last day, so
        // 2019-11-05..2019-11-05 shows that whole session of intraday bars.
        let end = to % 86_400 == 0 && to <= Int64.max - 86_399 ? to + 86_399 : to
        zoom = from...end
    }

    /// The positional argument at `index` as exactly one series of the current dataset
    /// (`chart histogram`, `chart scatter`).
    static func oneSeries(_ c: CommandContext, at index: Int, _ example: String) throws -> ChartSeries {
        let d = try c.dataset(named: nil)
        let args = c.positionals
        guard index < args.count else { throw TapeError("\(c.spec.fullName) needs a series", span: c.span, hint: example) }
        let parts = try ChartArguments(c, [args[index]], in: d)
        guard parts.series.count == 1, let s = parts.series.first else {
            let got = parts.series.count > 1 ? "\(parts.series.count) series" : parts.zoom == nil ? "a number" : "a date range"
            throw TapeError("\(c.spec.fullName) takes one series here, not \(got)", span: args[index].span, hint: example)
        }
        return s
    }

    /// Levels as flat lines across the main panel, named by their value.
    func flatLines(count: Int) -> [ChartSeries] {
        levels.map { ChartSeries(Format.number($0), [Double](repeating: $0, count: count)) }
    }
}
