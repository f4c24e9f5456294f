import Foundation
import TapeCore

/// One refit of a model backtest: trained on the labelled bars of `train` whose label
/// was known before `predict` starts, then asked about every bar of `predict`.
public struct Refit: Sendable, Equatable {
    public var train: Range<Int>
    public var samples: Int
    public var predict: Range<Int>
}

/// A model's out-of-sample opinion of each bar: the score (probability of class 1, the
/// decision value, or the predicted return) from the latest model fitted on bars whose
/// labels were complete before that bar. NaN before the first refit.
public struct OutOfSampleScores: Sendable {
    public var time: [Int64]
    public var score: [Double]
    /// Probabilities (threshold around 0.5) rather than decision values or returns (around 0).
    public var probabilistic: Bool
    public var refits: [Refit]

    public var firstScored: Int? { score.firstIndex { !$0.isNaN } }

    /// The scores of the bars at `times`, a contiguous stretch of the scored bars (a
    /// walk-forward window), or nil when they are other bars.
    public func slice(matching times: [Int64]) -> OutOfSampleScores? {
        guard let first = times.first else { return nil }
        // Times ascend: a binary search finds the window's first bar.
        var lo = 0, hi = time.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if time[mid] < first { lo = mid + 1 } else { hi = mid }
        }
        guard lo + times.count <= time.count, time[lo..<(lo + times.count)].elementsEqual(times) else { return nil }
        let range = lo..<(lo + times.count)
        return OutOfSampleScores(time: times, score: Array(score[range]), probabilistic: probabilistic, refits: refits)
    }
}

/// A model as a strategy: walk forward through the bars, refit every `refit` on the
/// history so far (anchored) or on the last `window` of it (rolling), and trade the next
/// stretch on that model's predictions only. The backtest engine, its costs and its
/// statistics are the same as for every strategy.
public enum ModelStrategy {
    /// Scores for every bar of `bars` from walk-forward refits of `config` on the model's
    /// features and label. The first fit waits for `window` (or two years, anchored) of
    /// history.
    public static func outOfSample(_ bars: Bars, features: [FeatureSpec], label: LabelSpec, config: ModelConfig,
                                   refit: WindowLength, window: WindowLength? = nil,
                                   cancel: (@Sendable () -> Bool)? = nil) throws -> OutOfSampleScores {
        try label.check(barCount: bars.count)
        let matrix = try FeatureMatrix.build(bars, features: features, set: "model", cancel: cancel)
        let usable = matrix.usableRows()
        let labels = label.values(bars)
        let windows = try WalkForward.windows(time: bars.time, train: window ?? .years(2), test: refit,
                                              mode: window == nil ? .anchored : .rolling)
        var ok = [Bool](repeating: false, count: bars.count)
        for i in usable.rows { ok[i] = true }
        var score = [Double](repeating: .nan, count: bars.count)
        var refits: [Refit] = []
        var probabilistic = !config.regression
        for w in windows {
            if cancel?() == true { throw ModelError.cancelled }
            let train = w.train.filter { ok[$0] && !labels[$0].isNaN && $0 + label.horizon < w.test.lowerBound }
            let predict = w.test.filter { ok[$0] }
            guard train.count >= 20, !predict.isEmpty else { continue }
            let y = train.map { labels[$0] }
            let model: FittedModel
            do {
                model = try Trainer.fit(config, x: matrix.design(train), rows: train.count, names: matrix.names, y: y, cancel: cancel)
            } catch ModelError.invalidData {
                // A window whose labels hold one class: no model, no trades until the next refit.
                continue
            }
            let p = try model.predict(matrix.design(predict), rows: predict.count)
            probabilistic = probabilistic && p.probability != nil
            for (k, i) in predict.enumerated() { score[i] = p.probability?[k] ?? p.score[k] }
            refits.append(Refit(train: w.train, samples: train.count, predict: w.test))
        }
        guard !refits.isEmpty else {
            throw ModelError.invalidData("no refit window had enough labelled rows; load more history or shorten the window")
        }
        return OutOfSampleScores(time: bars.time, score: score, probabilistic: probabilistic, refits: refits)
    }

    /// Long while the score is above `threshold`, flat (or short, with `shorts`) while it
    /// is below the mirror threshold (1 - threshold for probabilities, -threshold
    /// otherwise); no decision before the first scored bar.
    public static func strategy(_ s: OutOfSampleScores, name: String, threshold: Double, shorts: Bool) throws -> SignalStrategy {
        let mirror = s.probabilistic ? 1 - threshold : -threshold
        let n = s.score.count
        var entryLong = [Bool](repeating: false, count: n), exitLong = entryLong
        var entryShort = entryLong, exitShort = entryLong
        for i in 0..<n where !s.score[i].isNaN {
            let v = s.score[i]
            entryLong[i] = v > threshold
            exitLong[i] = v <= threshold
            if shorts {
                entryShort[i] = v < mirror
                exitShort[i] = v >= mirror
            }
        }
        return try SignalStrategy(name: name, count: n, entryLong: entryLong, exitLong: exitLong,
                                  entryShort: shorts ? entryShort : nil, exitShort: shorts ? exitShort : nil,
                                  warmup: max(0, min(s.firstScored ?? n - 1, n - 1)))
    }

    /// The model as a row of the strategy table, its threshold (and shorting) the
    /// parameters `optimize` and `walkforward` search; the scores are computed once.
    public static func strategyInfo(_ s: OutOfSampleScores, name: String) -> StrategyInfo {
        let defaultThreshold = s.probabilistic ? 0.5 : 0
        return StrategyInfo(
            name: name, help: "trades a model's out-of-sample predictions",
            parameters: [StrategyParameter("threshold", defaultThreshold, "go long above it", integer: false,
                                           minimum: s.probabilistic ? 0 : -1e9, maximum: s.probabilistic ? 1 : nil),
                         StrategyParameter("shorts", 0, "1 goes short below the mirror threshold", minimum: 0, maximum: 1)]) { inputs, p in
            // walkforward asks for its windows' bars: the same scores, cut to them.
            guard let scores = inputs.bars.time == s.time ? s : s.slice(matching: inputs.bars.time) else {
                throw BacktestError.invalidStrategy("\(name) was scored on other bars")
            }
            return try strategy(scores, name: name + "(threshold \(Format.number(p["threshold"] ?? defaultThreshold)))",
                                threshold: p["threshold"] ?? defaultThreshold, shorts: (p["shorts"] ?? 0) >= 1)
        }
    }
}
