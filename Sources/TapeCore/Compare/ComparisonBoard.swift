import Foundation

/// One strategy on one symbol, with the twins that keep a published table honest.
public struct BoardRow: Sendable {
    public var strategy: String
    public var symbol: String
    public var statistics: Statistics
    /// The probability that this row's Sharpe ratio beats the best one expected from as
    /// many unskilled tries as the board holds (Bailey & López de Prado's deflated Sharpe).
    public var deflatedSharpe: Double
    /// The annualised Sharpe ratio of the walk-forward's joined test windows: parameters
    /// chosen on each training window, judged on the data after it. NaN when the data is
    /// too short for one window (`walkForwardNote` says why).
    public var outOfSampleSharpe: Double
    public var walkForwardNote: String?
    public var result: BacktestResult
}

/// `compare STRATEGY... on SYMBOL...`: every pair through the same engine, one table.
///
/// The honest form of the per-algorithm tables trading systems publish: beside each
/// return stands what buying and holding the symbol made over the same bars, the Sharpe
/// ratio deflated for the number of pairs tried (a board of 20 rows will show a good
/// Sharpe by luck), and the Sharpe ratio out of sample, from a walk-forward whose
/// parameters were chosen on earlier data only.
public enum ComparisonBoard {
    public struct WalkForwardPlan: Sendable {
        public var train: WindowLength
        public var test: WindowLength
        public init(train: WindowLength = .years(2), test: WindowLength = .months(6)) {
            self.train = train
            self.test = test
        }
    }

    public static func run(strategies: [(info: StrategyInfo, parameters: [String: Double])], symbols: [Bars], config: BacktestConfig,
                           walkForward: WalkForwardPlan? = WalkForwardPlan(), cancel: Backtester.Cancel? = nil) throws -> [BoardRow] {
        guard !strategies.isEmpty, !symbols.isEmpty else { throw BacktestError.invalidParameter("compare needs at least one strategy and one symbol") }
        var rows: [BoardRow] = []
        var moments: [(sharpe: Double, skewness: Double, kurtosis: Double, observations: Int)] = []
        for bars in symbols {
            for (info, parameters) in strategies {
                guard info.kind == .singleSymbol else { throw BacktestError.invalidStrategy("\(info.name) trades several symbols at once: compare runs one symbol at a time") }
                if cancel?() == true { throw BacktestError.cancelled }
                var s = try info.make(bars: bars, parameters: parameters, convention: config.convention)
                let r = try Backtester.run(&s, bars: bars, config: config, cancel: cancel)
                let stats = BacktestStatistics.compute(r)
                let returns = RiskFigures.simpleReturns(Array(r.equity[(r.benchmarkBar - r.range.lowerBound)...])).filter(\.isFinite)
                let m = DeflatedSharpe.moments(returns)
                moments.append((m.sharpe, m.skewness, m.kurtosis, returns.count))
                var oos = Double.nan, note: String?
                if let plan = walkForward {
                    do {
                        let space = try defaultSpace(info, around: parameters)
                        let wf = try WalkForward.run(strategy: info, bars: bars, config: config, space: space, fixed: parameters,
                                                     method: .grid, train: plan.train, test: plan.test, cancel: cancel)
                        oos = wf.outOfSample.map { BacktestStatistics.compute($0).sharpeRatio } ?? .nan
                    } catch BacktestError.cancelled {
                        throw BacktestError.cancelled
                    } catch {
                        note = "\(error)"
                    }
                }
                rows.append(BoardRow(strategy: s.name, symbol: bars.symbol, statistics: stats, deflatedSharpe: .nan,
                                     outOfSampleSharpe: oos, walkForwardNote: note, result: r))
            }
        }
        let trialSharpes = moments.map(\.sharpe)
        for k in rows.indices {
            let m = moments[k]
            guard m.sharpe.isFinite, m.observations >= 2 else { continue }
            let benchmark = DeflatedSharpe.expectedMaximum(trials: trialSharpes.filter(\.isFinite).count,
                                                           variance: BacktestStatistics.sampleVariance(trialSharpes.filter(\.isFinite)))
            rows[k].deflatedSharpe = DeflatedSharpe.probabilistic(sharpe: m.sharpe, benchmark: benchmark.isFinite ? benchmark : 0,
                                                                  skewness: m.skewness, kurtosis: m.kurtosis, observations: m.observations)
        }
        return rows
    }

    /// The walk-forward's search space when none is given: each integer parameter over
    /// {½, ¾, 1, 1½, 2} × its value (at least its minimum), the others kept as given.
    /// Twenty-five combinations for a two-parameter strategy: enough to choose, few
    /// enough that the choice cannot fit noise very finely.
    public static func defaultSpace(_ info: StrategyInfo, around given: [String: Double]) throws -> [ParameterRange] {
        let p = try info.resolve(given)
        return info.parameters.filter { $0.isInteger && given[$0.name] == nil }.compactMap { q in
            let v = p[q.name] ?? q.defaultValue
            let lower = max(q.minimum, (v * 0.5).rounded()), upper = max(lower, (v * 2).rounded())
            let step = max(1, ((v * 0.25).rounded()))
            return ParameterRange(q.name, lower, upper, step: step, integer: true)
        }
    }
}
