/// An event study's picture: the mean return path after positive and after negative news
/// days against the offset from the news day, each inside its 95% band, so a reader sees
/// at a glance whether the two paths part by more than their bands.
public struct EventChart: Sendable, Equatable {
    public struct Path: Sendable, Equatable {
        public var name: String
        /// Mean return (a fraction) at each offset; NaN where there are no events.
        public var mean: [Double]
        /// Half-width of the 95% band at each offset; NaN with fewer than two events.
        public var band: [Double]

        public init(name: String, mean: [Double], band: [Double]) {
            self.name = name
            self.mean = mean
            self.band = band
        }
    }

    public var title: String
    public var offsets: [Int]
    public var paths: [Path]

    public init(title: String, offsets: [Int], paths: [Path]) {
        self.title = title
        self.offsets = offsets
        self.paths = paths
    }

    func draw(into s: inout GnuplotScript) throws {
        guard offsets.count >= 2, !paths.isEmpty else {
            throw ChartError.badData(chart: "event", reason: "needs at least two offsets and one path")
        }
        for p in paths where p.mean.count != offsets.count || p.band.count != offsets.count {
            throw ChartError.badData(chart: "event", reason: "'\(p.name)' has \(p.mean.count) means and \(p.band.count) bands for \(offsets.count) offsets")
        }
        let x = offsets.map(Double.init)
        s.title(title)
        s.add("set xlabel 'bars from the news day'")
        s.add("set ylabel 'return from the close before (%)'")
        s.add("set key top left opaque")
        s.add("set autoscale xfix")
        s.add("set offsets 0, 0, graph 0.05, graph 0.05")
        s.verticalMarker(1, at: 0, name: "news", labelHeight: 0.04, dash: 3, color: "'\(s.canvas.theme.foreground)'")
        var plots = ["0 with lines dt 2 lc rgb '\(s.canvas.theme.foreground)' notitle"]
        for (k, p) in paths.enumerated() {
            // Percent, so the axis reads as the table does; a band missing (one event) draws no fill.
            let block = s.datablock(rows: x.count, columns: 4) { r, c in
                c == 0 ? x[r] : c == 1 ? p.mean[r] * 100 : c == 2 ? (p.mean[r] - p.band[r]) * 100 : (p.mean[r] + p.band[r]) * 100
            }
            let color = s.lineColor(k)
            plots.append("\(block) using 1:3:4 with filledcurves lc rgb \(color) fs transparent solid 0.18 notitle")
            plots.append("\(block) using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb \(color) title \(GnuplotText.literal(p.name))")
        }
        s.plot(plots)
    }
}
