import Foundation
import TapeCore
import TapeModels

/// `features [SYMBOL] [set NAME] [as NAME]`: the feature matrix of a loaded dataset.
/// Every feature is computed from its bar and earlier bars only (docs/MODELS.md);
/// `export features to FILE` writes the matrix, `help feature NAME` explains a column.
enum FeaturesCommand: Command {
    static let spec = CommandSpec(
        name: "features",
        summary: "build the feature matrix of a dataset (\(FeatureCatalogue.all.count) features in 7 families)",
        details: """
        features SPY                 every feature of SPY, kept as the matrix SPY
        features SPY set core as f   the compact set, kept as f
        features SPY set momentum    one family: price, volume, technical, statistical,
                                     volatility, regime, pattern
        export features to "f.csv"   the last matrix built, one column per feature
        help feature rsi_14          what one feature measures and how
        Rows in a feature's warm-up (NaN) are counted and left out of every fit. A feature
        with no value anywhere, or one value throughout (volume of an index), is left out
        of the matrix with a note. The set `leaky` holds three features that look ahead on
        purpose, for lesson 20; never fit a model you mean to trade on it.
        """,
        effect: .changesState,
        options: [.choice("set", FeatureCatalogue.setNames, "which features (default all)"),
                  .word("as", "name the matrix (default: the dataset's name)")],
        arguments: [ArgumentSpec("SYMBOL", .word, optional: true, help: "a loaded dataset (default: the current one)",
                                 completions: { $0.workspace.datasetOrder })],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.dataset(named: c.positionals.first)
        let setName = c.text("set") ?? "all"
        let matrix = try build(d, set: setName, c)
        let state = ModelsState.of(c)
        let name = (c.text("as") ?? d.name).uppercased()
        state.matrices[name] = matrix.matrix
        state.lastMatrix = name
        for line in matrix.notes { c.print(line) }
    }

    /// The matrix of `d` over a set, without uninformative features, and the lines that
    /// describe it.
    static func build(_ d: Dataset, set setName: String, _ c: CommandContext) throws -> (matrix: FeatureMatrix, notes: [String]) {
        guard let specs = FeatureCatalogue.set(setName) else {
            throw TapeError("no feature set '\(setName)'", span: c.optionSpan("set"), hint: "sets: " + FeatureCatalogue.setNames.joined(separator: ", "))
        }
        var matrix = try c.modelCall(c.span) {
            try FeatureMatrix.build(d.bars, features: specs, set: setName, cancel: Interrupts.cancelCheck)
        }
        var notes: [String] = []
        let dropped = matrix.uninformative()
        if !dropped.isEmpty {
            matrix = matrix.dropping(Set(dropped))
            notes.append("left out \(dropped.count) feature\(dropped.count == 1 ? "" : "s") with no information in \(d.name) (no value, or the same value throughout): "
                         + Self.list(dropped))
        }
        guard matrix.featureCount > 0 else {
            throw TapeError("no feature of set '\(setName)' has information in \(d.name)", span: c.span)
        }
        let u = matrix.usableRows()
        notes.insert("\(d.name) features (\(setName)): \(matrix.featureCount) features × \(matrix.rowCount) bars; "
                     + "\(u.rows.count) usable rows (dropped \(u.warmup) warm-up rows (NaN)"
                     + (u.missing > 0 ? ", \(u.missing) with a missing value" : "") + ")", at: 0)
        if setName == "leaky" {
            notes.append("warning: these features look ahead on purpose (lesson 20); any accuracy they score is not real")
        }
        return (matrix, notes)
    }

    static func list(_ names: [String], limit: Int = 8) -> String {
        names.count <= limit ? names.joined(separator: ", ") : names.prefix(limit).joined(separator: ", ") + ", ... (\(names.count - limit) more)"
    }

    /// `export features to FILE`: the last matrix, a date column then one per feature.
    static var exporter: ExporterSpec {
        ExporterSpec(
            name: "features", example: "features.csv", summary: "the last feature matrix built (date, then one column per feature)",
            render: { c, _ in
                let state = ModelsState.of(c)
                guard let name = state.lastMatrix, let m = state.matrices[name] else {
                    throw TapeError("no feature matrix yet", span: c.span, hint: "build one first: features SPY")
                }
                return CSVWriter.write(times: m.time, columns: zip(m.names, m.columns).map { (name: $0.0, values: $0.1) })
            })
    }
}
