/// Colours for light and dark terminals. The line palette is Tableau 10 (the matplotlib
/// default cycle) on light backgrounds; on dark ones each hue is lightened so lines keep
/// their contrast. Up/down colours follow the usual green-up, red-down candle convention.
public enum ChartTheme: String, CaseIterable, Sendable {
    case light
    case dark

    public var background: String { self == .light ? "#ffffff" : "#1e1e1e" }
    public var foreground: String { self == .light ? "#202020" : "#d4d4d4" }
    public var grid: String { self == .light ? "#dcdcdc" : "#3a3a3a" }
    public var up: String { "#26a69a" }
    public var down: String { "#ef5350" }

    public var lines: [String] {
        switch self {
        case .light:
            return ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
        case .dark:
            return ["#4fc3f7", "#ffb74d", "#81c784", "#e57373", "#ba68c8",
                    "#bcaaa4", "#f48fb1", "#bdbdbd", "#dce775", "#4dd0e1"]
        }
    }

    /// Sequential palette for heatmaps and surfaces: viridis' anchor colours, which stay
    /// ordered in lightness and readable to colour-blind viewers.
    public static let sequential = "(0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 '#fde725')"

    /// Diverging palette for correlations: blue for -1, white for 0, red for +1.
    public static let diverging = "(-1 '#2166ac', -0.5 '#67a9cf', 0 '#f7f7f7', 0.5 '#ef8a62', 1 '#b2182b')"
}
