import TapeCore

/// A quantmod-style price chart: a main panel of candles or OHLC bars with line
/// overlays (moving averages, bands), an optional volume panel, and extra panels stacked
/// below (RSI, MACD, ...), all on one bar-indexed time axis with an optional date zoom.
public struct PriceChart: Sendable, Equatable {
    public enum BarStyle: String, Sendable, CaseIterable {
        case candles
        /// Open-high-low-close bars (ticks left for open, right for close).
        case ohlc
    }

    public struct OHLC: Sendable, Equatable {
        public var open: [Double]
        public var high: [Double]
        public var low: [Double]
        public var close: [Double]

        public init(open: [Double], high: [Double], low: [Double], close: [Double]) {
            self.open = open
            self.high = high
            self.low = low
            self.close = close
        }
    }

    /// A panel below the main one; `levels` draws dashed horizontal guides (30 and 70
    /// for RSI, 0 for MACD).
    public struct Panel: Sendable, Equatable {
        public var title: String
        public var series: [ChartSeries]
        public var levels: [Double]

        public init(title: String, series: [ChartSeries], levels: [Double] = []) {
            self.title = title
            self.series = series
            self.levels = levels
        }
    }

    public var title: String
    /// The times every column below has one value for.
    public var axis: TimeAxis
    public var bars: OHLC?
    public var barStyle: BarStyle
    public var overlays: [ChartSeries]
    public var volume: [Double]?
    public var panels: [Panel]
    /// Only bars whose time lies in this range are drawn.
    public var zoom: ClosedRange<Int64>?

    /// The axis's times; setting them puts the chart on a new axis.
    public var time: [Int64] {
        get { axis.time }
        set { axis = TimeAxis(name: axis.name, time: newValue) }
    }

    public init(title: String, axis: TimeAxis, bars: OHLC? = nil, barStyle: BarStyle = .candles,
                overlays: [ChartSeries] = [], volume: [Double]? = nil, panels: [Panel] = [],
                zoom: ClosedRange<Int64>? = nil) {
        self.title = title
        self.axis = axis
        self.bars = bars
        self.barStyle = barStyle
        self.overlays = overlays
        self.volume = volume
        self.panels = panels
        self.zoom = zoom
    }

    /// A chart over plain times (tests, benchmarks).
    public init(title: String, time: [Int64], bars: OHLC? = nil, barStyle: BarStyle = .candles,
                overlays: [ChartSeries] = [], volume: [Double]? = nil, panels: [Panel] = [],
                zoom: ClosedRange<Int64>? = nil) {
        self.init(title: title, axis: TimeAxis(name: title, time: time), bars: bars, barStyle: barStyle,
                  overlays: overlays, volume: volume, panels: panels, zoom: zoom)
    }

    /// Candles and volume of a dataset, titled by its symbol.
    public init(_ data: Bars, overlays: [ChartSeries] = [], volume: Bool = true, panels: [Panel] = [],
                zoom: ClosedRange<Int64>? = nil) {
        self.init(title: data.symbol, axis: data.axis,
                  bars: OHLC(open: data.open, high: data.high, low: data.low, close: data.close),
                  overlays: overlays, volume: volume ? data.volume : nil, panels: panels, zoom: zoom)
    }

    func validate() throws {
        let n = time.count
        func check(_ name: String, _ count: Int) throws {
            guard count == n else {
                throw ChartError.badData(chart: "price", reason: "'\(name)' has \(count) values but there are \(n) times")
            }
        }
        if let b = bars {
            try check("open", b.open.count)
            try check("high", b.high.count)
            try check("low", b.low.count)
            try check("close", b.close.count)
        }
        if let v = volume { try check("volume", v.count) }
        for s in overlays { try check(s.name, s.values.count) }
        for p in panels { for s in p.series { try check(s.name, s.values.count) } }
        if bars == nil && overlays.isEmpty {
            throw ChartError.badData(chart: "price", reason: "nothing to draw in the main panel (no bars and no series)")
        }
    }

