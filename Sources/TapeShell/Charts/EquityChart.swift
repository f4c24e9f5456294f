import TapeCore

/// An equity curve with its drawdown hanging below, on the bar-indexed time axis of the
/// price chart (so a backtest's curve and its prices line up bar for bar).
public struct EquityChart: Sendable, Equatable {
    public var title: String
    /// The equity on its time axis (a backtest's `equityCurve`).
    public var curve: Series
    /// Another curve to compare on the same scale (buy and hold, a benchmark), one value
    /// per time of `curve`.
    public var benchmark: ChartSeries?
    public var zoom: ClosedRange<Int64>?

    /// The curve's times; setting them puts the curve on a new axis.
    public var time: [Int64] {
        get { curve.axis.time }
        set { curve.axis = TimeAxis(name: curve.axis.name, time: newValue) }
    }

    public var equity: [Double] {
        get { curve.values }
        set { curve.values = newValue }
    }

    public init(title: String, curve: Series, benchmark: ChartSeries? = nil, zoom: ClosedRange<Int64>? = nil) {
        self.title = title
        self.curve = curve
        self.benchmark = benchmark
        self.zoom = zoom
    }

    /// A curve given as plain times and values (tests, benchmarks).
    public init(title: String, time: [Int64], equity: [Double], benchmark: ChartSeries? = nil,
                zoom: ClosedRange<Int64>? = nil) {
        self.init(title: title, curve: Series(axis: TimeAxis(name: title, time: time), values: equity, name: "equity"),
                  benchmark: benchmark, zoom: zoom)
    }

    func draw(into s: inout GnuplotScript) throws {
        guard equity.count == time.count else {
            throw ChartError.badData(chart: "equity", reason: "'equity' has \(equity.count) values but there are \(time.count) times")
        }
        if let b = benchmark, b.values.count != time.count {
            throw ChartError.badData(chart: "equity", reason: "'\(b.name)' has \(b.values.count) values but there are \(time.count) times")
        }
        let axis = try ChartTimeAxis(chart: "equity", axis: curve.axis, zoom: zoom, canvas: s.canvas)
        let rows = axis.rows
        // Drawdown runs from the first bar, not the first shown: a zoom must not reset
        // the peak.
        let drawdown = ChartMath.drawdown(equity).map { $0 * 100 }
        let shown = Array(drawdown[rows])
        let worst = shown.filter { $0.isFinite }.min() ?? 0

        let bands = s.bands([3, 1.3])
        s.add("set multiplot")
        s.add("set autoscale yfix")
        s.add("set offsets 0, 0, graph 0.05, graph 0.05")
        s.band(bottom: bands[0].bottom, top: bands[0].top)
        for line in axis.commands(labelled: false, pad: 0.5) { s.add(line) }
        s.title(title)
        s.add("set format y '%g'")
        var curves = [ChartSeries("equity", equity)]
        if let b = benchmark { curves.append(b) }
        let plots = PriceChart.seriesPlots(curves, rows: rows, colorOffset: 0, into: &s)
        s.plot(plots)

        s.add("unset title")
        s.band(bottom: bands[1].bottom, top: bands[1].top)
        for line in axis.commands(labelled: true, pad: 0.5) { s.add(line) }
        s.add("set format y '%g%%'")
        s.add("set yrange [*:0]")
        s.add("set key bottom left opaque")
        s.sparseYTics(shown + [0], count: 4)
        s.add("set offsets 0, 0, 0, graph 0.05")
        let keep = Downsampler.minMaxIndices(drawdown, in: rows, columns: s.canvas.plotColumns)
        let block = s.datablock(rows: keep.count, columns: 2) { r, c in c == 0 ? Double(keep[r]) : drawdown[keep[r]] }
        let label = "drawdown (worst " + ChartMath.short(worst, digits: 3) + "%)"
        s.add("plot \(block) using 1:2 with filledcurves y=0 lc rgb '\(s.canvas.theme.down)' fs transparent solid 0.5 title \(GnuplotText.literal(label))")
        s.add("unset multiplot")
    }
}
