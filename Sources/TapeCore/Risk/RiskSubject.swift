import Foundation

/// What a VaR is taken of: the one-period returns of its risk factors (a series' own
/// returns, each weighted asset's, or the underlyings of an account's positions) and how
/// a move of those factors over the horizon changes its value.
///
/// One rule for every method: the holding is set at the start of the horizon and kept
/// through it. Historical simulation values each overlapping h-period window of factor
/// returns that happened; Monte Carlo values simulated ones; the parametric methods fit
/// the one-period outcomes and scale them to the horizon as i.i.d. (mean × h, sd × √h,
/// skewness / √h, excess kurtosis / h). For one series held alone the historical horizon
/// outcome is the compounded h-period return, as in the references.
public struct RiskSubject: Sendable {
    public enum Holding: Sendable {
        /// A share of value in each factor: the outcome is Σ wᵢ·Rᵢ of the value (a series
        /// alone is the weight 1 on its own returns).
        case weights([Double])
        /// Positions revalued in full (options through their pricing engine): the profit or
        /// loss in money for the factors' compounded returns over `days` periods.
        case positions(@Sendable (_ factorReturns: [Double], _ days: Int) -> Double)
    }

    public var name: String
    public var factors: [String]
    /// Aligned one-period simple returns, one array per factor, all finite.
    public var returns: [[Double]]
    /// The value now (equity, or 1 for a return series): VaR as a fraction is the
    /// money amount over it.
    public var value: Double
    public var holding: Holding

    public init(name: String, factors: [String], returns: [[Double]], value: Double = 1, holding: Holding) {
        self.name = name
        self.factors = factors
        self.returns = returns
        self.value = value
        self.holding = holding
    }

    /// One series' returns (NaNs dropped), held alone.
    public static func series(_ name: String, returns: [Double], value: Double = 1) -> RiskSubject {
        RiskSubject(name: name, factors: [name], returns: [returns.filter { $0.isFinite }], value: value, holding: .weights([1]))
    }

    public var periods: Int { returns.first?.count ?? 0 }

    /// The outcome, as a share of value, of factor returns `r` over `days` periods.
    @inline(__always)
    func outcome(_ r: [Double], days: Int) -> Double {
        switch holding {
        case .weights(let w):
            var s = 0.0
            for i in 0..<min(w.count, r.count) { s += w[i] * r[i] }
            return s
        case .positions(let revalue): return revalue(r, days) / value
        }
    }

    /// The one-period outcomes that happened, as shares of value.
    public var periodOutcomes: [Double] {
        if case .weights(let w) = holding, w == [1], returns.count == 1 { return returns[0] }
        var r = [Double](repeating: 0, count: returns.count)
        return (0..<periods).map { t in
            for i in returns.indices { r[i] = returns[i][t] }
            return outcome(r, days: 1)
        }
    }

    /// The outcomes of every overlapping `h`-period window that happened.
    public func horizonOutcomes(_ h: Int) -> [Double] {
        if case .weights(let w) = holding, w == [1], returns.count == 1 { return ValueAtRisk.horizonReturns(returns[0], horizon: h) }
        let factorWindows = returns.map { ValueAtRisk.horizonReturns($0, horizon: h) }
        let n = factorWindows.first?.count ?? 0
        var r = [Double](repeating: 0, count: returns.count)
        return (0..<n).map { t in
            for i in returns.indices { r[i] = factorWindows[i][t] }
            return outcome(r, days: h)
        }
    }
}

/// A VaR and CVaR: as a share of the subject's value (negative for a loss) and in money.
public struct TailRisk: Sendable, Equatable {
    public var method: VaRMethod
    public var confidence: Double
    public var horizon: Int
    public var valueAtRisk: Double
    public var conditional: Double
    public var value: Double
    /// Outcomes measured or simulated.
    public var scenarios: Int

    /// The VaR and CVaR in money (negative for a loss).
    public var valueAtRiskAmount: Double { valueAtRisk * value }
    public var conditionalAmount: Double { conditional * value }
}

public enum RiskModel {
    /// The most paths one estimate simulates (memory: 8 bytes each).
    public static let maxPaths = 10_000_000

    /// VaR and CVaR of `subject` at `confidence` over `horizon` periods by `method`.
    public static func tail(_ subject: RiskSubject, method: VaRMethod, confidence: Double, horizon: Int = 1,
                            paths: Int = 100_000, seed: UInt64 = 0, cancel: (@Sendable () -> Bool)? = nil) throws -> TailRisk {
        guard confidence > 0, confidence < 1 else { throw RiskError.confidence(confidence) }
        let n = subject.periods
        guard horizon >= 1 else { throw RiskError.invalid("horizon must be at least one period") }
        guard horizon <= n else { throw RiskError.horizon(requested: horizon, available: n) }
        guard n >= 2 else { throw RiskError.tooFewReturns(n, need: 2) }
        var out = TailRisk(method: method, confidence: confidence, horizon: horizon, valueAtRisk: .nan, conditional: .nan,
                           value: subject.value, scenarios: 0)
        switch method {
        case .historical:
            let x = subject.horizonOutcomes(horizon)
            (out.valueAtRisk, out.conditional) = ValueAtRisk.historical(x, confidence: confidence)
            out.scenarios = x.count
        case .normal, .cornishFisher:
            let p = subject.periodOutcomes
            let m = ValueAtRisk.moments(p)
            let h = Double(horizon)
            if method == .normal {
                (out.valueAtRisk, out.conditional) = ValueAtRisk.normal(mean: m.mean * h, sd: m.sd * h.squareRoot(), confidence: confidence)
            } else {
                guard n >= 4 else { throw RiskError.tooFewReturns(n, need: 4) }
                (out.valueAtRisk, out.conditional) = ValueAtRisk.cornishFisher(
                    mean: m.mean * h, sd: m.sd * h.squareRoot(), skewness: m.skewness / h.squareRoot(),
                    excessKurtosis: m.excessKurtosis / h, confidence: confidence)
            }
            out.scenarios = p.count
        case .monteCarlo:
            guard paths >= 1, paths <= maxPaths else { throw RiskError.invalid("paths must be from 1 to \(maxPaths)") }
            let means = subject.returns.map { $0.reduce(0, +) / Double($0.count) }
            let cov = Covariance.matrix(subject.returns)
            let s = subject
            let x = try MonteCarloRisk.simulate(mean: means, covariance: cov, names: subject.factors, horizon: horizon, paths: paths,
                                                seed: seed, cancel: cancel) { r in s.outcome(r, days: horizon) }
            (out.valueAtRisk, out.conditional) = ValueAtRisk.historical(x, confidence: confidence)
            out.scenarios = x.count
        }
        return out
    }
}