    func draw(into s: inout GnuplotScript) throws {
        try validate()
        let axis = try ChartTimeAxis(chart: "price", axis: self.axis, zoom: zoom, canvas: s.canvas)
        let rows = axis.rows
        let theme = s.canvas.theme

        // Bars (and volume) are merged into buckets when there are more than fit: about
        // three pixels per candle, one character cell in text.
        let room = max(1, s.canvas.isText ? s.canvas.plotColumns : s.canvas.plotColumns / 3)
        let buckets = Downsampler.buckets(rows, count: room)
        let barWidth = 0.7 * Double(rows.count) / Double(buckets.count)
        let pad = Double(rows.count) / Double(buckets.count)

        var weights = [3.0]
        if volume != nil { weights.append(1) }
        weights += panels.map { _ in 1.2 }
        let bands = s.bands(weights)
        var band = 0

        s.add("set multiplot")
        s.add("set autoscale yfix")
        s.add("set offsets 0, 0, graph 0.05, graph 0.05")
        s.add("set boxwidth \(GnuplotText.number(barWidth)) absolute")
        let up = "0x" + theme.up.dropFirst(), down = "0x" + theme.down.dropFirst()

        func placePanel(_ s: inout GnuplotScript) {
            let b = bands[band]
            s.band(bottom: b.bottom, top: b.top)
            for line in axis.commands(labelled: band == bands.count - 1, pad: pad) { s.add(line) }
            band += 1
        }

        // Main panel.
        placePanel(&s)
        s.title(title)
        s.add("set format y '%g'")
        var plots: [String] = []
        let candles = bars.map { Self.merge($0, buckets) }
        let anyCandle = candles?.contains { $0.allSatisfy(\.isFinite) } ?? false
        try Self.requireValues(overlays, rows: rows, in: "the main panel", unless: anyCandle)
        for (i, p) in panels.enumerated() {
            try Self.requireValues(p.series, rows: rows, in: "panel \(i + 1)", unless: !p.levels.isEmpty)
        }
        if let agg = candles {
            let block = s.datablock(rows: agg.count, columns: 5) { r, c in agg[r][c] }
            let colour = "($5 < $2 ? \(down) : \(up))"
            switch barStyle {
            case .candles:
                plots.append("\(block) using 1:2:3:4:5:\(colour) with candlesticks lc rgb variable fs solid 1.0 noborder title \(GnuplotText.literal(title))")
            case .ohlc:
                plots.append("\(block) using 1:2:3:4:5:\(colour) with financebars lc rgb variable title \(GnuplotText.literal(title))")
            }
        }
        plots += Self.seriesPlots(overlays, rows: rows, colorOffset: 0, into: &s)
        s.plot(plots)

        s.add("unset title")
        if let v = volume {
            placePanel(&s)
            s.add("set format y '%.0s%c'")
            let vb: [[Double]] = buckets.enumerated().map { k, r in
                var sum = 0.0
                for i in r where v[i].isFinite { sum += v[i] }
                // Coloured like its candle, whose open and close skip missing prices.
                let falling = candles.map { $0[k][4] < $0[k][1] } ?? false
                return [Self.center(r), sum, falling ? 1 : 0]
            }
            s.add("set yrange [0:*]")
            s.sparseYTics([0] + vb.map { $0[1] }, count: 3)
            let block = s.datablock(rows: vb.count, columns: 3) { r, c in vb[r][c] }
            s.add("plot \(block) using 1:2:($3 > 0 ? \(down) : \(up)) with boxes lc rgb variable fs transparent solid 0.5 noborder title 'volume'")
        }
        var colour = overlays.count
        for p in panels {
            placePanel(&s)
            s.add("set format y '%g'")
            var plots = Self.seriesPlots(p.series, rows: rows, colorOffset: colour, into: &s)
            colour += p.series.count
            for level in p.levels {
                plots.append("\(GnuplotText.number(level)) with lines dt 2 lc rgb '\(theme.foreground)' lw 0.8 notitle")
            }
            s.add("set yrange [*:*]")
            s.sparseYTics(p.series.flatMap { $0.values[rows] } + p.levels, count: 4)
            if !p.title.isEmpty { s.add("set ylabel \(GnuplotText.literal(p.title))") }
            s.plot(plots)
            s.add("unset ylabel")
        }
        s.add("unset multiplot")
    }

    /// gnuplot stops at a plot none of whose points it can draw ("all points y value
    /// undefined"); this names the series that left a panel so, before gnuplot runs.
    static func requireValues(_ series: [ChartSeries], rows: Range<Int>, in panel: String, unless drawable: Bool) throws {
        guard !drawable, !series.contains(where: { s in rows.contains { s.values[$0].isFinite } }) else { return }
        let names = series.map { "'\($0.name)'" }.joined(separator: ", ")
        throw ChartError.badData(chart: "price", reason: "nothing to draw in \(panel): \(names) \(series.count == 1 ? "has" : "have") no finite values in the rows shown")
    }

    /// Line datablocks for series over the visible rows, each reduced to two points per
    /// pixel column, and their plot clauses.
    static func seriesPlots(_ series: [ChartSeries], rows: Range<Int>, colorOffset: Int,
                            into s: inout GnuplotScript) -> [String] {
        series.enumerated().map { k, serie in
            let values = serie.values
            let keep = Downsampler.minMaxIndices(values, in: rows, columns: s.canvas.plotColumns)
            let block = s.datablock(rows: keep.count, columns: 2) { r, c in
                c == 0 ? Double(keep[r]) : values[keep[r]]
            }
            return "\(block) using 1:2 \(serie.withClause(color: s.lineColor(colorOffset + k))) title \(GnuplotText.literal(serie.name))"
        }
    }

    /// One candle per bucket: first open, highest high, lowest low, last close (the
    /// usual resampling of bars to a coarser period). Rows are x, open, low, high, close
    /// in gnuplot's candlestick column order.
    static func merge(_ b: OHLC, _ buckets: [Range<Int>]) -> [[Double]] {
        buckets.map { r in
            var high = -Double.infinity, low = Double.infinity
            for i in r {
                if b.high[i] > high { high = b.high[i] }
                if b.low[i] < low { low = b.low[i] }
            }
            let open = r.lazy.map { b.open[$0] }.first { $0.isFinite } ?? .nan
            let close = r.reversed().lazy.map { b.close[$0] }.first { $0.isFinite } ?? .nan
            return [center(r), open, low.isFinite ? low : .nan, high.isFinite ? high : .nan, close]
        }
    }

    static func center(_ r: Range<Int>) -> Double { Double(r.lowerBound + r.upperBound - 1) / 2 }
}
