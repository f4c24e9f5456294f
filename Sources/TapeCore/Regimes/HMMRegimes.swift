/// Volatility regimes of a price series by a Gaussian hidden Markov model on its daily
/// returns (in percent, so variances sit near 1 and the covariance prior of 0.001 is
/// small beside them): states numbered from the calmest (0) to the wildest.
public struct HMMRegimes: Sendable, Equatable {
    public var model: GaussianHMM
    public var logLikelihood: Double
    public var iterations: Int
    public var converged: Bool
    /// Observations the model was fitted on (the returns up to `until`).
    public var fittedOn: Int
    /// One label per bar of the series (NaN for the first, which has no return): the
    /// filtered state, known at that bar's close given the fitted parameters.
    public var labels: [Double]

    public static let covarsPrior = 1e-3

    /// Fits `states` states on the returns of `close` whose bar is at or before index
    /// `through` (all when nil), then labels every bar by the filtered state.
    public static func fit(close: [Double], states: Int, through: Int? = nil, iterations: Int = 200, tolerance: Double = 1e-6,
                           cancel: (@Sendable () -> Bool)? = nil) throws -> HMMRegimes {
        let r = RiskFigures.simpleReturns(close)
        var index: [Int] = [], x: [[Double]] = []
        for (k, v) in r.enumerated() where v.isFinite {
            index.append(k + 1)
            x.append([v * 100])
        }
        let cut = through.map { t in index.lastIndex { $0 <= t }.map { $0 + 1 } ?? 0 } ?? x.count
        let train = Array(x.prefix(cut))
        let start = try GaussianHMM.initial(train, states: states)
        let fit = try GaussianHMM.fit(train, start: start, priors: .init(covarsPrior: covarsPrior), iterations: iterations,
                                      tolerance: tolerance, cancel: cancel)
        let model = fit.model.orderedByVariance().model
        let path = try model.filtered(x)
        var labels = [Double](repeating: .nan, count: close.count)
        for (k, i) in index.enumerated() { labels[i] = Double(path[k]) }
        return HMMRegimes(model: model, logLikelihood: try model.score(train), iterations: fit.history.count, converged: fit.converged,
                          fittedOn: train.count, labels: labels)
    }

    /// `calm`, `normal`, `turbulent` for three states; `state k` otherwise.
    public static func name(_ state: Int, of states: Int) -> String {
        switch (states, state) {
        case (2, 0): return "calm"
        case (2, 1): return "turbulent"
        case (3, 0): return "calm"
        case (3, 1): return "normal"
        case (3, 2): return "turbulent"
        default: return "state \(state)"
        }
    }
}
