import TapeCore
import TapeModels

/// The feature matrices and models of a workspace, by upper-case name, and the last
/// validation of each model (which `model chart` draws).
final class ModelsState {
    var matrices: [String: FeatureMatrix] = [:]
    /// The matrix `features` built last: what `export features` writes.
    var lastMatrix: String?
    var models: [String: TrainedModel] = [:]
    var validations: [String: ValidationRun] = [:]
    /// The SHA-256 of each model's bytes when it was saved or loaded.
    var hashes: [String: String] = [:]

    static func of(_ c: CommandContext) -> ModelsState { c.workspace.state { ModelsState() } }

    func model(_ name: String, span: Span?) throws -> TrainedModel {
        guard let m = models[name.uppercased()] else {
            throw TapeError("no model named '\(name)'", span: span,
                            hint: Suggest.hint(name, in: models.values.map(\.name))
                                ?? "fit one: model fit \(name) kind xgboost on SPY label sign horizon 5")
        }
        return m
    }
}

/// A validation as it was run: the report, the rows, the scheme's fold table.
struct ValidationRun {
    var report: ValidationReport
    var set: LearningSet
}

extension ModelsState: RestorableAreaState {
    func savedState(generation: Int) -> () -> Void {
        let (m, l, ms, v, h) = (matrices, lastMatrix, models, validations, hashes)
        return { [self] in
            matrices = m
            lastMatrix = l
            models = ms
            validations = v
            hashes = h
        }
    }
}

extension CommandContext {
    /// A model-layer call: its one-line errors become errors at `span`, Ctrl-C a cancel.
    func modelCall<T>(_ span: Span?, hint: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch ModelError.cancelled {
            try Interrupts.check(span)
            throw TapeError("cancelled", span: span)
        } catch let e as ModelError {
            throw TapeError(e.description, span: span, hint: hint)
        } catch let e as BacktestError {
            throw TapeError("\(e)", span: span, hint: hint)
        }
    }
}
