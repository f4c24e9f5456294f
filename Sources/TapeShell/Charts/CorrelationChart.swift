/// A correlation matrix as a heatmap on a fixed -1...1 diverging scale, every value
/// printed, names along both axes.
public struct CorrelationChart: Sendable, Equatable {
    public var title: String
    public var names: [String]
    /// matrix[i][j]: correlation of names[i] with names[j].
    public var matrix: [[Double]]

    public init(title: String, names: [String], matrix: [[Double]]) {
        self.title = title
        self.names = names
        self.matrix = matrix
    }

    /// Pearson correlations of equally long series over the rows where both are finite
    /// (pairwise deletion, as pandas' `DataFrame.corr` does).
    public init(title: String, series: [ChartSeries]) {
        let m = series.map { a in
            series.map { b in
                ChartMath.correlation(x: a.values, y: b.values) ?? .nan
            }
        }
        self.init(title: title, names: series.map(\.name), matrix: m)
    }

    func draw(into s: inout GnuplotScript) throws {
        guard !names.isEmpty, matrix.count == names.count, matrix.allSatisfy({ $0.count == names.count }) else {
            throw ChartError.badData(chart: "correlation", reason: "the matrix must be \(names.count) by \(names.count), one row and column per name")
        }
        // Row 0 at the top, as matrices are read.
        let n = names.count
        let grid = HeatmapChart.Grid(title: title, xName: "", yName: "", zName: "correlation",
                                     xLabels: names, yLabels: names.reversed(),
                                     z: (0..<n).map { matrix[n - 1 - $0] }, palette: ChartTheme.diverging,
                                     zRange: (-1, 1), showValues: n <= 30)
        grid.draw(into: &s)
    }
}
