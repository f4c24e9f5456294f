import TapeCore
import TapeModels

/// `model fit NAME kind K on FEATURES label LABEL [params]`: fits on every usable row.
enum ModelFit {
    static let paramOptions: [OptionSpec] = {
        var seen: [String: ModelParameter] = [:], order: [String] = []
        var owners: [String: [String]] = [:]
        for kind in ModelKind.allCases {
            for p in ModelConfig.table(kind) {
                if seen[p.name] == nil { order.append(p.name); seen[p.name] = p }
                owners[p.name, default: []].append(kind.rawValue)
            }
        }
        return order.compactMap { name in
            guard let p = seen[name] else { return nil }
            let kinds = owners[name] ?? []
            return OptionSpec(name, p.isInteger ? .count : .number, help: "\(p.help) (\(kinds.joined(separator: ", ")); default \(Format.number(p.defaultValue)))")
        }
    }()

    static let labelOptions: [OptionSpec] = [
        .choice("label", ["sign", "return", "barrier"], "what to predict: the sign of the forward return, the return, or the triple barrier", required: true),
        .count("horizon", "bars ahead the label looks (default 5)", bounds: .from(1, to: 100_000)),
        .rate("band", "sign label: dead band around zero left unlabelled (default 0)", bounds: .from(0, to: 0.99)),
        .rate("take", "barrier label: profit target (default 2%)", bounds: .openUnit),
        .rate("stop", "barrier label: stop loss (default 2%)", bounds: .openUnit),
    ]

    static let spec = CommandSpec(
        name: "fit",
        summary: "fit a model on a feature matrix and a label",
        details: """
        model fit m kind xgboost on SPY label sign horizon 5
        model fit m kind logistic on f label sign horizon 5 band 0.2% c 0.5
        model fit m kind forest on SPY set core label barrier take 3% stop 1.5% horizon 10 trees 200
        model fit r kind linear on SPY label return horizon 20
        model fit e kind ensemble members "xgboost,logistic,svm" on SPY label sign horizon 5
        ON is a matrix `features` built, or a loaded dataset (its features are built, `set`
        chooses which). Rows without every feature (warm-up) or without a label (the last
        HORIZON bars, the dead band) are left out and counted. The seed is the session's.
        Kinds: \(ModelKind.allCases.map { "\($0.rawValue) = \($0.summary)" }.joined(separator: "; ")).
        """,
        effect: .changesState,
        options: [.choice("kind", ModelKind.allCases.map(\.rawValue), "which model", required: true),
                  .word("on", "a feature matrix or a dataset", required: true),
                  .choice("set", FeatureCatalogue.setNames, "the feature set when ON is a dataset (default all)")]
            + labelOptions
            + [.choice("kernel", KernelChoice.names, "svm kernel (default rbf)"),
               .text("members", "ensemble: kinds to combine, e.g. xgboost,logistic"),
               .choice("combine", ModelConfig.combines, "ensemble: average probabilities or vote (default average)")]
            + paramOptions,
        arguments: [ArgumentSpec("NAME", .word, help: "the model's name")],
        run: run)

    enum KernelChoice { static let names = ["rbf", "linear", "poly", "sigmoid"] }

    static func run(_ c: CommandContext) throws {
        guard case .word(let name)? = c.argument(0) else { throw TapeError("model fit needs a name", span: c.span) }
        let (matrix, notes) = try features(c)
        let label = try self.label(c)
        try c.modelCall(c.optionSpan("horizon") ?? c.optionSpan("label")) { try label.check(barCount: matrix.rowCount) }
        let config = try self.config(c, regression: !label.isClassification)
        let trained: TrainedModel, set: LearningSet
        do {
            (trained, set) = try c.modelCall(c.span) {
                try TrainedModel.fit(name: name, matrix: matrix, label: label, config: config, cancel: Interrupts.cancelCheck)
            }
        } catch let e as TapeError where e.message.hasPrefix("the design matrix is singular") {
            throw TapeError(e.message, span: c.optionSpan("on"), hint: "fit a smaller set (set core, or a family), or a tree model (kind xgboost or forest)")
        } catch let e as TapeError where e.message.contains("dead band") {
            throw TapeError(e.message, span: c.optionSpan("band"), hint: "a narrower band, e.g. band 0.2%")
        }
        let state = ModelsState.of(c)
        state.models[name.uppercased()] = trained
        state.validations[name.uppercased()] = nil
        state.hashes[name.uppercased()] = nil
        for n in notes.dropFirst() { c.print(n) }
        c.print("model \(name): \(config.kind.rawValue) (\(config.parameterText)), seed \(config.seed)")
        c.print("  features: \(matrix.symbol) \(matrix.set), \(matrix.featureCount); label: \(label.description)")
        c.print("  trained on \(set.droppedText)")
        if label.isClassification {
            c.print("  class 1 (\(classOne(label))) in \(ModelText.percent(Metrics.baseRate(set.y), 1)) of rows")
        }
        c.print("  how good it is only validation can say: model validate \(name)")
    }

