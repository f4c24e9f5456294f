/// Everything that can go wrong drawing a chart, each described in one line that says
/// what was wrong and what to do.
public enum ChartError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The data given cannot make this chart (empty, mismatched lengths, zoom outside).
    case badData(chart: String, reason: String)
    case invalidSetting(String)
    case gnuplotMissing
    case gnuplotFailed(String)
    case timedOut(seconds: Double)
    /// Ctrl-C during the run: gnuplot was stopped.
    case interrupted
    case io(String)

    public var description: String {
        switch self {
        case let .badData(chart, reason): return "\(chart) chart: \(reason)"
        case let .invalidSetting(message): return "set plot: \(message)"
        case .gnuplotMissing: return "gnuplot is not installed: sudo apt-get install gnuplot-nox"
        case let .gnuplotFailed(line): return "gnuplot failed: \(line)"
        case let .timedOut(seconds):
            return "gnuplot did not finish within \(GnuplotText.number(seconds)) s and was stopped"
        case .interrupted: return "interrupted"
        case let .io(message): return "chart output: \(message)"
        }
    }
}
