/// A stress test as a picture: one row per scenario, one column per position and the
/// total, each cell the change in value (red a loss, blue a gain), so the scenario that
/// hurts and the position that hurts in it stand out.
public struct StressChart: Sendable, Equatable {
    public var title: String
    public var scenarios: [String]
    public var positions: [String]
    /// changes[s][p]: scenario s, position p (the last column the total).
    public var changes: [[Double]]
    /// What a cell is: compare draws Sharpe ratios in the same grid.
    public var measure: String

    public init(title: String, scenarios: [String], positions: [String], changes: [[Double]], measure: String = "change in value") {
        self.measure = measure
        self.title = title
        self.scenarios = scenarios
        self.positions = positions
        self.changes = changes
    }

    func draw(into s: inout GnuplotScript) throws {
        guard !scenarios.isEmpty, !positions.isEmpty, changes.count == scenarios.count,
              changes.allSatisfy({ $0.count == positions.count }) else {
            throw ChartError.badData(chart: "stress", reason: "needs one change per scenario and position")
        }
        // Symmetric around zero, so the colour of no change is the palette's middle.
        let bound = max(changes.joined().filter(\.isFinite).map { abs($0) }.max() ?? 1, 1e-9)
        let n = scenarios.count
        let grid = HeatmapChart.Grid(title: title, xName: "", yName: "", zName: measure,
                                     xLabels: positions, yLabels: scenarios.reversed(), z: (0..<n).map { changes[n - 1 - $0] },
                                     palette: ChartTheme.diverging, zRange: (-bound, bound), showValues: n * positions.count <= 60)
        grid.draw(into: &s)
    }
}
