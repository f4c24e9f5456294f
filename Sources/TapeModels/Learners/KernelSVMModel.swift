import CSVM
import Foundation

/// A LIBSVM model (libsvm 3.24): C-SVC for classes, epsilon-SVR for returns, with an
/// RBF (default), linear, polynomial or sigmoid kernel.
///
/// Rows reach LIBSVM with every feature as a node (index 1...p), which is the arithmetic
/// of scikit-learn's dense build of LIBSVM: the same terms added in the same order. As
/// for LIBLINEAR, class 0 goes in as +1 and class 1 as -1, which LIBSVM always orders
/// class 0 first (it swaps a leading -1 behind +1), the order scikit-learn's sorted
/// classes give. Probabilities are Platt's, fitted by LIBSVM on an internal 5-fold split
/// that LIBSVM shuffles with rand(): seeded with the model's seed before each fit.
///
/// The model is kept as plain fields (support vectors, coefficients, rho, Platt's A and
/// B) and rebuilt as a C `struct svm_model` for prediction, so a loaded model predicts
/// through the same call as a fresh one.
struct KernelSVMModel: Sendable, Equatable {
    enum Kernel: String, Sendable, CaseIterable {
        case linear, poly, rbf, sigmoid
        var code: Int32 {
            switch self {
            case .linear: return 0
            case .poly: return 1
            case .rbf: return 2
            case .sigmoid: return 3
            }
        }
    }

    var regression: Bool
    var kernel: Kernel
    var degree: Int32
    var gamma: Double
    var coef0: Double
    /// LIBSVM's C: the cost of a margin violation.
    var cost: Double
    var eps: Double
    var p: Double
    var featureCount: Int
    var labels: [Int32]
    var nSV: [Int32]
    /// Support vectors, row-major, `featureCount` values each.
    var supportVectors: [Double]
    var coefficients: [Double]
    var rho: Double
    var probA: Double?
    var probB: Double?

    static let quiet: Void = { tape_svm_silence() }()

    var svCount: Int { coefficients.count }

    static func fit(_ x: [Double], rows: Int, cols: Int, y: [Double], regression: Bool, kernel: Kernel, cost: Double,
                    gamma: Double, degree: Int, coef0: Double, eps: Double, p: Double = 0.1, cacheMB: Double = 200,
                    probability: Bool, seed: UInt64) throws -> KernelSVMModel {
        _ = quiet
        guard rows > 0 else { throw ModelError.invalidData("no rows to train on") }
        var nodes = denseRows(x, rows: rows, cols: cols)
        var targets = regression ? y : y.map { $0 == 0 ? 1 : -1 }
        var param = svm_parameter(svm_type: regression ? 3 : 0, kernel_type: kernel.code, degree: Int32(degree), gamma: gamma,
                                  coef0: coef0, cache_size: cacheMB, eps: eps, C: cost, nr_weight: 0, weight_label: nil, weight: nil,
                                  nu: 0.5, p: p, shrinking: 1, probability: probability && !regression ? 1 : 0)
        return try nodes.withUnsafeMutableBufferPointer { buffer -> KernelSVMModel in
            guard let base = buffer.baseAddress else { throw ModelError.invalidData("no rows to train on") }
            var pointers = (0..<rows).map { Optional(base + $0 * (cols + 1)) }
            return try targets.withUnsafeMutableBufferPointer { yp in
                try pointers.withUnsafeMutableBufferPointer { xp in
                    var prob = svm_problem(l: Int32(rows), y: yp.baseAddress, x: xp.baseAddress)
                    if let message = svm_check_parameter(&prob, &param) {
                        throw ModelError.invalidParameter("libsvm: " + String(cString: message))
                    }
                    tape_svm_seed(UInt32(truncatingIfNeeded: seed))
                    guard let m = svm_train(&prob, &param) else { throw ModelError.library("libsvm", "training failed") }
                    // The trained model points into `nodes`: copy what it holds before the buffer goes.
                    defer { var mp: UnsafeMutablePointer<svm_model>? = m; svm_free_and_destroy_model(&mp) }
                    let mm = m.pointee
                    let l = Int(mm.l)
                    var sv = [Double](repeating: 0, count: l * cols)
                    for k in 0..<l {
                        guard var node = mm.SV[k] else { continue }
                        while node.pointee.index != -1 {
                            let j = Int(node.pointee.index) - 1
                            if j >= 0 && j < cols { sv[k * cols + j] = node.pointee.value }
                            node += 1
                        }
                    }
                    let coef = mm.sv_coef[0].map { Array(UnsafeBufferPointer(start: $0, count: l)) } ?? []
                    let nr = Int(mm.nr_class)
                    return KernelSVMModel(
                        regression: regression, kernel: kernel, degree: Int32(degree), gamma: gamma, coef0: coef0, cost: cost, eps: eps,
                        p: p, featureCount: cols,
                        labels: mm.label.map { Array(UnsafeBufferPointer(start: $0, count: nr)) } ?? [],
                        nSV: mm.nSV.map { Array(UnsafeBufferPointer(start: $0, count: nr)) } ?? [],
                        supportVectors: sv, coefficients: coef, rho: mm.rho[0],
                        probA: mm.probA.map { $0[0] }, probB: mm.probB.map { $0[0] })
                }
            }
        }
    }

