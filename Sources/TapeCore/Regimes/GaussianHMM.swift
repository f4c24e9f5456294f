import Foundation

/// A hidden Markov model with Gaussian emissions of diagonal covariance, fitted by
/// Baum-Welch (expectation-maximisation), decoded by Viterbi.
///
/// The updates are hmmlearn 0.3.3's (`GaussianHMM(covariance_type="diag")`), priors
/// included, so a fit from the same start gives the same model, log-likelihood and state
/// sequence (RegimeAgreementTests, fixtures in Tests/Fixtures/regimes):
/// - start and transition probabilities: max(prior − 1 + expected counts, 0), normalised;
/// - means: (w·μ₀ + Σγx) / (w + Σγ);
/// - variances: (c₀ + w·(μ − μ₀)² + Σγx² − 2μΣγx + μ²Σγ) / max(max(c_w − 1, 0) + Σγ, 1e-5).
///
/// The forward-backward pass is scaled (Rabiner 1989): each step's probabilities are
/// normalised and the logs of the normalisers summed, and each emission is taken relative
/// to the step's largest, so nothing underflows; this is the same arithmetic as
/// hmmlearn's log-space pass to rounding, and several times faster (no exp or log per
/// state pair).
public struct GaussianHMM: Sendable, Equatable {
    public var startProbability: [Double]
    /// Row i: the probabilities of moving from state i to each state.
    public var transition: [[Double]]
    /// State × feature.
    public var means: [[Double]]
    public var variances: [[Double]]

    public init(startProbability: [Double], transition: [[Double]], means: [[Double]], variances: [[Double]]) {
        self.startProbability = startProbability
        self.transition = transition
        self.means = means
        self.variances = variances
    }

    public var states: Int { startProbability.count }
    public var features: Int { means.first?.count ?? 0 }

    /// hmmlearn's priors; the defaults there are means 0 with weight 0, covariance prior
    /// 0.01 with weight 1, and Dirichlet priors of 1 (none).
    public struct Priors: Sendable, Equatable {
        public var meansPrior = 0.0
        public var meansWeight = 0.0
        public var covarsPrior: Double
        public var covarsWeight = 1.0
        public var startPrior = 1.0
        public var transitionPrior = 1.0

        public init(covarsPrior: Double, meansPrior: Double = 0, meansWeight: Double = 0, covarsWeight: Double = 1,
                    startPrior: Double = 1, transitionPrior: Double = 1) {
            self.covarsPrior = covarsPrior
            self.meansPrior = meansPrior
            self.meansWeight = meansWeight
            self.covarsWeight = covarsWeight
            self.startPrior = startPrior
            self.transitionPrior = transitionPrior
        }
    }

    public struct Fit: Sendable, Equatable {
        public var model: GaussianHMM
        /// The log-likelihood before each iteration's update (hmmlearn's `monitor_.history`).
        public var history: [Double]
        public var converged: Bool
    }

    /// Baum-Welch from `start` on `x` (one row per observation, one column per feature):
    /// at most `iterations` updates, stopping once the log-likelihood gains less than
    /// `tolerance` (hmmlearn's rule: it stops after the update of the iteration whose gain
    /// was small).
    public static func fit(_ x: [[Double]], start: GaussianHMM, priors: Priors, iterations: Int = 100, tolerance: Double = 1e-2,
                           cancel: (@Sendable () -> Bool)? = nil) throws -> Fit {
        try start.check(x)
        var model = start
        var history: [Double] = []
        var converged = false
        for _ in 0..<max(iterations, 0) {
            if let cancel, cancel() { throw RiskError.invalid("interrupted") }
            let e = model.expectation(x)
            model.maximise(e, x: x, priors: priors)
            history.append(e.logLikelihood)
            if history.count >= 2, history[history.count - 1] - history[history.count - 2] < tolerance {
                converged = true
                break
            }
        }
        return Fit(model: model, history: history, converged: converged || history.count == iterations)
    }

    /// The log-likelihood of `x` under the model (hmmlearn's `score`).
    public func score(_ x: [[Double]]) throws -> Double {
        try check(x)
        return forward(emissions(x)).logLikelihood
    }

    /// The most likely state sequence (Viterbi, in logs; ties go to the lower state).
    public func viterbi(_ x: [[Double]]) throws -> [Int] {
        try check(x)
        let k = states, n = x.count
        guard n > 0 else { return [] }
        let logA = transition.map { $0.map { log($0) } }
        var delta = (0..<k).map { log(startProbability[$0]) + logDensity(x[0], $0) }
        var back = [[Int]](repeating: [Int](repeating: 0, count: k), count: n)
        var next = [Double](repeating: 0, count: k)
        for t in 1..<n {
            for j in 0..<k {
                var best = -Double.infinity, arg = 0
                for i in 0..<k {
                    let v = delta[i] + logA[i][j]
                    if v > best { best = v; arg = i }
                }
                next[j] = best + logDensity(x[t], j)
                back[t][j] = arg
            }
            swap(&delta, &next)
        }
        var state = 0
        for j in 1..<k where delta[j] > delta[state] { state = j }
        var path = [Int](repeating: 0, count: n)
        path[n - 1] = state
        if n > 1 {
            for t in stride(from: n - 1, to: 0, by: -1) {
                state = back[t][state]
                path[t - 1] = state
            }
        }
        return path
    }

