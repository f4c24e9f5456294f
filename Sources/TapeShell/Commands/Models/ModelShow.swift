import TapeCore
import TapeModels

/// `model show NAME`: what the model is, what it was fitted on, its last validation.
enum ModelShow {
    static let spec = CommandSpec(
        name: "show", summary: "a model's kind, library, parameters, features, label and training rows", effect: .query,
        arguments: [ArgumentSpec("NAME", .word, help: "a fitted or loaded model")],
        run: { c in
            guard case .word(let name)? = c.argument(0) else { throw TapeError("model show needs a model", span: c.span) }
            let state = ModelsState.of(c)
            let m = try state.model(name, span: c.positionals.first?.span)
            c.print("model \(m.name): \(m.config.kind.rawValue), \(m.config.kind.summary)")
            c.print("  library: \(m.model.libraryVersion)")
            c.print("  parameters: \(m.config.parameterText), seed \(m.config.seed)")
            c.print("  task: \(m.config.regression ? "regression (predicts the return)" : "classification (probability of class 1)")")
            c.print("  label: \(m.label.description) (purged and embargoed by \(m.label.horizon) bars in validation)")
            c.print("  features: \(m.features.count) from set \(m.featureSet): \(FeaturesCommand.list(m.features))")
            c.print("  trained on: \(m.symbol) \(range(m)), \(m.rows) rows")
            if let hash = state.hashes[name.uppercased()] { c.print("  sha256: \(hash)") }
            if let v = state.validations[name.uppercased()] {
                let s = v.report.scores
                c.print("  last validation: \(v.report.scheme.name): "
                        + (v.report.regression ? "rank IC \(ValidationText.num(s.rankIC))" : "accuracy \(ValidationText.pct(s.accuracy)) against a base rate of \(ValidationText.pct(s.baseRate))"))
            } else {
                c.print("  not validated yet: model validate \(m.name)")
            }
        })

    static func range(_ m: TrainedModel) -> String { CivilTime.format(m.trainedFrom) + ".." + CivilTime.format(m.trainedTo) }
}

/// `model importance NAME [top N]`: the features the model leans on.
enum ModelImportance {
    static let spec = CommandSpec(
        name: "importance",
        summary: "which features a model leans on: split gain for trees, standardised weights for linear models",
        details: """
        model importance m           the 15 largest, as shares of the total
        model importance m top 40
        Trees: total gain of the splits on each feature (XGBoost's total_gain). Linear
        models: the absolute weight of each standardised feature, with its sign (which way
        it pushes). Kernel SVMs with an RBF kernel have no per-feature weight.
        """,
        effect: .query,
        options: [.count("top", "how many features to list (default 15)", bounds: .from(1, to: 100_000))],
        arguments: [ArgumentSpec("NAME", .word, help: "a fitted or loaded model")],
        run: { c in
            guard case .word(let name)? = c.argument(0) else { throw TapeError("model importance needs a model", span: c.span) }
            let m = try ModelsState.of(c).model(name, span: c.positionals.first?.span)
            let ranked = try ranking(m, c)
            let total = ranked.reduce(0) { $0 + $1.value }
            let signed = m.model.signedWeights
            var t = TextTable(["rank", "feature", "share"] + (signed == nil ? [] : ["weight"]))
            for (k, r) in ranked.prefix(c.int("top") ?? 15).enumerated() {
                var row = ["\(k + 1)", r.name, ModelText.percent(total > 0 ? r.value / total : 0, 1)]
                if let w = signed { row.append(Format.number(w[r.index], significant: 4)) }
                t.add(row)
            }
            c.print(table: t)
            let unused = ranked.filter { $0.value == 0 }.count
            if unused > 0 { c.print("\(unused) of \(ranked.count) features are never used") }
        })

    static func ranking(_ m: TrainedModel, _ c: CommandContext) throws -> [(index: Int, name: String, value: Double)] {
        guard let imp = try c.modelCall(c.span, { try m.model.importance() }) else {
            throw TapeError("a \(m.config.kind.rawValue) model with a \(m.config.kernel) kernel has no per-feature importance", span: c.span,
                            hint: "fit kind svm kernel linear, or a tree or linear model")
        }
        return imp.enumerated().map { (index: $0.offset, name: m.features[$0.offset], value: $0.element) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.index < $1.index }
    }
}

/// `model predict NAME [on FEATURES] [last N]`: the model's opinion of the latest bars.
enum ModelPredict {
    static let spec = CommandSpec(
        name: "predict",
        summary: "a model's predictions for the last bars of a dataset",
        details: """
        model predict m              the last 5 bars of the dataset it was fitted on
        model predict m on QQQ last 10
        Bars the model was trained on are marked `in-sample`: a prediction there is not a
        forecast. For a forecast of the past, use model validate or backtest SYMBOL model NAME.
        """,
        effect: .query,
        options: [.word("on", "a loaded dataset (default: the one it was fitted on)"),
                  .count("last", "how many of the latest bars (default 5)", bounds: .from(1, to: 100_000))],
        arguments: [ArgumentSpec("NAME", .word, help: "a fitted or loaded model")],
        run: { c in
            guard case .word(let name)? = c.argument(0) else { throw TapeError("model predict needs a model", span: c.span) }
            let m = try ModelsState.of(c).model(name, span: c.positionals.first?.span)
            let symbol = c.text("on") ?? m.symbol
            guard let d = c.workspace.dataset(symbol) else {
                throw TapeError("no dataset named '\(symbol)'", span: c.optionSpan("on") ?? c.span, hint: "load it first: load \(symbol)")
            }
            let specs = try c.modelCall(c.span) { try m.featureSpecs() }
            let matrix = try c.modelCall(c.span) { try FeatureMatrix.build(d.bars, features: specs, set: m.featureSet) }
            let rows = Array(matrix.usableRows().rows.suffix(c.int("last") ?? 5))
            guard !rows.isEmpty else { throw TapeError("no bar of \(d.name) has every feature the model reads", span: c.span) }
            let p = try c.modelCall(c.span) { try m.model.predict(matrix.design(rows), rows: rows.count) }
            let trainedHere = d.name.uppercased() == m.symbol.uppercased()
            var t = TextTable(["date", m.config.regression ? "predicted return" : (p.probability != nil ? "P(class 1)" : "score"), "", ""])
            for (k, i) in rows.enumerated() {
                let inSample = trainedHere && matrix.time[i] >= m.trainedFrom && matrix.time[i] <= m.trainedTo
                let value = p.probability?[k] ?? p.score[k]
                t.add([CivilTime.format(matrix.time[i]), Format.fixed(value, 4),
                       m.config.regression ? "" : (p.classes[k] == 1 ? ModelFit.classOne(m.label) : "not"),
                       inSample ? "in-sample" : ""])
            }
            c.print(table: t)
        })
}