    /// Every value as a node, then the terminator; row r starts at r·(cols + 1).
    static func denseRows(_ x: [Double], rows: Int, cols: Int) -> [svm_node] {
        var out: [svm_node] = []
        out.reserveCapacity(rows * (cols + 1))
        for r in 0..<rows {
            for j in 0..<cols { out.append(svm_node(index: Int32(j + 1), value: x[r * cols + j])) }
            out.append(svm_node(index: -1, value: 0))
        }
        return out
    }

    /// Decision values oriented toward class 1 (or the regression prediction), and the
    /// probability of class 1 when the model has Platt's coefficients.
    func predict(_ x: [Double], rows: Int, cols: Int) -> (score: [Double], probability: [Double]?) {
        _ = Self.quiet
        var score = [Double](repeating: .nan, count: rows)
        var probability: [Double]? = (probA != nil && !regression) ? [Double](repeating: .nan, count: rows) : nil
        var svNodes = Self.denseRows(supportVectors, rows: svCount, cols: featureCount)
        var denseRowsCopy = Self.denseRows(x, rows: rows, cols: cols)
        var coef = coefficients
        var rhoV = [rho], pa = [probA ?? 0], pb = [probB ?? 0]
        var lab = labels, nsv = nSV
        let classOne = labels.firstIndex(of: -1) ?? 1
        svNodes.withUnsafeMutableBufferPointer { svb in
            var svPointers = (0..<svCount).map { k in svb.baseAddress.map { $0 + k * (featureCount + 1) } }
            coef.withUnsafeMutableBufferPointer { cb in
                var coefPointers: [UnsafeMutablePointer<Double>?] = [cb.baseAddress]
                svPointers.withUnsafeMutableBufferPointer { svp in
                    coefPointers.withUnsafeMutableBufferPointer { cp in
                        rhoV.withUnsafeMutableBufferPointer { rp in
                            pa.withUnsafeMutableBufferPointer { ap in
                                pb.withUnsafeMutableBufferPointer { bp in
                                    lab.withUnsafeMutableBufferPointer { lp in
                                        nsv.withUnsafeMutableBufferPointer { np in
                                            var m = svm_model(
                                                param: svm_parameter(svm_type: regression ? 3 : 0, kernel_type: kernel.code, degree: degree,
                                                                     gamma: gamma, coef0: coef0, cache_size: 100, eps: eps, C: cost, nr_weight: 0,
                                                                     weight_label: nil, weight: nil, nu: 0.5, p: p, shrinking: 1,
                                                                     probability: probA != nil ? 1 : 0),
                                                nr_class: regression ? 2 : Int32(labels.count), l: Int32(svCount), SV: svp.baseAddress,
                                                sv_coef: cp.baseAddress, rho: rp.baseAddress,
                                                probA: probA != nil ? ap.baseAddress : nil, probB: probB != nil ? bp.baseAddress : nil,
                                                sv_indices: nil, label: regression ? nil : lp.baseAddress,
                                                nSV: regression ? nil : np.baseAddress, free_sv: 0)
                                            denseRowsCopy.withUnsafeMutableBufferPointer { xb in
                                                guard let base = xb.baseAddress else { return }
                                                var dec = [Double](repeating: 0, count: 1), est = [Double](repeating: 0, count: 2)
                                                for r in 0..<rows {
                                                    let row = base + r * (cols + 1)
                                                    let v = svm_predict_values(&m, row, &dec)
                                                    if regression { score[r] = v; continue }
                                                    score[r] = classOne == 0 ? dec[0] : -dec[0]
                                                    if probability != nil {
                                                        _ = svm_predict_probability(&m, row, &est)
                                                        probability?[r] = est[classOne]
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (score, probability)
    }
}
