import Foundation

/// A histogram of values (usually returns) drawn as a density, with the normal
/// distribution of the same mean and standard deviation laid over it, so fat tails and
/// skew show as bars escaping the curve.
public struct HistogramChart: Sendable, Equatable {
    public var title: String
    public var name: String
    public var values: [Double]
    /// Bin count; nil chooses by the Freedman-Diaconis rule.
    public var bins: Int?

    public init(title: String, name: String, values: [Double], bins: Int? = nil) {
        self.title = title
        self.name = name
        self.values = values
        self.bins = bins
    }

    func draw(into s: inout GnuplotScript) throws {
        guard let h = ChartMath.histogram(values, bins: bins),
              let fit = ChartMath.meanAndDeviation(values) else {
            throw ChartError.badData(chart: "histogram", reason: "'\(name)' needs at least two finite values")
        }
        let density = h.densities
        let block = s.datablock(rows: h.counts.count, columns: 2) { r, c in
            c == 0 ? h.start + (Double(r) + 0.5) * h.width : density[r]
        }
        s.title(title)
        s.add("set xlabel \(GnuplotText.literal(name))")
        s.add("set ylabel 'density'")
        s.add("set key top right")
        s.add("set boxwidth \(GnuplotText.number(h.width)) absolute")
        s.add("set samples 400")
        let end = h.start + h.width * Double(h.counts.count)
        let margin = h.width
        s.add("set xrange [\(GnuplotText.number(h.start - margin)):\(GnuplotText.number(end + margin))]")
        s.add("set yrange [0:*]")
        let bars = "\(name) (n=\(fit.count))"
        let normal = "normal: mean " + ChartMath.short(fit.mean) + ", sd " + ChartMath.short(fit.sd)
        let m = GnuplotText.number(fit.mean), sd = GnuplotText.number(fit.sd)
        s.plot(["\(block) using 1:2 with boxes fs solid 0.45 border lc rgb \(s.lineColor(0)) title \(GnuplotText.literal(bars))",
                "exp(-0.5 * ((x - (\(m))) / \(sd))**2) / (\(sd) * sqrt(2 * pi)) with lines lc rgb \(s.lineColor(3)) lw 2 title \(GnuplotText.literal(normal))"])
    }
}
