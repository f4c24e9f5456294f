import Foundation

/// Regimes by rule: the trend (the close above or below its moving average) crossed with
/// the volatility state (realised volatility above or below its own rolling median).
/// Every label at bar i uses bars 0...i only, so it can steer a backtest without
/// look-ahead; it is NaN until both windows are full.
public enum RegimeRules {
    /// The four labels, numbered as `label` returns them.
    public static let names = ["bull calm", "bull volatile", "bear calm", "bear volatile"]

    /// 0 bull calm, 1 bull volatile, 2 bear calm, 3 bear volatile.
    /// - trend: close > simple moving average of `trendWindow` closes;
    /// - volatility: the sample sd of the last `volWindow` simple returns above the median
    ///   of that sd over the last `volLookback` bars.
    public static func label(close: [Double], trendWindow: Int = 200, volWindow: Int = 20, volLookback: Int = 252) throws -> [Double] {
        guard trendWindow >= 2, volWindow >= 2, volLookback >= 2 else { throw RiskError.invalid("regime windows must be at least 2 bars") }
        let n = close.count
        var out = [Double](repeating: .nan, count: n)
        guard n > 0 else { return out }
        let r = [Double.nan] + RiskFigures.simpleReturns(close)
        var vol = [Double](repeating: .nan, count: n)
        if n > volWindow {
            for i in volWindow..<n {
                let w = Array(r[(i - volWindow + 1)...i])
                if w.allSatisfy(\.isFinite) { vol[i] = RiskFigures.sampleStandardDeviation(w) }
            }
        }
        var sum = 0.0
        for i in 0..<n {
            sum += close[i]
            if i >= trendWindow { sum -= close[i - trendWindow] }
            guard i >= trendWindow - 1, i >= volWindow + volLookback - 1, vol[i].isFinite else { continue }
            let average = sum / Double(trendWindow)
            let past = vol[(i - volLookback + 1)...i].filter(\.isFinite)
            guard past.count == volLookback, close[i].isFinite, average.isFinite else { continue }
            let median = OrderStatistics.quantile(Array(past), 0.5)
            let bull = close[i] > average, calm = vol[i] <= median
            out[i] = Double((bull ? 0 : 2) + (calm ? 0 : 1))
        }
        return out
    }
}
