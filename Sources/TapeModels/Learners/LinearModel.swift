import CLinear
import Foundation

/// A LIBLINEAR model (liblinear 2.3): L2-regularised logistic regression in its primal
/// form (solver 0, the default: a trust-region Newton method, fast when rows far
/// outnumber features) or its dual form (solver 7, `dual 1`), the L2-loss linear SVM in
/// its primal form (solver 2) and L2-regularised L2-loss regression (solver 11 with
/// epsilon 0: ridge regression in LIBLINEAR's parametrisation).
///
/// Agreement with scikit-learn (Tests/Fixtures/models/README.md has the measurements):
/// Debian's LIBLINEAR 2.3 and scikit-learn's bundled copy run different Newton solvers
/// (2.3's preconditioned TRON against the older plain-CG TRON), which both stop on a
/// relative change of the objective of 1e-12, a few 1e-8 short of the optimum. The dual
/// coordinate descent of logistic regression converges to the optimum itself, so at a
/// tight tolerance both libraries agree to 1e-13 there. The dual solver visits rows in an
/// order drawn from the C library's rand(), seeded with the model's seed before each fit.
/// Data reach LIBLINEAR as scikit-learn's wrapper passes them: one
/// node per non-zero value, 1-based indices, then the bias node (value `bias`, index p+1).
/// Classes go in as +1 for class 0 and -1 for class 1: LIBLINEAR orders classes by first
/// appearance except that a -1 seen first is swapped behind +1, so this mapping always
/// puts class 0 first, as scikit-learn's sorted classes do, and the solver sees the rows
/// in the same order.
///
/// The fitted model is kept as its fields (weights, labels, bias) and rebuilt as a C
/// `struct model` for each prediction batch, so a model loaded from a file predicts
/// through exactly the same library call as a fresh one.
struct LinearModel: Sendable, Equatable {
    enum Solver: Int32, Sendable {
        case logistic = 0, svc = 2, logisticDual = 7, regression = 11
        var isLogistic: Bool { self == .logistic || self == .logisticDual }
    }

    var solver: Solver
    /// LIBLINEAR's and LIBSVM's C: the cost of a margin violation.
    var cost: Double
    var eps: Double
    var bias: Double
    var nrFeature: Int32
    var nrClass: Int32
    var labels: [Int32]
    var weights: [Double]

    static let quiet: Void = { tape_linear_silence() }()

    /// Fits on `rows` × `cols` row-major `x`; `y` holds 0/1 classes or real targets.
    static func fit(_ x: [Double], rows: Int, cols: Int, y: [Double], solver: Solver, cost: Double, eps: Double,
                    bias: Double = 1, seed: UInt64 = 1) throws -> LinearModel {
        _ = quiet
        var nodes = sparseRows(x, rows: rows, cols: cols, bias: bias)
        var targets = solver == .regression ? y : y.map { $0 == 0 ? 1 : -1 }
        guard rows > 0 else { throw ModelError.invalidData("no rows to train on") }
        return try nodes.storage.withUnsafeMutableBufferPointer { buffer -> LinearModel in
            guard let base = buffer.baseAddress else { throw ModelError.invalidData("no rows to train on") }
            var pointers = nodes.starts.map { Optional(base + $0) }
            return try targets.withUnsafeMutableBufferPointer { yp in
                try pointers.withUnsafeMutableBufferPointer { xp in
                    var prob = problem(l: Int32(rows), n: Int32(cols) + (bias >= 0 ? 1 : 0), y: yp.baseAddress, x: xp.baseAddress, bias: bias)
                    var param = parameter(solver_type: solver.rawValue, eps: eps, C: cost, nr_weight: 0, weight_label: nil,
                                          weight: nil, p: 0, init_sol: nil)
                    if let message = check_parameter(&prob, &param) {
                        throw ModelError.invalidParameter("liblinear: " + String(cString: message))
                    }
                    tape_linear_seed(UInt32(truncatingIfNeeded: seed))
                    guard let m = train(&prob, &param) else { throw ModelError.library("liblinear", "training failed") }
                    defer { var mp: UnsafeMutablePointer<model>? = m; free_and_destroy_model(&mp) }
                    let nrW = (m.pointee.nr_class == 2 || solver == .regression) ? 1 : Int(m.pointee.nr_class)
                    let n = Int(m.pointee.nr_feature) + (m.pointee.bias >= 0 ? 1 : 0)
                    let w = Array(UnsafeBufferPointer(start: m.pointee.w, count: n * nrW))
                    let labels: [Int32] = m.pointee.label.map { Array(UnsafeBufferPointer(start: $0, count: Int(m.pointee.nr_class))) } ?? []
                    return LinearModel(solver: solver, cost: cost, eps: eps, bias: m.pointee.bias, nrFeature: m.pointee.nr_feature,
                                       nrClass: m.pointee.nr_class, labels: labels, weights: w)
                }
            }
        }
    }

