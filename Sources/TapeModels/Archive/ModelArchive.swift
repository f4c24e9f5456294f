import Foundation
import TapeCore

/// A trained model as bytes and back: JSON with sorted keys (so the same model always
/// gives the same bytes, and so the same hash), every double written so it reads back
/// exactly, XGBoost's own UBJSON model inside as base64.
///
/// The file a `model save ... to FILE` writes wraps these bytes with their SHA-256
/// (TapeShell's ModelFile); this layer knows nothing of files or hashes.
public enum ModelArchive {
    public static let format = "tape-model 1"

    public static func encode(_ m: TrainedModel) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(Record(m))
    }

    public static func decode(_ data: Data) throws -> TrainedModel {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let record: Record
        do {
            record = try decoder.decode(Record.self, from: data)
        } catch {
            throw ModelError.corrupt("not a Tape model (\(error.localizedDescription))")
        }
        guard record.format == format else { throw ModelError.corrupt("unknown model format '\(record.format)'") }
        return try record.trained()
    }

    struct Label: Codable {
        var kind: String
        var horizon: Int
        var band: Double?
        var take: Double?
        var stop: Double?

        init(_ l: LabelSpec) {
            switch l {
            case let .sign(h, b): self = Label(kind: "sign", horizon: h, band: b)
            case let .forwardReturn(h): self = Label(kind: "return", horizon: h)
            case let .barrier(t, s, h): self = Label(kind: "barrier", horizon: h, take: t, stop: s)
            }
        }

        init(kind: String, horizon: Int, band: Double? = nil, take: Double? = nil, stop: Double? = nil) {
            self.kind = kind
            self.horizon = horizon
            self.band = band
            self.take = take
            self.stop = stop
        }

        func spec() throws -> LabelSpec {
            switch kind {
            case "sign": return .sign(horizon: horizon, band: band ?? 0)
            case "return": return .forwardReturn(horizon: horizon)
            case "barrier": return .barrier(take: take ?? 0, stop: stop ?? 0, horizon: horizon)
            default: throw ModelError.corrupt("unknown label kind '\(kind)'")
            }
        }
    }

    struct Engine: Codable {
        var xgboost: String?
        var linear: LinearRecord?
        var svm: SVMRecord?
        var members: [Model]?
    }

    // The libraries' own name for the cost, kept as the saved key.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct LinearRecord: Codable {
        var solver: Int32, C: Double, eps: Double, bias: Double, nrFeature: Int32, nrClass: Int32, labels: [Int32], weights: [Double]
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct SVMRecord: Codable {
        var regression: Bool, kernel: String, degree: Int32, gamma: Double, coef0: Double, C: Double, eps: Double, p: Double
        var featureCount: Int, labels: [Int32], nSV: [Int32], supportVectors: [Double], coefficients: [Double], rho: Double
        var probA: Double?, probB: Double?
    }

    struct Model: Codable {
        var config: ModelConfig
        var features: [String]
        var standardizer: Standardizer?
        var engine: Engine

        init(_ f: FittedModel) {
            config = f.config
            features = f.featureNames
            standardizer = f.standardizer
            switch f.engine {
            case .xgboost(_, let bytes): engine = Engine(xgboost: Data(bytes).base64EncodedString())
            case .linear(let m):
                engine = Engine(linear: LinearRecord(solver: m.solver.rawValue, C: m.cost, eps: m.eps, bias: m.bias, nrFeature: m.nrFeature,
                                                     nrClass: m.nrClass, labels: m.labels, weights: m.weights))
            case .svm(let m):
                engine = Engine(svm: SVMRecord(regression: m.regression, kernel: m.kernel.rawValue, degree: m.degree, gamma: m.gamma,
                                               coef0: m.coef0, C: m.cost, eps: m.eps, p: m.p, featureCount: m.featureCount,
                                               labels: m.labels, nSV: m.nSV, supportVectors: m.supportVectors,
                                               coefficients: m.coefficients, rho: m.rho, probA: m.probA, probB: m.probB))
            case .ensemble(let ms): engine = Engine(members: ms.map(Model.init))
            }
        }

        func fitted() throws -> FittedModel {
            let e: FittedModel.Engine
            if let x = engine.xgboost {
                guard let data = Data(base64Encoded: x) else { throw ModelError.corrupt("the XGBoost model is not valid base64") }
                let bytes = [UInt8](data)
                e = .xgboost(try XGBoostBooster.load(bytes), bytes: bytes)
            } else if let l = engine.linear {
                guard let solver = LinearModel.Solver(rawValue: l.solver) else { throw ModelError.corrupt("unknown LIBLINEAR solver \(l.solver)") }
                let p = Int(l.nrFeature) + (l.bias >= 0 ? 1 : 0)
                guard l.weights.count == p, Int(l.nrFeature) == features.count else {
                    throw ModelError.corrupt("the LIBLINEAR weights do not match the features")
                }
                e = .linear(LinearModel(solver: solver, cost: l.C, eps: l.eps, bias: l.bias, nrFeature: l.nrFeature, nrClass: l.nrClass,
                                        labels: l.labels, weights: l.weights))
            } else if let s = engine.svm {
                guard let kernel = KernelSVMModel.Kernel(rawValue: s.kernel) else { throw ModelError.corrupt("unknown kernel \(s.kernel)") }
                guard s.featureCount == features.count, s.supportVectors.count == s.coefficients.count * s.featureCount else {
                    throw ModelError.corrupt("the LIBSVM support vectors do not match the features")
                }
                e = .svm(KernelSVMModel(regression: s.regression, kernel: kernel, degree: s.degree, gamma: s.gamma, coef0: s.coef0,
                                        cost: s.C, eps: s.eps, p: s.p, featureCount: s.featureCount, labels: s.labels, nSV: s.nSV,
                                        supportVectors: s.supportVectors, coefficients: s.coefficients, rho: s.rho,
                                        probA: s.probA, probB: s.probB))
            } else if let ms = engine.members {
                e = .ensemble(try ms.map { try $0.fitted() })
            } else {
                throw ModelError.corrupt("the model has no engine")
            }
            if let s = standardizer, s.means.count != features.count || s.scales.count != features.count {
                throw ModelError.corrupt("the standardisation does not match the features")
            }
            return FittedModel(config: config, featureNames: features, standardizer: standardizer, engine: e)
        }
    }

    struct Record: Codable {
        var format: String
        var name: String
        var featureSet: String
        var label: Label
        var symbol: String
        var trainedFrom: Int64
        var trainedTo: Int64
        var rows: Int
        var model: Model

        init(_ m: TrainedModel) {
            format = ModelArchive.format
            name = m.name
            featureSet = m.featureSet
            label = Label(m.label)
            symbol = m.symbol
            trainedFrom = m.trainedFrom
            trainedTo = m.trainedTo
            rows = m.rows
            model = Model(m.model)
        }

        func trained() throws -> TrainedModel {
            TrainedModel(name: name, model: try model.fitted(), featureSet: featureSet, label: try label.spec(), symbol: symbol,
                         trainedFrom: trainedFrom, trainedTo: trainedTo, rows: rows)
        }
    }
}
