import TapeCore

/// The model kinds `model fit ... kind K` offers, each backed by a library.
public enum ModelKind: String, CaseIterable, Sendable, Codable {
    /// XGBoost gradient-boosted trees.
    case xgboost
    /// XGBoost's random-forest mode: many trees in one round, rows and columns sampled.
    case forest
    /// LIBLINEAR L2-regularised logistic regression.
    case logistic
    /// LIBLINEAR: a linear SVM (L2 loss) for a class label, ridge regression for a return.
    case linear
    /// LIBSVM: a kernel SVM (C-SVC, or epsilon-SVR for a return).
    case svm
    /// Several of the above fitted on the same rows; their probabilities averaged or their
    /// classes put to a vote.
    case ensemble

    /// Linear and kernel models see standardised features; trees do not need them.
    public var scalesFeatures: Bool { self == .logistic || self == .linear || self == .svm }

    public var summary: String {
        switch self {
        case .xgboost: return "gradient-boosted trees (XGBoost)"
        case .forest: return "random forest (XGBoost's forest mode)"
        case .logistic: return "L2 logistic regression (LIBLINEAR)"
        case .linear: return "linear SVM for classes, ridge regression for returns (LIBLINEAR)"
        case .svm: return "kernel SVM, RBF by default (LIBSVM)"
        case .ensemble: return "average or vote of several kinds"
        }
    }
}

/// One numeric parameter of a model kind, with its default and range.
public struct ModelParameter: Sendable {
    public let name: String
    public let defaultValue: Double
    public let bounds: ClosedRange<Double>
    public let isInteger: Bool
    public let help: String
    /// What the library calls it.
    public let libraryName: String
}

/// Everything that decides a fit besides the data: kind, parameters, seed. Two fits with
/// equal configurations on equal rows give equal models.
public struct ModelConfig: Sendable, Equatable, Codable {
    public var kind: ModelKind
    public var regression: Bool
    /// Complete: defaults filled in (see `resolve`).
    public var parameters: [String: Double]
    public var kernel: String
    public var members: [ModelKind]
    public var combine: String
    public var seed: UInt64

    public static let combines = ["average", "vote"]

    public init(kind: ModelKind, regression: Bool, parameters: [String: Double] = [:], kernel: String = "rbf",
                members: [ModelKind] = [], combine: String = "average", seed: UInt64 = 1) {
        self.kind = kind
        self.regression = regression
        self.parameters = parameters
        self.kernel = kernel
        self.members = members
        self.combine = combine
        self.seed = seed
    }

    public func value(_ name: String) -> Double {
        parameters[name] ?? Self.table(kind).first { $0.name == name }?.defaultValue ?? .nan
    }

    /// Every parameter a kind takes, as `model fit` declares them.
    public static func table(_ kind: ModelKind) -> [ModelParameter] {
        func p(_ n: String, _ d: Double, _ r: ClosedRange<Double>, int: Bool = false, _ lib: String, _ help: String) -> ModelParameter {
            ModelParameter(name: n, defaultValue: d, bounds: r, isInteger: int, help: help, libraryName: lib)
        }
        let threads = p("threads", 1, 1...256, int: true, "nthread", "threads XGBoost may use (1: the same trees on every machine)")
        switch kind {
        case .xgboost:
            return [p("rounds", 100, 1...100_000, int: true, "num_boost_round", "boosting rounds"),
                    p("depth", 3, 1...32, int: true, "max_depth", "depth of each tree"),
                    p("eta", 0.1, 0.000_001...1, "eta", "learning rate"),
                    p("subsample", 1, 0.01...1, "subsample", "share of rows each tree sees"),
                    p("colsample", 1, 0.01...1, "colsample_bytree", "share of features each tree sees"),
                    p("min_child", 1, 0...1e9, "min_child_weight", "least hessian weight in a leaf"),
                    p("lambda", 1, 0...1e9, "lambda", "L2 penalty on leaf weights"),
                    p("alpha", 0, 0...1e9, "alpha", "L1 penalty on leaf weights"),
                    p("gamma", 0, 0...1e9, "gamma", "least loss reduction to split"),
                    threads]
        case .forest:
            return [p("trees", 100, 1...100_000, int: true, "num_parallel_tree", "trees in the forest"),
                    p("depth", 6, 1...32, int: true, "max_depth", "depth of each tree"),
                    p("subsample", 0.632, 0.01...0.999, "subsample", "share of rows each tree sees (below 1: a forest needs it)"),
                    p("colsample", 0.5, 0.01...1, "colsample_bynode", "share of features each split considers"),
                    p("min_child", 1, 0...1e9, "min_child_weight", "least hessian weight in a leaf"),
                    threads]
        case .logistic:
            return [p("c", 1, 0.000_001...1e9, "C", "inverse regularisation strength"),
                    p("tol", 0.0001, 1e-15...1, "eps", "stopping tolerance (scikit-learn's tol)"),
                    p("dual", 0, 0...1, int: true, "-s 7", "1 solves the dual (LIBLINEAR solver 7) instead of the primal (solver 0)")]
        case .linear:
            return [p("c", 1, 0.000_001...1e9, "C", "inverse regularisation strength"),
                    p("tol", 0.0001, 1e-15...1, "eps", "stopping tolerance (scikit-learn's tol)")]
        case .svm:
            return [p("c", 1, 0.000_001...1e9, "C", "penalty on margin violations"),
                    p("gamma", 0, 0...1e9, "gamma", "kernel width (0: 1 / number of features)"),
                    p("degree", 3, 1...10, int: true, "degree", "degree of the polynomial kernel"),
                    p("coef0", 0, -1e9...1e9, "coef0", "constant of the polynomial and sigmoid kernels"),
                    p("tol", 0.001, 1e-15...1, "eps", "stopping tolerance"),
                    p("epsilon", 0.001, 0...1e9, "p", "half-width of the no-penalty tube around a return (regression; 0.1%)")]
        case .ensemble:
            return []
        }
    }

    /// Defaults overlaid with `given`; rejects a parameter the kind does not take (with
    /// what it does take) and a value outside its range.
    public static func resolve(kind: ModelKind, given: [String: Double]) throws -> [String: Double] {
        let table = Self.table(kind)
        var out: [String: Double] = [:]
        for p in table { out[p.name] = p.defaultValue }
        for (key, v) in given.sorted(by: { $0.key < $1.key }) {
            guard let p = table.first(where: { $0.name == key }) else {
                let takes = table.map(\.name).joined(separator: ", ")
                throw ModelError.invalidParameter("\(kind.rawValue) takes no parameter '\(key)'" + (takes.isEmpty ? "" : "; it takes \(takes)"))
            }
            guard p.bounds.contains(v) else {
                throw ModelError.invalidParameter("\(kind.rawValue) \(key) must be from \(Format.number(p.bounds.lowerBound)) to \(Format.number(p.bounds.upperBound)), got \(Format.number(v))")
            }
            guard !p.isInteger || v == v.rounded() else {
                throw ModelError.invalidParameter("\(kind.rawValue) \(key) must be a whole number, got \(Format.number(v))")
            }
            out[key] = v
        }
        return out
    }

    /// The parameters as one line: `rounds 100, depth 3, eta 0.1`.
    public var parameterText: String {
        if kind == .ensemble {
            return "members " + members.map(\.rawValue).joined(separator: ",") + ", combine \(combine)"
        }
        var parts = Self.table(kind).map { "\($0.name) \(Format.number(value($0.name)))" }
        if kind == .svm { parts.insert("kernel \(kernel)", at: 0) }
        return parts.joined(separator: ", ")
    }
}
