import CLinear
import CSVM
import Foundation

/// What a fitted model predicts for a batch of rows.
public struct Prediction: Sendable, Equatable {
    /// Regression: the predicted return. Classification: a score oriented toward class 1
    /// (the probability where there is one, else the decision value).
    public var score: [Double]
    /// Probability of class 1, where the model has one.
    public var probability: [Double]?
    public var regression: Bool

    /// The class each row is predicted to be (1 up/target first, 0 otherwise).
    public var classes: [Double] {
        if let p = probability { return p.map { $0.isNaN ? .nan : ($0 > 0.5 ? 1 : 0) } }
        return score.map { $0.isNaN ? .nan : ($0 > 0 ? 1 : 0) }
    }
}

/// A fitted model: its configuration, the features it reads in order, how they are
/// standardised, and the library model itself.
public final class FittedModel: @unchecked Sendable {
    // @unchecked: the only reference inside is an XGBoost booster, which XGBoost documents
    // as safe for concurrent prediction; nothing here mutates after init.
    public let config: ModelConfig
    public let featureNames: [String]
    let standardizer: Standardizer?
    let engine: Engine

    enum Engine {
        case xgboost(XGBoostBooster, bytes: [UInt8])
        case linear(LinearModel)
        case svm(KernelSVMModel)
        case ensemble([FittedModel])
    }

    init(config: ModelConfig, featureNames: [String], standardizer: Standardizer?, engine: Engine) {
        self.config = config
        self.featureNames = featureNames
        self.standardizer = standardizer
        self.engine = engine
    }

    public var hasProbability: Bool {
        if config.regression { return false }
        switch engine {
        case .xgboost: return true
        case .linear(let m): return m.solver == .logistic
        case .svm(let m): return m.probA != nil
        case .ensemble(let ms): return config.combine == "vote" || ms.allSatisfy(\.hasProbability)
        }
    }

    /// Predictions for `rows` row-major rows of `featureNames.count` values each.
    public func predict(_ x: [Double], rows: Int) throws -> Prediction {
        let cols = featureNames.count
        guard x.count == rows * cols else {
            throw ModelError.invalidData("expected \(rows) rows of \(cols) features, got \(x.count) values")
        }
        let input = standardizer.map { $0.apply(x, cols: cols) } ?? x
        switch engine {
        case .xgboost(let booster, _):
            let m = try XGBoostBooster.Matrix(input, rows: rows, cols: cols)
            let p = try booster.predict(m)
            return config.regression ? Prediction(score: p, probability: nil, regression: true)
                                     : Prediction(score: p, probability: p, regression: false)
        case .linear(let model):
            let (s, p) = model.predict(input, rows: rows, cols: cols)
            return Prediction(score: p ?? s, probability: p, regression: config.regression)
        case .svm(let model):
            let (s, p) = model.predict(input, rows: rows, cols: cols)
            return Prediction(score: p ?? s, probability: p, regression: config.regression)
        case .ensemble(let members):
            let ps = try members.map { try $0.predict(x, rows: rows) }
            var score = [Double](repeating: 0, count: rows)
            if config.regression || config.combine == "average" {
                for p in ps { for i in 0..<rows { score[i] += (p.probability ?? p.score)[i] } }
                for i in 0..<rows { score[i] /= Double(ps.count) }
            } else {
                for p in ps { for (i, c) in p.classes.enumerated() { score[i] += c } }
                for i in 0..<rows { score[i] /= Double(ps.count) }
            }
            return config.regression ? Prediction(score: score, probability: nil, regression: true)
                                     : Prediction(score: score, probability: score, regression: false)
        }
    }

    /// How much each feature matters to the model: total split gain for trees, |weight|
    /// of the standardised feature for linear models; nil for kernel SVMs (no per-feature
    /// weight exists) and ensembles of them.
    public func importance() throws -> [Double]? {
        switch engine {
        case .xgboost(let booster, _):
            return try booster.importance(featureCount: featureNames.count)
        case .linear(let m):
            return m.featureWeights.map(abs)
        case .svm(let m):
            guard m.kernel == .linear else { return nil }
            // w = sum of coef_k · sv_k for a linear kernel.
            var w = [Double](repeating: 0, count: m.featureCount)
            for k in 0..<m.svCount { for j in 0..<m.featureCount { w[j] += m.coefficients[k] * m.supportVectors[k * m.featureCount + j] } }
            return w.map(abs)
        case .ensemble(let ms):
            var total = [Double](repeating: 0, count: featureNames.count)
            for m in ms {
                guard let imp = try m.importance() else { return nil }
                let s = imp.reduce(0, +)
                for j in total.indices where s > 0 { total[j] += imp[j] / s }
            }
            return total.map { $0 / Double(max(ms.count, 1)) }
        }
    }

    /// Signed weights toward class 1 (or a higher return) for linear models.
    public var signedWeights: [Double]? {
        if case .linear(let m) = engine { return m.featureWeights }
        return nil
    }

    public var libraryVersion: String {
        switch engine {
        case .xgboost: return "XGBoost \(XGBoostBooster.version)"
        case .linear: return "LIBLINEAR \(Self.dotted(Int(tape_linear_version())))"
        case .svm: return "LIBSVM \(Self.dotted(Int(tape_svm_version())))"
        case .ensemble(let ms): return Array(Set(ms.map(\.libraryVersion))).sorted().joined(separator: ", ")
        }
    }

    /// 230 -> "2.30", 324 -> "3.24" (how both libraries number their releases).
    static func dotted(_ v: Int) -> String { "\(v / 100).\(String(format: "%02d", v % 100))" }
}
