import Foundation
import TapeCore

/// One fold's outcome, for the fold table and the timeline picture.
public struct FoldResult: Sendable {
    public var fold: Fold
    /// Bar range of the test block.
    public var testBars: ClosedRange<Int>
    /// Accuracy (classes) or R² (returns) on the fold.
    public var score: Double
}

/// The scores of one set of out-of-sample predictions.
public struct Scores: Sendable, Equatable {
    public var count: Int
    // Classes.
    public var accuracy = Double.nan
    public var balancedAccuracy = Double.nan
    public var baseRate = Double.nan
    public var logLoss = Double.nan
    public var auc = Double.nan
    // Returns.
    public var r2 = Double.nan
    public var rankIC = Double.nan
    public var directionalAccuracy = Double.nan

    static func of(_ p: Prediction, actual: [Double], regression: Bool) -> Scores {
        var s = Scores(count: actual.count)
        if regression {
            s.r2 = Metrics.r2(p.score, actual)
            s.rankIC = Metrics.rankIC(p.score, actual)
            let up = actual.map { $0 > 0 ? 1.0 : 0 }, predictedUp = p.score.map { $0 > 0 ? 1.0 : 0 }
            s.directionalAccuracy = Metrics.accuracy(predictedUp, up)
            s.baseRate = Metrics.baseRate(up)
        } else {
            let classes = p.classes
            s.accuracy = Metrics.accuracy(classes, actual)
            s.balancedAccuracy = Metrics.balancedAccuracy(classes, actual)
            s.baseRate = Metrics.baseRate(actual)
            if let prob = p.probability { s.logLoss = Metrics.logLoss(prob, actual) }
            s.auc = Metrics.auc(p.score, actual)
        }
        return s
    }

    /// The figure a permutation test and the fold table compare: accuracy, or R².
    public var headline: Double { accuracy.isNaN ? r2 : accuracy }
}

/// Accuracy within one market regime.
public struct RegimeScore: Sendable, Equatable {
    public var name: String
    public var scores: Scores
}

public struct PermutationResult: Sendable, Equatable {
    public var runs: Int
    public var meanScore: Double
    public var maxScore: Double
    /// (1 + runs scoring at least the real score) / (1 + runs).
    public var pValue: Double
}

public struct ValidationReport: Sendable {
    public var scheme: SplitScheme
    public var horizon: Int
    public var regression: Bool
    public var folds: [FoldResult]
    /// Sample positions with an out-of-sample prediction, and the predictions.
    public var tested: [Int]
    public var prediction: Prediction
    public var actual: [Double]
    public var scores: Scores
    /// Wilson 95% interval of the accuracy from the effective number of independent
    /// predictions (labels overlap: n / horizon).
    public var interval: (low: Double, high: Double)
    public var effectiveCount: Double
    public var permutation: PermutationResult?
    public var regimes: [RegimeScore]
}

/// Validation that cannot leak: every prediction comes from a model that saw neither the
/// row, nor any row whose label overlaps it (purge), nor the rows just after its block
/// (embargo). The shuffled scheme exists only to be compared with it.
public enum Validator {
    public static func run(_ set: LearningSet, config: ModelConfig, scheme: SplitScheme, permutations: Int = 0,
                           seed: UInt64 = 1, cancel: (@Sendable () -> Bool)? = nil) throws -> ValidationReport {
        let h = set.label.horizon
        let folds = try scheme.folds(bars: set.bars, horizon: h)
        let (tested, prediction, foldResults) = try predictOutOfSample(set, config: config, folds: folds, cancel: cancel)
        let actual = tested.map { set.y[$0] }
        let scores = Scores.of(prediction, actual: actual, regression: config.regression)
        let effective = max(1, Double(tested.count) / Double(max(h, 1)))
        let interval = config.regression ? (Double.nan, Double.nan) : Metrics.wilson(scores.accuracy, n: effective)
        var permutation: PermutationResult?
        if permutations > 0 {
            permutation = try permutationTest(set, config: config, folds: folds, real: scores.headline, runs: permutations,
                                              seed: seed, cancel: cancel)
        }
        return ValidationReport(scheme: scheme, horizon: h, regression: config.regression, folds: foldResults, tested: tested,
                                prediction: prediction, actual: actual, scores: scores, interval: interval,
                                effectiveCount: effective, permutation: permutation,
                                regimes: regimes(set, tested: tested, prediction: prediction, actual: actual, regression: config.regression))
    }

