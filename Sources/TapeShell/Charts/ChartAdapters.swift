import TapeCore

/// Charts built straight from TapeCore results, so the commands that produce them can
/// draw with one call (`ChartCommands.show(.equity(EquityChart(result)), c)`).
extension EquityChart {
    /// A backtest's equity with Buy & Hold of the same cash from the benchmark bar (the
    /// last warm-up bar, as the backtest's own statistics measure it).
    public init(_ result: BacktestResult) {
        let base = result.benchmarkBar - result.range.lowerBound
        var hold: ChartSeries?
        if result.close.indices.contains(base), result.close[base] > 0, let start = result.equity.first {
            let units = start / result.close[base]
            hold = ChartSeries("buy & hold", result.close.indices.map { $0 < base ? .nan : result.close[$0] * units })
        }
        self.init(title: "\(result.symbol) \(result.strategyName)", time: result.time, equity: result.equity, benchmark: hold)
    }
}

extension HeatmapChart {
    /// The score of every trial of a two-parameter search on its grid: one column per
    /// value of the first parameter, one row per value of the second; NaN where a pair
    /// was not evaluated (rejected by a constraint, or not drawn by a random search).
    /// Nil unless the search had exactly two parameters.
    public init?(_ result: OptimizationResult, title: String? = nil) {
        guard result.names.count == 2 else { return nil }
        let xs = Array(Set(result.trials.compactMap { $0.values.first })).sorted()
        let ys = Array(Set(result.trials.compactMap { $0.values.dropFirst().first })).sorted()
        guard !xs.isEmpty, !ys.isEmpty else { return nil }
        var z = [[Double]](repeating: [Double](repeating: .nan, count: xs.count), count: ys.count)
        for t in result.trials where t.values.count == 2 {
            if let i = xs.firstIndex(of: t.values[0]), let j = ys.firstIndex(of: t.values[1]) { z[j][i] = t.score }
        }
        self.init(title: title ?? "\(result.objective) over \(result.names[0]) and \(result.names[1])",
                  xName: result.names[0], yName: result.names[1], zName: result.objective,
                  xValues: xs, yValues: ys, z: z)
    }
}
