/// Implied volatility against strike, one curve per expiry: the smile (or skew) and how
/// it flattens with time.
public struct SmileChart: Sendable, Equatable {
    public struct Curve: Sendable, Equatable {
        /// The expiry's label, e.g. `2021-12-17` or `30d`.
        public var name: String
        public var strikes: [Double]
        /// Volatilities as fractions (0.25 for 25%); drawn in percent.
        public var vols: [Double]

        public init(name: String, strikes: [Double], vols: [Double]) {
            self.name = name
            self.strikes = strikes
            self.vols = vols
        }
    }

    public var title: String
    public var curves: [Curve]
    public var spot: Double?

    public init(title: String, curves: [Curve], spot: Double? = nil) {
        self.title = title
        self.curves = curves
        self.spot = spot
    }

    func draw(into s: inout GnuplotScript) throws {
        guard !curves.isEmpty else { throw ChartError.badData(chart: "smile", reason: "needs at least one expiry") }
        for c in curves where c.strikes.count != c.vols.count || c.strikes.isEmpty {
            throw ChartError.badData(chart: "smile", reason: "expiry '\(c.name)' has \(c.strikes.count) strikes and \(c.vols.count) volatilities")
        }
        s.title(title)
        s.add("set xlabel 'strike'")
        s.add("set ylabel 'implied volatility (%)'")
        s.add("set key top right")
        s.add("set offsets 0, 0, graph 0.05, graph 0.05")
        if let spot, spot.isFinite {
            s.verticalMarker(1, at: spot, name: "spot", labelHeight: 0.96, dash: 3, color: "'\(s.canvas.theme.foreground)'")
        }
        let plots = curves.enumerated().map { k, c -> String in
            let block = s.datablock(rows: c.strikes.count, columns: 2) { r, col in col == 0 ? c.strikes[r] : c.vols[r] * 100 }
            return "\(block) using 1:2 with linespoints lc rgb \(s.lineColor(k)) pt 7 ps 0.5 title \(GnuplotText.literal(c.name))"
        }
        s.plot(plots)
    }
}
