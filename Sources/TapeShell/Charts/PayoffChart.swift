/// An option position's profit and loss against the underlying: at expiry (the hockey
/// stick) and today (its smooth value curve), with profit and loss shaded and the
/// breakevens marked where the expiry curve crosses zero.
public struct PayoffChart: Sendable, Equatable {
    public var title: String
    public var spot: [Double]
    public var atExpiry: [Double]
    public var today: [Double]?
    /// Where the underlying trades now, marked on the axis.
    public var spotNow: Double?

    public init(title: String, spot: [Double], atExpiry: [Double], today: [Double]? = nil, spotNow: Double? = nil) {
        self.title = title
        self.spot = spot
        self.atExpiry = atExpiry
        self.today = today
        self.spotNow = spotNow
    }

    /// Breakevens at expiry, interpolated between grid points.
    public var breakevens: [Double] { ChartMath.zeroCrossings(x: spot, y: atExpiry) }

    func draw(into s: inout GnuplotScript) throws {
        guard spot.count >= 2 else { throw ChartError.badData(chart: "payoff", reason: "needs at least two spot prices") }
        guard atExpiry.count == spot.count else {
            throw ChartError.badData(chart: "payoff", reason: "'at expiry' has \(atExpiry.count) values but there are \(spot.count) spot prices")
        }
        if let t = today, t.count != spot.count {
            throw ChartError.badData(chart: "payoff", reason: "'today' has \(t.count) values but there are \(spot.count) spot prices")
        }
        let today = self.today
        let columns = today == nil ? 2 : 3
        let block = s.datablock(rows: spot.count, columns: columns) { r, c in
            switch c {
            case 0: return spot[r]
            case 1: return atExpiry[r]
            default: return today?[r] ?? .nan
            }
        }
        let theme = s.canvas.theme
        s.title(title)
        s.add("set xlabel 'underlying price'")
        s.add("set ylabel 'profit / loss'")
        s.add("set autoscale xfix")
        s.add("set offsets 0, 0, graph 0.08, graph 0.08")
        s.add("set key top left")
        let breakevens = self.breakevens
        for (k, be) in breakevens.enumerated() {
            s.verticalMarker(k + 1, at: be, name: "BE", labelHeight: 0.04, dash: 3, color: "'\(theme.foreground)'")
        }
        if let now = spotNow, now.isFinite {
            s.verticalMarker(breakevens.count + 1, at: now, name: "spot", labelHeight: 0.96, dash: 2, color: s.lineColor(4))
        }
        var plots: [String] = []
        if !s.canvas.isText {
            // Shading reads well in colour; in text it buries the curves in fill characters.
            plots.append("\(block) using 1:2:(0) with filledcurves above lc rgb '\(theme.up)' fs transparent solid 0.18 notitle")
            plots.append("\(block) using 1:2:(0) with filledcurves below lc rgb '\(theme.down)' fs transparent solid 0.18 notitle")
        }
        plots.append("0 with lines lc rgb '\(theme.foreground)' lw 0.6 notitle")
        plots.append("\(block) using 1:2 with lines lc rgb \(s.lineColor(0)) lw 2.5 title 'at expiry'")
        if today != nil {
            plots.append("\(block) using 1:3 with lines lc rgb \(s.lineColor(1)) lw 2 dt 2 title 'today'")
        }
        s.plot(plots)
    }
}