    /// The most probable state at each observation given the observations up to it (the
    /// forward pass alone): what could have been known at the time, unlike Viterbi's
    /// path, which later observations revise.
    public func filtered(_ x: [[Double]]) throws -> [Int] {
        try check(x)
        let k = states
        let f = forward(emissions(x))
        return (0..<x.count).map { t in
            var best = 0
            for j in 1..<max(k, 1) where f.alpha[t * k + j] > f.alpha[t * k + best] { best = j }
            return best
        }
    }

    /// The probability of each state at each observation given all of them.
    public func posteriors(_ x: [[Double]]) throws -> [[Double]] {
        try check(x)
        let k = states, g = expectation(x).gamma
        return (0..<x.count).map { t in Array(g[(t * k)..<(t * k + k)]) }
    }

    /// The model with its states renumbered so that state 0 has the smallest variance of
    /// the first feature (the calmest regime) and the last the largest.
    public func orderedByVariance() -> (model: GaussianHMM, order: [Int]) {
        let order = (0..<states).sorted { (variances[$0].first ?? 0, $0) < (variances[$1].first ?? 0, $1) }
        let m = GaussianHMM(startProbability: order.map { startProbability[$0] },
                            transition: order.map { i in order.map { j in transition[i][j] } },
                            means: order.map { means[$0] }, variances: order.map { variances[$0] })
        return (m, order)
    }

    /// A deterministic start for `states` states on `x`: means at evenly spaced quantiles
    /// of each feature, every variance the feature's sample variance, staying in a state
    /// with probability 0.9 and starting anywhere alike.
    public static func initial(_ x: [[Double]], states k: Int) throws -> GaussianHMM {
        guard k >= 1, k <= 10 else { throw RiskError.invalid("a hidden Markov model takes from 1 to 10 states") }
        guard let d = x.first?.count, d >= 1 else { throw RiskError.invalid("no observations to fit") }
        guard x.count >= 2 * k * (d + 1) else { throw RiskError.tooFewReturns(x.count, need: 2 * k * (d + 1)) }
        var means = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
        var variances = means
        for f in 0..<d {
            let column = x.map { $0[f] }
            let v = RiskFigures.sampleStandardDeviation(column)
            for s in 0..<k {
                means[s][f] = OrderStatistics.quantile(column, (Double(s) + 0.5) / Double(k))
                variances[s][f] = max(v * v, 1e-300)
            }
        }
        let stay = k == 1 ? 1.0 : 0.9
        let move = k == 1 ? 0.0 : 0.1 / Double(k - 1)
        let a = (0..<k).map { i in (0..<k).map { j in i == j ? stay : move } }
        return GaussianHMM(startProbability: [Double](repeating: 1 / Double(k), count: k), transition: a, means: means, variances: variances)
    }

    // MARK: - Internals

    func check(_ x: [[Double]]) throws {
        let k = states
        guard k >= 1, transition.count == k, transition.allSatisfy({ $0.count == k }), means.count == k, variances.count == k else {
            throw RiskError.invalid("the model's sizes disagree")
        }
        let d = features
        guard variances.allSatisfy({ $0.count == d && $0.allSatisfy { $0 > 0 && $0.isFinite } }) else {
            throw RiskError.invalid("every variance must be positive")
        }
        guard x.allSatisfy({ $0.count == d && $0.allSatisfy(\.isFinite) }) else {
            throw RiskError.invalid("every observation needs \(d) finite feature\(d == 1 ? "" : "s")")
        }
    }

    @inline(__always)
    func logDensity(_ x: [Double], _ s: Int) -> Double {
        var v = Double(x.count) * log(2 * Double.pi)
        for f in 0..<x.count {
            let d = x[f] - means[s][f]
            v += log(variances[s][f]) + d * d / variances[s][f]
        }
        return -0.5 * v
    }