    /// Fits each fold and joins the test predictions in sample order.
    static func predictOutOfSample(_ set: LearningSet, config: ModelConfig, folds: [Fold],
                                   cancel: (@Sendable () -> Bool)?) throws -> ([Int], Prediction, [FoldResult]) {
        var byPosition: [Int: (score: Double, probability: Double?)] = [:]
        var results: [FoldResult] = []
        for fold in folds {
            if cancel?() == true { throw ModelError.cancelled }
            guard !fold.train.isEmpty, let a = fold.test.first, let b = fold.test.last else { continue }
            let ytrain = fold.train.map { set.y[$0] }
            let model = try Trainer.fit(config, x: set.rows(fold.train), rows: fold.train.count, names: set.names, y: ytrain,
                                        cancel: cancel)
            let p = try model.predict(set.rows(fold.test), rows: fold.test.count)
            for (k, i) in fold.test.enumerated() { byPosition[i] = (p.score[k], p.probability?[k]) }
            let s = Scores.of(p, actual: fold.test.map { set.y[$0] }, regression: config.regression)
            results.append(FoldResult(fold: fold, testBars: set.bars[a]...set.bars[b], score: s.headline))
        }
        let tested = byPosition.keys.sorted()
        let score = tested.map { byPosition[$0]?.score ?? .nan }
        let hasProbability = tested.allSatisfy { byPosition[$0]?.probability != nil }
        let probability = hasProbability ? tested.map { byPosition[$0]?.probability ?? .nan } : nil
        return (tested, Prediction(score: score, probability: probability, regression: config.regression), results)
    }

    /// Labels moved in blocks of `horizon` (so their overlap structure stays), the whole
    /// validation re-run on the same folds, `runs` times from `seed`.
    static func permutationTest(_ set: LearningSet, config: ModelConfig, folds: [Fold], real: Double, runs: Int, seed: UInt64,
                                cancel: (@Sendable () -> Bool)?) throws -> PermutationResult {
        var rng = SplitMix64(seed: seed ^ 0x5045_524D)
        let block = max(set.label.horizon, 1)
        let n = set.count
        let blocks = stride(from: 0, to: n, by: block).map { $0..<min($0 + block, n) }
        var scores: [Double] = []
        for _ in 0..<runs {
            if cancel?() == true { throw ModelError.cancelled }
            var order = Array(blocks.indices)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var y: [Double] = []
            y.reserveCapacity(n)
            for b in order { y.append(contentsOf: blocks[b].map { set.y[$0] }) }
            let shuffled = set.relabelled(y)
            do {
                let (tested, p, _) = try predictOutOfSample(shuffled, config: config, folds: folds, cancel: cancel)
                scores.append(Scores.of(p, actual: tested.map { y[$0] }, regression: config.regression).headline)
            } catch ModelError.invalidData {
                // A fold whose shuffled labels hold one class cannot be fitted: it scores nothing.
                continue
            }
        }
        let atLeast = scores.filter { $0 >= real }.count
        return PermutationResult(runs: scores.count, meanScore: scores.isEmpty ? .nan : scores.reduce(0, +) / Double(scores.count),
                                 maxScore: scores.max() ?? .nan,
                                 pValue: Double(1 + atLeast) / Double(1 + scores.count))
    }

    /// Scores in bull and bear markets (close above or below its 200-bar average at the
    /// bar predicted) and in calm and volatile ones (20-bar volatility in the bottom four
    /// fifths or the top fifth of the past 250 bars). Rows before the regimes are known
    /// are left out of this table only.
    static func regimes(_ set: LearningSet, tested: [Int], prediction: Prediction, actual: [Double],
                        regression: Bool) -> [RegimeScore] {
        let inputs = FeatureInputs(set.matrix.bars)
        let none = [Double](repeating: .nan, count: inputs.count)
        let bull = FeatureCatalogue.named("bull_200")?.values(inputs) ?? none
        let high = FeatureCatalogue.named("high_vol")?.values(inputs) ?? none
        func scores(_ name: String, _ keep: (Int) -> Bool) -> RegimeScore? {
            let ks = tested.indices.filter { keep(set.bars[tested[$0]]) }
            guard !ks.isEmpty else { return nil }
            let p = Prediction(score: ks.map { prediction.score[$0] }, probability: prediction.probability.map { pr in ks.map { pr[$0] } },
                               regression: regression)
            return RegimeScore(name: name, scores: Scores.of(p, actual: ks.map { actual[$0] }, regression: regression))
        }
        return [scores("bull (above 200-bar average)") { bull[$0] == 1 }, scores("bear (below 200-bar average)") { bull[$0] == 0 },
                scores("calm (volatility rank <= 0.8)") { high[$0] == 0 }, scores("volatile (top fifth)") { high[$0] == 1 }]
            .compactMap { $0 }
    }

    /// What a careless evaluation reports for the same model and rows: fitted and scored
    /// on everything (in-sample).
    public static func inSample(_ set: LearningSet, config: ModelConfig, cancel: (@Sendable () -> Bool)? = nil) throws -> Scores {
        let all = Array(0..<set.count)
        let model = try Trainer.fit(config, x: set.x, rows: set.count, names: set.names, y: set.y, cancel: cancel)
        return Scores.of(try model.predict(set.x, rows: set.count), actual: all.map { set.y[$0] }, regression: config.regression)
    }
}
