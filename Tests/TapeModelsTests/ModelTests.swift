import TapeCore
import TapeData
import XCTest
@testable import TapeModels

/// Fitting, predicting, saving and validating through the libraries: determinism, exact
/// round trips, one-line errors, validation that finds real signal and no signal where
/// there is none, and a model strategy that never sees the future.
final class ModelTests: XCTestCase {
    /// Rows with a known signal: y = 1 when x0 - 0.5·x1 + noise > 0.
    static func synthetic(rows: Int, cols: Int = 4, noise: Double = 0.3, seed: UInt64 = 3) -> (x: [Double], y: [Double]) {
        var rng = SplitMix64(seed: seed)
        var x = [Double](repeating: 0, count: rows * cols), y = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            for j in 0..<cols { x[r * cols + j] = rng.unit() * 2 - 1 }
            y[r] = x[r * cols] - 0.5 * x[r * cols + 1] + noise * (rng.unit() * 2 - 1) > 0 ? 1 : 0
        }
        return (x, y)
    }

    static func config(_ kind: ModelKind, regression: Bool = false, _ given: [String: Double] = [:], members: [ModelKind] = []) throws -> ModelConfig {
        ModelConfig(kind: kind, regression: regression, parameters: try ModelConfig.resolve(kind: kind, given: given),
                    members: members, seed: 11)
    }

    static let names = ["a", "b", "c", "d"]

    func testEveryKindFitsDeterministicallyAndRoundTripsExactly() throws {
        let (x, y) = Self.synthetic(rows: 400)
        let configs = [try Self.config(.xgboost, ["rounds": 20]), try Self.config(.forest, ["trees": 10]), try Self.config(.logistic),
                       try Self.config(.linear), try Self.config(.svm), try Self.config(.ensemble, members: [.xgboost, .logistic])]
        for config in configs {
            let a = try Trainer.fit(config, x: x, rows: 400, names: Self.names, y: y)
            let b = try Trainer.fit(config, x: x, rows: 400, names: Self.names, y: y)
            let pa = try a.predict(x, rows: 400), pb = try b.predict(x, rows: 400)
            XCTAssertEqual(pa, pb, "\(config.kind): the same seed gives the same model")
            XCTAssertGreaterThan(Metrics.accuracy(pa.classes, y), 0.8, "\(config.kind) learns a strong signal")
            let trained = TrainedModel(name: "m", model: a, featureSet: "test", label: .sign(horizon: 5, band: 0), symbol: "T",
                                       trainedFrom: 0, trainedTo: 1, rows: 400)
            let bytes = try ModelArchive.encode(trained)
            XCTAssertEqual(bytes, try ModelArchive.encode(trained), "\(config.kind): encoding is deterministic")
            let back = try ModelArchive.decode(bytes)
            XCTAssertEqual(try back.model.predict(x, rows: 400), pa, "\(config.kind): a loaded model predicts exactly as the fitted one")
            XCTAssertEqual(back.config, config)
            XCTAssertEqual(back.label, .sign(horizon: 5, band: 0))
        }
    }

    func testRegressionKinds() throws {
        let x = Self.synthetic(rows: 300).x
        let y: [Double] = (0..<300).map { (r: Int) -> Double in
            let a: Double = x[r * 4], c: Double = x[r * 4 + 2]
            return 0.02 * a - 0.01 * c
        }
        for kind in [ModelKind.xgboost, .forest, .linear, .svm] {
            let m = try Trainer.fit(try Self.config(kind, regression: true), x: x, rows: 300, names: Self.names, y: y)
            let p = try m.predict(x, rows: 300)
            XCTAssertNil(p.probability)
            XCTAssertGreaterThan(Metrics.pearson(p.score, y), 0.8, "\(kind) fits a linear return")
        }
        XCTAssertThrowsError(try Trainer.fit(try Self.config(.logistic, regression: true), x: x, rows: 300, names: Self.names, y: y))
    }

    func testSingleClassIsAOneLineError() throws {
        let (x, _) = Self.synthetic(rows: 50)
        XCTAssertThrowsError(try Trainer.fit(try Self.config(.logistic), x: x, rows: 50, names: Self.names, y: Array(repeating: 1, count: 50))) { e in
            XCTAssertEqual("\(e)", "the label has a single class (all 1 in 50 rows): nothing to learn")
        }
    }

    func testUnknownAndOutOfRangeParameters() {
        XCTAssertThrowsError(try ModelConfig.resolve(kind: .xgboost, given: ["c": 1])) { e in
            XCTAssertEqual("\(e)", "xgboost takes no parameter 'c'; it takes rounds, depth, eta, subsample, colsample, min_child, lambda, alpha, gamma, threads")
        }
        XCTAssertThrowsError(try ModelConfig.resolve(kind: .xgboost, given: ["depth": 2.5])) { e in
            XCTAssertEqual("\(e)", "xgboost depth must be a whole number, got 2.5")
        }
    }

    func testADamagedArchiveIsRefused() throws {
        let (x, y) = Self.synthetic(rows: 100)
        let m = try Trainer.fit(try Self.config(.logistic), x: x, rows: 100, names: Self.names, y: y)
        let trained = TrainedModel(name: "m", model: m, featureSet: "t", label: .sign(horizon: 1, band: 0), symbol: "T", trainedFrom: 0,
                                   trainedTo: 1, rows: 100)
        var text = String(decoding: try ModelArchive.encode(trained), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"nrFeature\":4", with: "\"nrFeature\":5")
        XCTAssertThrowsError(try ModelArchive.decode(Data(text.utf8))) { e in
            XCTAssertEqual("\(e)", "the LIBLINEAR weights do not match the features")
        }
        XCTAssertThrowsError(try ModelArchive.decode(Data("{}".utf8)))
    }

    /// A strong signal scores far above the base rate with a small p-value; labels that
    /// are coin flips score near 50% with a large one.
    func testValidationFindsSignalOnlyWhereThereIsSome() throws {
        let bars = FeatureCatalogueTests.spy
        let matrix = try FeatureMatrix.build(bars, features: FeatureCatalogue.set("core") ?? [], set: "core")
        let set = try LearningSet.make(matrix, label: .sign(horizon: 5, band: 0))
        // The label replaced by a function of today's features: learnable, and no look-ahead.
        let p = set.names.count
        let learnable = (0..<set.count).map { set.x[$0 * p] + set.x[$0 * p + 6] > 0 ? 1.0 : 0 }
        let config = try Self.config(.logistic)
        let good = try Validator.run(set.relabelled(learnable), config: config, scheme: .purgedKFold(folds: 5, embargo: 5),
                                     permutations: 5, seed: 1)
        XCTAssertGreaterThan(good.scores.accuracy, 0.9)
        XCTAssertEqual(good.permutation?.pValue ?? 1, 1.0 / 6, accuracy: 1e-12, "no shuffle scores as well")
        var rng = SplitMix64(seed: 5)
        let coins = (0..<set.count).map { _ in rng.unit() < 0.5 ? 1.0 : 0 }
        let none = try Validator.run(set.relabelled(coins), config: config, scheme: .purgedKFold(folds: 5, embargo: 5), permutations: 5, seed: 1)
        XCTAssertEqual(none.scores.accuracy, 0.5, accuracy: 0.04)
        XCTAssertEqual(none.scores.auc, 0.5, accuracy: 0.05)
        XCTAssertEqual(good.tested.count, set.count, "every row is tested once")
        XCTAssertEqual(good.regimes.map(\.name).prefix(2), ["bull (above 200-bar average)", "bear (below 200-bar average)"])
    }

    /// The model strategy's score at a bar does not change when every bar after it is
    /// altered: each refit trains only on labels complete before its stretch starts.
    func testModelStrategyScoresDoNotLookAhead() throws {
        let bars = FeatureCatalogueTests.spy
        let features = FeatureCatalogue.set("core") ?? []
        let config = try Self.config(.logistic)
        let label = LabelSpec.sign(horizon: 5, band: 0)
        let full = try ModelStrategy.outOfSample(bars, features: features, label: label, config: config, refit: .months(12))
        let cut = 3000
        let altered = try ModelStrategy.outOfSample(FeatureCatalogueTests.altered(bars, after: cut), features: features, label: label,
                                                    config: config, refit: .months(12))
        XCTAssertTrue(FeatureCatalogueTests.samePrefix(full.score, altered.score, through: cut))
        XCTAssertFalse(FeatureCatalogueTests.samePrefix(full.score, altered.score, through: bars.count - 1), "later scores do change")
        let first = try XCTUnwrap(full.firstScored)
        XCTAssertGreaterThanOrEqual(bars.time[first], bars.time[0] + 2 * 365 * 86_400 - 5 * 86_400, "the first fit waits for two years")
        for r in full.refits { XCTAssertLessThanOrEqual(r.train.upperBound, r.predict.lowerBound) }
    }

    /// walkforward hands the model strategy a window of the bars it was scored on: the
    /// scores are cut to that window (its first scored bar is the window's), and bars it
    /// was not scored on are refused rather than traded on scores of other dates.
    func testModelStrategyFollowsAWalkForwardWindow() throws {
        let bars = FeatureCatalogueTests.spy.rows(0..<40)
        var score = [Double](repeating: .nan, count: 40)
        for i in 10..<40 { score[i] = Double(i) / 40 }
        let s = OutOfSampleScores(time: bars.time, score: score, probabilistic: true, refits: [])
        let window = try XCTUnwrap(s.slice(matching: Array(bars.time[5..<25])))
        XCTAssertEqual(window.time, Array(bars.time[5..<25]))
        XCTAssertEqual(window.firstScored, 5)
        XCTAssertEqual(window.score[10], 15.0 / 40)
        XCTAssertNil(s.slice(matching: [bars.time[3], bars.time[5]]), "not a contiguous stretch")
        XCTAssertNil(s.slice(matching: Array(bars.time[30..<40]) + [bars.time[39] + 86_400]), "past the scored bars")

        let info = ModelStrategy.strategyInfo(s, name: "model m")
        let cut = try info.make(bars: bars.rows(5..<25), parameters: ["threshold": 0.5])
        XCTAssertEqual(cut.warmup, 5, "the window's first scored bar")
        let whole = try info.make(bars: bars, parameters: ["threshold": 0.5])
        XCTAssertEqual(whole.warmup, 10)
        XCTAssertThrowsError(try info.make(bars: FeatureCatalogueTests.spy.rows(100..<120), parameters: [:]))
    }
}
