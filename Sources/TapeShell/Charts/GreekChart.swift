/// One Greek (delta, gamma, vega, theta, ...) against the underlying's price, one curve
/// per series (expiries or volatilities), with the strike marked.
public struct GreekChart: Sendable, Equatable {
    public var title: String
    public var greek: String
    public var spot: [Double]
    public var series: [ChartSeries]
    public var strike: Double?

    public init(title: String, greek: String, spot: [Double], series: [ChartSeries], strike: Double? = nil) {
        self.title = title
        self.greek = greek
        self.spot = spot
        self.series = series
        self.strike = strike
    }

    func draw(into s: inout GnuplotScript) throws {
        guard spot.count >= 2, !series.isEmpty else {
            throw ChartError.badData(chart: "greek", reason: "needs at least two spot prices and one series")
        }
        for c in series where c.values.count != spot.count {
            throw ChartError.badData(chart: "greek", reason: "'\(c.name)' has \(c.values.count) values but there are \(spot.count) spot prices")
        }
        s.title(title)
        s.add("set xlabel 'underlying price'")
        s.add("set ylabel \(GnuplotText.literal(greek))")
        s.add("set key opaque")   // curves often pass under the key
        s.add("set autoscale xfix")
        s.add("set offsets 0, 0, graph 0.05, graph 0.05")
        if let k = strike, k.isFinite {
            s.verticalMarker(1, at: k, name: "K", labelHeight: 0.04, dash: 3, color: "'\(s.canvas.theme.foreground)'")
        }
        let plots = series.enumerated().map { k, c -> String in
            let values = c.values
            let block = s.datablock(rows: spot.count, columns: 2) { r, col in col == 0 ? spot[r] : values[r] }
            return "\(block) using 1:2 \(c.withClause(color: s.lineColor(k))) title \(GnuplotText.literal(c.name))"
        }
        s.plot(plots)
    }
}
