import CXGBoost
import Foundation

/// An XGBoost booster through its C API (libxgboost 1.7): gradient boosting, or a random
/// forest with `num_parallel_tree` trees in one round. Owns its handle; freed in deinit.
///
/// Data goes in as XGBoost's float32 (as the Python binding converts numpy float64),
/// missing values as NaN; every parameter is passed as the string XGBoost reads, the
/// same `XGBoosterSetParam` calls `xgboost.train` makes, so the same parameters and seed
/// give the same trees as the Python binding.
final class XGBoostBooster {
    private let handle: BoosterHandle

    private init(_ handle: BoosterHandle) { self.handle = handle }
    deinit { XGBoosterFree(handle) }

    /// Silences XGBoost's own logging (warnings on stderr), once per process.
    private static let quiet: Void = {
        _ = XGBSetGlobalConfig("{\"verbosity\": 0}")
    }()

    static func check(_ rc: Int32) throws {
        guard rc == 0 else {
            let message = XGBGetLastError().map { String(cString: $0) } ?? "unknown error"
            // XGBoost's messages carry a source location and a stack trace on later lines.
            let first = message.split(separator: "\n").first.map(String.init) ?? message
            throw ModelError.library("xgboost", first.replacingOccurrences(of: #"^\[[^\]]*\] [^:]*:\d+: "#, with: "",
                                                                            options: .regularExpression))
        }
    }

    static var version: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        XGBoostVersion(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }

    /// A DMatrix of `rows` × `cols` row-major values, optionally with labels.
    final class Matrix {
        let handle: DMatrixHandle
        init(_ x: [Double], rows: Int, cols: Int, labels: [Double]? = nil, threads: Int = 1) throws {
            _ = XGBoostBooster.quiet
            let f = x.map { Float($0) }
            var h: DMatrixHandle?
            try XGBoostBooster.check(f.withUnsafeBufferPointer {
                XGDMatrixCreateFromMat_omp($0.baseAddress, bst_ulong(rows), bst_ulong(cols), Float.nan, &h, Int32(threads))
            })
            guard let h else { throw ModelError.library("xgboost", "no matrix was created") }
            handle = h
            if let labels {
                let y = labels.map { Float($0) }
                try XGBoostBooster.check(y.withUnsafeBufferPointer {
                    XGDMatrixSetFloatInfo(h, "label", $0.baseAddress, bst_ulong(y.count))
                })
            }
        }
        deinit { XGDMatrixFree(handle) }
    }

    /// Trains `rounds` boosting rounds on `train` with `params` (set in order).
    static func train(_ train: Matrix, params: [(String, String)], rounds: Int,
                      cancel: (@Sendable () -> Bool)? = nil) throws -> XGBoostBooster {
        _ = quiet
        var h: BoosterHandle?
        var dmats: [DMatrixHandle?] = [train.handle]
        try check(dmats.withUnsafeMutableBufferPointer { XGBoosterCreate($0.baseAddress, 1, &h) })
        guard let h else { throw ModelError.library("xgboost", "no booster was created") }
        let booster = XGBoostBooster(h)
        for (k, v) in params { try check(XGBoosterSetParam(h, k, v)) }
        for i in 0..<rounds {
            if cancel?() == true { throw ModelError.cancelled }
            try check(XGBoosterUpdateOneIter(h, Int32(i), train.handle))
        }
        return booster
    }

    /// Transformed predictions (probabilities for `binary:logistic`), one per row, as the
    /// Python binding's `Booster.predict` returns them (float32, widened).
    func predict(_ m: Matrix) throws -> [Double] {
        var shape: UnsafePointer<bst_ulong>?
        var dim: bst_ulong = 0
        var result: UnsafePointer<Float>?
        let config = #"{"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false}"#
        try Self.check(XGBoosterPredictFromDMatrix(handle, m.handle, config, &shape, &dim, &result))
        guard let shape, let result, dim >= 1 else { return [] }
        var n = 1
        for k in 0..<Int(dim) { n *= Int(shape[k]) }
        return (0..<n).map { Double(result[$0]) }
    }

    /// The model in XGBoost's own binary JSON (UBJSON), which loads back exactly.
    func save() throws -> [UInt8] {
        var len: bst_ulong = 0
        var buf: UnsafePointer<CChar>?
        try Self.check(XGBoosterSaveModelToBuffer(handle, #"{"format": "ubj"}"#, &len, &buf))
        guard let buf else { return [] }
        return buf.withMemoryRebound(to: UInt8.self, capacity: Int(len)) { Array(UnsafeBufferPointer(start: $0, count: Int(len))) }
    }

    static func load(_ bytes: [UInt8]) throws -> XGBoostBooster {
        _ = quiet
        var h: BoosterHandle?
        try check(XGBoosterCreate(nil, 0, &h))
        guard let h else { throw ModelError.library("xgboost", "no booster was created") }
        let booster = XGBoostBooster(h)
        try check(bytes.withUnsafeBytes { XGBoosterLoadModelFromBuffer(h, $0.baseAddress, bst_ulong(bytes.count)) })
        return booster
    }

    /// Total gain of each feature's splits (0 for a feature never split on).
    func importance(featureCount: Int) throws -> [Double] {
        var n: bst_ulong = 0, dim: bst_ulong = 0
        var names: UnsafeMutablePointer<UnsafePointer<CChar>?>?
        var shape: UnsafePointer<bst_ulong>?
        var scores: UnsafePointer<Float>?
        try Self.check(XGBoosterFeatureScore(handle, #"{"importance_type": "total_gain"}"#, &n, &names, &dim, &shape, &scores))
        var out = [Double](repeating: 0, count: featureCount)
        guard let names, let scores else { return out }
        for k in 0..<Int(n) {
            guard let p = names[k] else { continue }
            let name = String(cString: p)
            if name.hasPrefix("f"), let j = Int(name.dropFirst()), j < featureCount { out[j] = Double(scores[k]) }
        }
        return out
    }
}
