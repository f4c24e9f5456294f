/// Predicted probability against how often the event happened, in bins: a calibrated
/// model lies on the diagonal; one that knows nothing sits at the base rate whatever it
/// predicts.
public struct CalibrationChart: Sendable, Equatable {
    public var title: String
    /// Mean predicted probability of each non-empty bin, the observed frequency, the count.
    public var predicted: [Double]
    public var observed: [Double]
    public var counts: [Int]
    public var baseRate: Double

    public init(title: String, predicted: [Double], observed: [Double], counts: [Int], baseRate: Double) {
        self.title = title
        self.predicted = predicted
        self.observed = observed
        self.counts = counts
        self.baseRate = baseRate
    }

    /// Bins of equal width over [0, 1].
    public static func binned(title: String, probability: [Double], actual: [Double], bins: Int = 10) -> CalibrationChart {
        var sumP = [Double](repeating: 0, count: bins), sumY = sumP, n = [Int](repeating: 0, count: bins)
        for (p, y) in zip(probability, actual) where p.isFinite {
            let b = min(bins - 1, max(0, Int(p * Double(bins))))
            sumP[b] += p; sumY[b] += y; n[b] += 1
        }
        let keep = (0..<bins).filter { n[$0] > 0 }
        let base = actual.isEmpty ? .nan : actual.reduce(0, +) / Double(actual.count)
        return CalibrationChart(title: title, predicted: keep.map { sumP[$0] / Double(n[$0]) },
                                observed: keep.map { sumY[$0] / Double(n[$0]) }, counts: keep.map { n[$0] }, baseRate: base)
    }

    func draw(into s: inout GnuplotScript) throws {
        guard !predicted.isEmpty else { throw ChartError.badData(chart: "calibration", reason: "no predicted probabilities") }
        let p = predicted, o = observed, n = counts
        let block = s.datablock(rows: p.count, columns: 3) { r, c in c == 0 ? p[r] : c == 1 ? o[r] : Double(n[r]) }
        s.title(title)
        s.add("set xlabel 'predicted probability'")
        s.add("set ylabel 'observed frequency'")
        s.add("set xrange [0:1]")
        s.add("set yrange [0:1]")
        s.add("set key top left")
        s.plot(["x with lines dt 2 lc rgb \(s.lineColor(2)) title 'calibrated'",
                "\(GnuplotText.number(baseRate)) with lines dt 3 lc rgb \(s.lineColor(3)) title \(GnuplotText.literal("base rate " + ChartMath.short(baseRate, digits: 3)))",
                "\(block) using 1:2 with linespoints lc rgb \(s.lineColor(0)) pt 7 title 'model (out of sample)'"])
    }
}
