/// A grid of results over two parameters (a backtest swept over fast and slow
/// lengths, say), one coloured cell per pair, with the values printed when the grid is
/// small enough to read them.
public struct HeatmapChart: Sendable, Equatable {
    public var title: String
    public var xName: String
    public var yName: String
    public var zName: String
    public var xValues: [Double]
    public var yValues: [Double]
    /// z[row][column]: one row per y value, one column per x value.
    public var z: [[Double]]
    /// Print each cell's value; nil prints them when there are at most 400 cells.
    public var showValues: Bool?

    public init(title: String, xName: String, yName: String, zName: String, xValues: [Double], yValues: [Double],
                z: [[Double]], showValues: Bool? = nil) {
        self.title = title
        self.xName = xName
        self.yName = yName
        self.zName = zName
        self.xValues = xValues
        self.yValues = yValues
        self.z = z
        self.showValues = showValues
    }

    func draw(into s: inout GnuplotScript) throws {
        guard !xValues.isEmpty, !yValues.isEmpty else {
            throw ChartError.badData(chart: "heatmap", reason: "needs at least one value of each parameter")
        }
        guard z.count == yValues.count, z.allSatisfy({ $0.count == xValues.count }) else {
            throw ChartError.badData(chart: "heatmap", reason: "the grid must have \(yValues.count) rows of \(xValues.count) values")
        }
        // The best cell is framed and named in the title: it is what a sweep is run for.
        var best: (x: Int, y: Int, z: Double)?
        for (j, row) in z.enumerated() {
            for (i, v) in row.enumerated() where v.isFinite && v > (best?.z ?? -.infinity) { best = (i, j, v) }
        }
        var heading = title
        if let b = best {
            heading += "  (best " + ChartMath.short(b.z) + " at " + xName + " " + ChartMath.short(xValues[b.x])
                + ", " + yName + " " + ChartMath.short(yValues[b.y]) + ")"
        }
        var cells = Grid(title: heading, xName: xName, yName: yName, zName: zName,
                         xLabels: xValues.map { ChartMath.short($0) }, yLabels: yValues.map { ChartMath.short($0) },
                         z: z, palette: ChartTheme.sequential, zRange: nil,
                         showValues: showValues ?? (xValues.count * yValues.count <= 400))
        cells.highlight = best.map { ($0.x, $0.y) }
        cells.draw(into: &s)
    }

    /// A labelled grid of coloured cells, shared with the correlation matrix.
    /// Cells sit at integer positions and the axes are labelled with the parameter
    /// values, so uneven parameter steps still give square cells.
    struct Grid {
        var title: String
        var xName: String
        var yName: String
        var zName: String
        var xLabels: [String]
        var yLabels: [String]
        var z: [[Double]]
        var palette: String
        var zRange: (Double, Double)?
        var showValues: Bool
        /// A cell (column, row) to frame.
        var highlight: (Int, Int)?

        func draw(into s: inout GnuplotScript) {
            let nx = xLabels.count, ny = yLabels.count
            let finite = z.joined().filter { $0.isFinite }
            let lo = zRange?.0 ?? finite.min() ?? 0, hi = zRange?.1 ?? finite.max() ?? 1
            let block = s.datablock(rows: nx * ny, columns: 3) { r, c in
                let i = r % nx, j = r / nx
                switch c {
                case 0: return Double(i)
                case 1: return Double(j)
                default: return z[j][i]
                }
            }
            s.title(title)
            s.add("set xlabel \(GnuplotText.literal(xName))")
            s.add("set ylabel \(GnuplotText.literal(yName))")
            s.add("set cblabel \(GnuplotText.literal(zName))")
            s.add("set palette defined \(palette)")
            s.add("set cbrange [\(GnuplotText.number(lo)):\(GnuplotText.number(hi > lo ? hi : lo + 1))]")
            s.add("set xrange [-0.5:\(nx) - 0.5]")
            s.add("set yrange [-0.5:\(ny) - 0.5]")
            s.add("unset grid")
            s.add("set tics out")
            // Labels turn only when they would not fit side by side.
            let widest = xLabels.map(\.count).max() ?? 1
            let perLabel = s.canvas.isText ? widest + 1 : widest * 7 + 8
            let rotate = nx * perLabel > s.canvas.plotColumns ? " rotate by -45" : ""
            s.add("set xtics (\(Self.tics(xLabels, room: s.canvas.plotColumns / (s.canvas.isText ? 8 : 40))))" + rotate)
            s.add("set ytics (\(Self.tics(yLabels, room: s.canvas.height / (s.canvas.isText ? 2 : 18))))")
            s.add("set key off")
            if let (i, j) = highlight {
                s.add("set object 1 rect from \(Double(i) - 0.5), \(Double(j) - 0.5) to \(Double(i) + 0.5), \(Double(j) + 0.5) front fillstyle empty border lc rgb '\(s.canvas.theme.foreground)' lw 3")
            }
            // One box per cell rather than `with image`: image needs a complete grid, and
            // a sweep with constraints (fast < slow) leaves cells out.
            var plots = ["\(block) using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder lc palette notitle"]
            if showValues {
                // Dark text on light cells, light on dark: cells in the palette's outer
                // thirds are dark (viridis' low end, the diverging ends).
                let mid = (lo + hi) / 2, span = max(hi - lo, 1e-300)
                let dark = palette == ChartTheme.diverging
                    ? "abs($3 - \(GnuplotText.number(mid))) > \(GnuplotText.number(span * 0.3))"
                    : "$3 < \(GnuplotText.number(lo + span * 0.45))"
                plots.append("\(block) using 1:2:($3 == $3 ? sprintf('%.3g', $3) : ''):(\(dark) ? 0xffffff : 0x000000) with labels tc rgb variable font ',8' notitle")
            }
            s.plot(plots)
        }

        /// At most `room` labelled ticks, evenly thinned.
        static func tics(_ labels: [String], room: Int) -> String {
            let every = max(1, (labels.count + max(room, 1) - 1) / max(room, 1))
            return labels.enumerated().compactMap { i, text in
                i % every == 0 ? "\(GnuplotText.literal(text)) \(i)" : nil
            }.joined(separator: ", ")
        }
    }
}