    /// Emission densities relative to each step's largest, and the logs of those largest.
    func emissions(_ x: [[Double]]) -> (b: [Double], offset: [Double]) {
        let k = states, n = x.count
        var b = [Double](repeating: 0, count: n * k), offset = [Double](repeating: 0, count: n)
        var l = [Double](repeating: 0, count: k)
        if features == 1 {
            // The one-feature case (returns) in flat arrays, the same arithmetic as
            // logDensity: Baum-Welch calls this on every iteration.
            let c = log(2 * Double.pi)
            let mu = means.map { $0[0] }, v = variances.map { $0[0] }, lv = v.map { log($0) }
            for t in 0..<n {
                let y = x[t][0]
                var top = -Double.infinity
                for s in 0..<k {
                    let d = y - mu[s]
                    l[s] = -0.5 * (c + (lv[s] + d * d / v[s]))
                    top = max(top, l[s])
                }
                offset[t] = top
                for s in 0..<k { b[t * k + s] = exp(l[s] - top) }
            }
            return (b, offset)
        }
        for t in 0..<n {
            var top = -Double.infinity
            for s in 0..<k { l[s] = logDensity(x[t], s); top = max(top, l[s]) }
            offset[t] = top
            for s in 0..<k { b[t * k + s] = exp(l[s] - top) }
        }
        return (b, offset)
    }

    struct Forward {
        var alpha: [Double]
        var scale: [Double]
        var logLikelihood: Double
    }

    func forward(_ e: (b: [Double], offset: [Double])) -> Forward {
        let k = states, n = e.offset.count
        let a = transition.flatMap { $0 }
        var alpha = [Double](repeating: 0, count: n * k), scale = [Double](repeating: 0, count: n)
        var ll = 0.0
        for t in 0..<n {
            var s = 0.0
            for j in 0..<k {
                var p = 0.0
                if t == 0 {
                    p = startProbability[j]
                } else {
                    for i in 0..<k { p += alpha[(t - 1) * k + i] * a[i * k + j] }
                }
                let v = p * e.b[t * k + j]
                alpha[t * k + j] = v
                s += v
            }
            scale[t] = s
            for j in 0..<k { alpha[t * k + j] /= s }
            ll += log(s) + e.offset[t]
        }
        return Forward(alpha: alpha, scale: scale, logLikelihood: ll)
    }

    struct Expectation {
        var logLikelihood: Double
        /// Observation × state, flat.
        var gamma: [Double]
        var start: [Double]
        var transitions: [[Double]]
    }

    func expectation(_ x: [[Double]]) -> Expectation {
        let k = states, n = x.count
        let e = emissions(x)
        let f = forward(e)
        let a = transition.flatMap { $0 }
        var beta = [Double](repeating: 1, count: n * k)
        var xi = [Double](repeating: 0, count: k * k)
        var gamma = [Double](repeating: 0, count: n * k)
        if n > 1 {
            for t in stride(from: n - 2, through: 0, by: -1) {
                let s = f.scale[t + 1]
                for i in 0..<k {
                    var v = 0.0
                    for j in 0..<k { v += a[i * k + j] * e.b[(t + 1) * k + j] * beta[(t + 1) * k + j] }
                    beta[t * k + i] = v / s
                }
                for i in 0..<k {
                    let w = f.alpha[t * k + i] / s
                    for j in 0..<k { xi[i * k + j] += w * a[i * k + j] * e.b[(t + 1) * k + j] * beta[(t + 1) * k + j] }
                }
            }
        }
        for t in 0..<n {
            var s = 0.0
            for j in 0..<k { gamma[t * k + j] = f.alpha[t * k + j] * beta[t * k + j]; s += gamma[t * k + j] }
            for j in 0..<k { gamma[t * k + j] /= s }
        }
        return Expectation(logLikelihood: f.logLikelihood, gamma: gamma, start: n > 0 ? Array(gamma[0..<k]) : [],
                           transitions: (0..<k).map { i in Array(xi[(i * k)..<(i * k + k)]) })
    }

    mutating func maximise(_ e: Expectation, x: [[Double]], priors p: Priors) {
        let k = states, d = features
        var start = (0..<k).map { startProbability[$0] == 0 ? 0 : max(p.startPrior - 1 + e.start[$0], 0) }
        let total = start.reduce(0, +)
        if total > 0 { start = start.map { $0 / total } }
        startProbability = start
        for i in 0..<k {
            var row = (0..<k).map { transition[i][$0] == 0 ? 0 : max(p.transitionPrior - 1 + e.transitions[i][$0], 0) }
            let s = row.reduce(0, +)
            if s > 0 { row = row.map { $0 / s } }
            transition[i] = row
        }
        for s in 0..<k {
            var post = 0.0
            var obs = [Double](repeating: 0, count: d), obs2 = [Double](repeating: 0, count: d)
            for t in 0..<x.count {
                let g = e.gamma[t * k + s]
                post += g
                for f in 0..<d { obs[f] += g * x[t][f]; obs2[f] += g * x[t][f] * x[t][f] }
            }
            for f in 0..<d {
                let mu = (p.meansWeight * p.meansPrior + obs[f]) / (p.meansWeight + post)
                let md = mu - p.meansPrior
                let cn = p.meansWeight * md * md + obs2[f] - 2 * mu * obs[f] + mu * mu * post
                let cd = max(p.covarsWeight - 1, 0) + post
                means[s][f] = mu
                variances[s][f] = (p.covarsPrior + cn) / max(cd, 1e-5)
            }
        }
    }
}
