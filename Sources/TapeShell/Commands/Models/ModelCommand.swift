import TapeModels

/// `model`: fit, validate, inspect, save and load models, one subcommand per file beside
/// this one. docs/MODELS.md has the rules: which library each kind calls, how validation
/// purges and embargoes, what every figure means.
enum ModelCommand: Command {
    static let spec = CommandSpec(
        name: "model",
        summary: "fit, validate and trade machine-learning models (XGBoost, LIBLINEAR, LIBSVM)",
        details: """
        features SPY
        model fit m kind xgboost on SPY label sign horizon 5     fit on every usable row
        model validate m                 purged 5-fold: accuracy, base rate, AUC, CI, p-value
        model validate m compare leaky   beside it, what a shuffled split and in-sample report
        model importance m               which features the model leans on
        model chart m calibration        the pictures: importance, calibration, folds, probability
        model save m                     into the store (model load m brings it back)
        backtest SPY model m             trade its out-of-sample predictions
        model                            the models of this session
        """,
        effect: .changesState,
        subcommands: [ModelList.spec, ModelFit.spec, ModelValidate.spec, ModelPredict.spec, ModelShow.spec, ModelImportance.spec,
                      ModelChart.spec, ModelSave.spec, ModelLoad.spec],
        defaultSubcommand: "list")
}

/// `model list`: the models of this session, one line each.
enum ModelList {
    static let spec = CommandSpec(
        name: "list", summary: "the models of this session", effect: .query, arguments: [],
        run: { c in
            let state = ModelsState.of(c)
            guard !state.models.isEmpty else {
                c.print("no models yet; fit one: model fit m kind xgboost on SPY label sign horizon 5")
                return
            }
            var t = TextTable(["model", "kind", "features", "label", "trained on"], alignment: .left)
            for key in state.models.keys.sorted() {
                guard let m = state.models[key] else { continue }
                t.add([m.name, m.config.kind.rawValue, "\(m.features.count) (\(m.featureSet))", m.label.description,
                       "\(m.symbol) \(ModelShow.range(m)), \(m.rows) rows"])
            }
            c.print(table: t)
        })
}
