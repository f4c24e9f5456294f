/// A model's feature importance as bars, largest first, each feature named under its bar.
public struct ImportanceChart: Sendable, Equatable {
    public var title: String
    public var names: [String]
    /// Shares of the total importance (0...1), in the order of `names`.
    public var shares: [Double]

    public init(title: String, names: [String], shares: [Double]) {
        self.title = title
        self.names = names
        self.shares = shares
    }

    func draw(into s: inout GnuplotScript) throws {
        guard !shares.isEmpty, shares.count == names.count else {
            throw ChartError.badData(chart: "importance", reason: "no feature has any importance")
        }
        let values = shares
        let block = s.datablock(rows: values.count, columns: 2) { r, c in c == 0 ? Double(r) : values[r] * 100 }
        s.title(title)
        s.add("set ylabel 'share of importance (%)'")
        s.add("set yrange [0:*]")
        s.add("set xrange [-0.6:\(GnuplotText.number(Double(values.count) - 0.4))]")
        s.add("set boxwidth 0.7")
        // Long names rotated under the first bars reach left of the plot.
        s.add("set lmargin 14")
        let tics = names.enumerated().map { "\(GnuplotText.literal($0.element)) \($0.offset)" }.joined(separator: ", ")
        s.add("set xtics (\(tics)) rotate by 45 right nomirror")
        s.add("unset key")
        s.plot(["\(block) using 1:2 with boxes fs solid 0.6 border lc rgb \(s.lineColor(0))"])
    }
}
