/// One named column of numbers to draw. Missing values are NaN (they leave a gap).
public struct ChartSeries: Sendable, Equatable {
    public enum Style: String, Sendable, CaseIterable {
        case line, bars, points, step
    }

    public var name: String
    public var values: [Double]
    public var style: Style

    public init(_ name: String, _ values: [Double], style: Style = .line) {
        self.name = name
        self.values = values
        self.style = style
    }

    /// The gnuplot `with` clause for this style in palette colour `color` (a quoted
    /// colour literal).
    func withClause(color: String) -> String {
        switch style {
        case .line: return "with lines lc rgb \(color)"
        case .bars: return "with impulses lc rgb \(color) lw 2"
        case .points: return "with points lc rgb \(color) pt 7 ps 0.5"
        case .step: return "with steps lc rgb \(color)"
        }
    }
}