    /// Rows as LIBLINEAR's nodes in one buffer: (index, value) for each non-zero value,
    /// the bias node, then the terminator (index -1).
    static func sparseRows(_ x: [Double], rows: Int, cols: Int, bias: Double) -> (storage: [feature_node], starts: [Int]) {
        var storage: [feature_node] = []
        storage.reserveCapacity(rows * (cols + 2))
        var starts: [Int] = []
        starts.reserveCapacity(rows)
        for r in 0..<rows {
            starts.append(storage.count)
            for j in 0..<cols {
                let v = x[r * cols + j]
                if v != 0 { storage.append(feature_node(index: Int32(j + 1), value: v)) }
            }
            if bias >= 0 { storage.append(feature_node(index: Int32(cols + 1), value: bias)) }
            storage.append(feature_node(index: -1, value: 0))
        }
        return (storage, starts)
    }

    /// For classifiers: the probability of class 1 (logistic) and the decision value
    /// oriented so that positive means class 1. For regression: the prediction (twice).
    func predict(_ x: [Double], rows: Int, cols: Int) -> (score: [Double], probability: [Double]?) {
        _ = Self.quiet
        let nodes = Self.sparseRows(x, rows: rows, cols: cols, bias: bias)
        var w = weights
        var labelsCopy = labels
        var score = [Double](repeating: .nan, count: rows)
        var probability: [Double]? = solver.isLogistic ? [Double](repeating: .nan, count: rows) : nil
        w.withUnsafeMutableBufferPointer { wp in
            labelsCopy.withUnsafeMutableBufferPointer { lp in
                var m = model(param: parameter(solver_type: solver.rawValue, eps: eps, C: cost, nr_weight: 0, weight_label: nil,
                                               weight: nil, p: 0, init_sol: nil),
                              nr_class: nrClass, nr_feature: nrFeature, w: wp.baseAddress,
                              label: labels.isEmpty ? nil : lp.baseAddress, bias: bias)
                // Which of LIBLINEAR's classes is our class 1 (label -1, see above).
                let classOne = labels.firstIndex(of: -1) ?? 1
                nodes.storage.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return }
                    var dec = [Double](repeating: 0, count: 2), prob = [Double](repeating: 0, count: 2)
                    for r in 0..<rows {
                        let row = base + nodes.starts[r]
                        if solver == .regression {
                            score[r] = predict_values(&m, row, &dec)
                            continue
                        }
                        _ = predict_values(&m, row, &dec)
                        // LIBLINEAR's binary decision value favours its first class.
                        score[r] = classOne == 0 ? dec[0] : -dec[0]
                        if solver.isLogistic {
                            _ = predict_probability(&m, row, &prob)
                            probability?[r] = prob[classOne]
                        }
                    }
                }
            }
        }
        return (score, probability)
    }

    /// Weights of the features (without the bias), oriented toward class 1.
    var featureWeights: [Double] {
        let p = Int(nrFeature)
        let classOne = labels.firstIndex(of: -1) ?? 1
        let sign: Double = solver == .regression || classOne == 0 ? 1 : -1
        return (0..<min(p, weights.count)).map { weights[$0] * sign }
    }
}
