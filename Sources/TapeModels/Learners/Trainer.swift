import Foundation
import TapeCore

/// Fits a `ModelConfig` on rows through its library. The one door every fit goes
/// through: `model fit`, each validation fold, each permutation and each refit of a model
/// backtest, so all of them fit the same way.
public enum Trainer {
    /// `x`: `rows` × `names.count` row-major, no NaN (the matrix's usable rows); `y`: one
    /// label per row, 0/1 for classes.
    public static func fit(_ config: ModelConfig, x: [Double], rows: Int, names: [String], y: [Double],
                           cancel: (@Sendable () -> Bool)? = nil) throws -> FittedModel {
        let cols = names.count
        guard rows > 0, cols > 0, x.count == rows * cols, y.count == rows else {
            throw ModelError.invalidData("no rows to train on")
        }
        if !config.regression {
            let ones = y.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
            if ones == 0 || Int(ones) == rows {
                throw ModelError.invalidData("the label has a single class (\(ones == 0 ? "all 0" : "all 1") in \(rows) rows): nothing to learn")
            }
        }
        if cancel?() == true { throw ModelError.cancelled }
        switch config.kind {
        case .ensemble:
            guard !config.members.isEmpty else { throw ModelError.invalidParameter("an ensemble needs members, e.g. members xgboost,logistic") }
            var fitted: [FittedModel] = []
            for (k, member) in config.members.enumerated() {
                guard member != .ensemble else { throw ModelError.invalidParameter("an ensemble cannot contain an ensemble") }
                let sub = ModelConfig(kind: member, regression: config.regression,
                                      parameters: try ModelConfig.resolve(kind: member, given: [:]),
                                      seed: config.seed &+ UInt64(k))
                let m = try fit(sub, x: x, rows: rows, names: names, y: y, cancel: cancel)
                if config.combine == "average" && !config.regression && !m.hasProbability {
                    throw ModelError.invalidParameter("\(member.rawValue) gives no probabilities to average; use combine vote")
                }
                fitted.append(m)
            }
            return FittedModel(config: config, featureNames: names, standardizer: nil, engine: .ensemble(fitted))
        case .xgboost, .forest:
            let threads = Int(config.value("threads"))
            let matrix = try XGBoostBooster.Matrix(x, rows: rows, cols: cols, labels: y, threads: threads)
            var (params, rounds) = xgboostParameters(config)
            if config.regression {
                // XGBoost 1.7 starts every prediction at base_score 0.5; against returns of
                // a few hundredths float32 then leaves the trees nothing to resolve. Start
                // at the training mean instead (what XGBoost 2 does by itself).
                params.append(("base_score", Format.exact(y.reduce(0, +) / Double(rows))))
            }
            let booster = try XGBoostBooster.train(matrix, params: params, rounds: rounds, cancel: cancel)
            return FittedModel(config: config, featureNames: names, standardizer: nil,
                               engine: .xgboost(booster, bytes: try booster.save()))
        case .logistic, .linear:
            let s = Standardizer.fit(x, rows: rows, cols: cols)
            let solver: LinearModel.Solver = config.regression ? .regression
                : config.kind == .linear ? .svc : (config.value("dual") == 1 ? .logisticDual : .logistic)
            if config.kind == .logistic && config.regression {
                throw ModelError.invalidParameter("logistic regression predicts classes; use kind linear for a return label")
            }
            let m = try LinearModel.fit(s.apply(x, cols: cols), rows: rows, cols: cols, y: y, solver: solver,
                                        cost: config.value("c"), eps: config.value("tol"), seed: config.seed)
            return FittedModel(config: config, featureNames: names, standardizer: s, engine: .linear(m))
        case .svm:
            let s = Standardizer.fit(x, rows: rows, cols: cols)
            guard let kernel = KernelSVMModel.Kernel(rawValue: config.kernel) else {
                throw ModelError.invalidParameter("unknown kernel '\(config.kernel)'; use rbf, linear, poly or sigmoid")
            }
            let gamma = config.value("gamma") > 0 ? config.value("gamma") : 1 / Double(cols)
            let m = try KernelSVMModel.fit(s.apply(x, cols: cols), rows: rows, cols: cols, y: y, regression: config.regression,
                                           kernel: kernel, cost: config.value("c"), gamma: gamma, degree: Int(config.value("degree")),
                                           coef0: config.value("coef0"), eps: config.value("tol"), p: config.value("epsilon"),
                                           probability: true, seed: config.seed)
            return FittedModel(config: config, featureNames: names, standardizer: s, engine: .svm(m))
        }
    }

    /// XGBoost's parameters as `xgboost.train` would be given them, in a fixed order, and
    /// the number of rounds.
    static func xgboostParameters(_ config: ModelConfig) -> ([(String, String)], Int) {
        func v(_ n: String) -> String { Format.exact(config.value(n)) }
        var p: [(String, String)] = [
            ("objective", config.regression ? "reg:squarederror" : "binary:logistic"),
            ("tree_method", "hist"),
            ("seed", "\(config.seed % 2_147_483_647)"),
            ("nthread", v("threads")),
            ("max_depth", v("depth")),
            ("subsample", v("subsample")),
            ("min_child_weight", v("min_child")),
        ]
        if config.kind == .forest {
            p += [("eta", "1"), ("num_parallel_tree", v("trees")), ("colsample_bynode", v("colsample"))]
            return (p, 1)
        }
        p += [("eta", v("eta")), ("colsample_bytree", v("colsample")), ("lambda", v("lambda")), ("alpha", v("alpha")),
              ("gamma", v("gamma"))]
        return (p, Int(config.value("rounds")))
    }
}
