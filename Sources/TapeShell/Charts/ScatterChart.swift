/// One series against another with the least-squares line, whose slope, intercept and
/// R² are printed in the key (the usual beta-against-the-market picture).
public struct ScatterChart: Sendable, Equatable {
    public var title: String
    public var x: ChartSeries
    public var y: ChartSeries

    public init(title: String, x: ChartSeries, y: ChartSeries) {
        self.title = title
        self.x = x
        self.y = y
    }

    func draw(into s: inout GnuplotScript) throws {
        guard x.values.count == y.values.count else {
            throw ChartError.badData(chart: "scatter", reason: "'\(x.name)' has \(x.values.count) values but '\(y.name)' has \(y.values.count)")
        }
        let xs = x.values, ys = y.values
        // The fit uses every point; only the drawing is thinned (one dot per pixel cell).
        let plotRows = max(10, s.canvas.isText ? s.canvas.height - 4 : s.canvas.height - 80)
        let keep = Downsampler.gridIndices(x: xs, y: ys, columns: s.canvas.plotColumns, rows: plotRows)
        let block = s.datablock(rows: keep.count, columns: 2) { r, c in c == 0 ? xs[keep[r]] : ys[keep[r]] }
        s.title(title)
        s.add("set xlabel \(GnuplotText.literal(x.name))")
        s.add("set ylabel \(GnuplotText.literal(y.name))")
        var plots = ["\(block) using 1:2 with points lc rgb \(s.lineColor(0)) pt 7 ps 0.45 title \(GnuplotText.literal("\(y.name) vs \(x.name)"))"]
        if let fit = ChartMath.regression(x: xs, y: ys) {
            let text = "y = " + ChartMath.short(fit.intercept) + " + " + ChartMath.short(fit.slope) + " x,  R² = "
                + ChartMath.short(fit.r2, digits: 3) + "  (n=\(fit.count))"
            plots.append("\(GnuplotText.number(fit.intercept)) + \(GnuplotText.number(fit.slope)) * x with lines lc rgb \(s.lineColor(3)) lw 2 title \(GnuplotText.literal(text))")
        } else {
            throw ChartError.badData(chart: "scatter", reason: "needs at least two points with different '\(x.name)' values")
        }
        s.plot(plots)
    }
}
