/// Every kind of chart Tape draws, as plain data (times, values, names) with no tie to
/// the language that produced it. Render one with `ChartRenderer`.
public enum ChartSpec: Sendable, Equatable {
    case price(PriceChart)
    case equity(EquityChart)
    case histogram(HistogramChart)
    case scatter(ScatterChart)
    case heatmap(HeatmapChart)
    case payoff(PayoffChart)
    case stress(StressChart)
    case greek(GreekChart)
    case smile(SmileChart)
    case surface(SurfaceChart)
    case correlation(CorrelationChart)
    case importance(ImportanceChart)
    case calibration(CalibrationChart)
    case folds(FoldTimelineChart)
    case event(EventChart)

    /// Short name of the kind, used in file names (`plots/<session>-3-price.png`).
    public var kind: String {
        switch self {
        case .price: return "price"
        case .equity: return "equity"
        case .histogram: return "histogram"
        case .scatter: return "scatter"
        case .heatmap: return "heatmap"
        case .payoff: return "payoff"
        case .stress: return "stress"
        case .greek: return "greek"
        case .smile: return "smile"
        case .surface: return "surface"
        case .correlation: return "correlation"
        case .importance: return "importance"
        case .calibration: return "calibration"
        case .folds: return "folds"
        case .event: return "event"
        }
    }

    func draw(into s: inout GnuplotScript) throws {
        switch self {
        case let .price(c): try c.draw(into: &s)
        case let .equity(c): try c.draw(into: &s)
        case let .histogram(c): try c.draw(into: &s)
        case let .scatter(c): try c.draw(into: &s)
        case let .heatmap(c): try c.draw(into: &s)
        case let .payoff(c): try c.draw(into: &s)
        case let .stress(c): try c.draw(into: &s)
        case let .greek(c): try c.draw(into: &s)
        case let .smile(c): try c.draw(into: &s)
        case let .surface(c): try c.draw(into: &s)
        case let .correlation(c): try c.draw(into: &s)
        case let .importance(c): try c.draw(into: &s)
        case let .calibration(c): try c.draw(into: &s)
        case let .folds(c): try c.draw(into: &s)
        case let .event(c): try c.draw(into: &s)
        }
    }
}

/// Turns a chart into a complete gnuplot script for a canvas.
public enum ChartRenderer {
    /// The script; throws `ChartError.badData` when the chart's data cannot be drawn
    /// (empty, mismatched lengths, a zoom with no data).
    public static func script(for chart: ChartSpec, canvas: ChartCanvas) throws -> String {
        var s = GnuplotScript(canvas: canvas)
        try chart.draw(into: &s)
        return s.finish()
    }
}