    static func classOne(_ label: LabelSpec) -> String {
        if case .barrier = label { return "target first" }
        return "up"
    }

    /// The matrix `on` names, or the features of the dataset it names.
    static func features(_ c: CommandContext) throws -> (FeatureMatrix, [String]) {
        guard let on = c.text("on") else { throw TapeError("model fit needs on FEATURES", span: c.span) }
        let state = ModelsState.of(c)
        if c.text("set") == nil, let m = state.matrices[on.uppercased()] { return (m, []) }
        guard let d = c.workspace.dataset(on) else {
            throw TapeError("no feature matrix or dataset named '\(on)'", span: c.optionSpan("on"),
                            hint: Suggest.hint(on, in: Array(state.matrices.keys) + c.workspace.datasetOrder) ?? "load it first: load \(on)")
        }
        let built = try FeaturesCommand.build(d, set: c.text("set") ?? "all", c)
        return (built.matrix, built.notes)
    }

    static func label(_ c: CommandContext) throws -> LabelSpec {
        let horizon = c.int("horizon") ?? 5
        switch c.text("label") ?? "sign" {
        case "return":
            return .forwardReturn(horizon: horizon)
        case "barrier":
            return .barrier(take: c.value("take") ?? 0.02, stop: c.value("stop") ?? 0.02, horizon: horizon)
        default:
            for key in ["take", "stop"] where c.value(key) != nil {
                throw TapeError("\(key) belongs to the barrier label", span: c.optionSpan(key), hint: "use: label barrier take 2% stop 1%")
            }
            return .sign(horizon: horizon, band: c.value("band") ?? 0)
        }
    }

    /// The kind, its parameters (each checked against the kind's own table) and the seed.
    static func config(_ c: CommandContext, regression: Bool) throws -> ModelConfig {
        guard let kind = ModelKind(rawValue: c.text("kind") ?? "") else { throw TapeError("model fit needs kind", span: c.span) }
        var given: [String: Double] = [:]
        for o in paramOptions {
            guard let v = c.value(o.name) else { continue }
            guard ModelConfig.table(kind).contains(where: { $0.name == o.name }) else {
                let takes = ModelConfig.table(kind).map(\.name)
                throw TapeError("\(kind.rawValue) takes no parameter '\(o.name)'", span: c.optionSpan(o.name),
                                hint: takes.isEmpty ? "an ensemble's members take their defaults" : "it takes " + takes.joined(separator: ", "))
            }
            given[o.name] = v
        }
        let params = try c.modelCall(c.span) { try ModelConfig.resolve(kind: kind, given: given) }
        var members: [ModelKind] = []
        if let text = try c.string("members") {
            guard kind == .ensemble else {
                throw TapeError("members belongs to kind ensemble", span: c.optionSpan("members"))
            }
            for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                guard let k = ModelKind(rawValue: word), k != .ensemble else {
                    throw TapeError("'\(word)' is not a kind an ensemble can hold", span: c.optionSpan("members"),
                                    hint: "kinds: xgboost, forest, logistic, linear, svm")
                }
                members.append(k)
            }
        } else if kind == .ensemble {
            throw TapeError("an ensemble needs members", span: c.span, hint: "e.g. members xgboost,logistic,svm")
        }
        if kind != .svm, c.text("kernel") != nil { throw TapeError("kernel belongs to kind svm", span: c.optionSpan("kernel")) }
        return ModelConfig(kind: kind, regression: regression, parameters: params, kernel: c.text("kernel") ?? "rbf",
                           members: members, combine: c.text("combine") ?? "average", seed: c.session.seed)
    }
}
