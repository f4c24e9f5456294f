import TapeCore

/// A fitted model with what it was fitted on: the feature list (in order), the label,
/// the symbol and bars. What `model fit` makes, `model save` stores and `model load`
/// brings back.
public struct TrainedModel: Sendable {
    public var name: String
    public var model: FittedModel
    /// The set the features came from (`all`, `core`, a family, `leaky`).
    public var featureSet: String
    public var label: LabelSpec
    public var symbol: String
    /// First and last bar time of the training rows, and how many rows.
    public var trainedFrom: Int64
    public var trainedTo: Int64
    public var rows: Int

    public init(name: String, model: FittedModel, featureSet: String, label: LabelSpec, symbol: String,
                trainedFrom: Int64, trainedTo: Int64, rows: Int) {
        self.name = name
        self.model = model
        self.featureSet = featureSet
        self.label = label
        self.symbol = symbol
        self.trainedFrom = trainedFrom
        self.trainedTo = trainedTo
        self.rows = rows
    }

    public var features: [String] { model.featureNames }
    public var config: ModelConfig { model.config }

    /// The feature definitions the model reads, from the catalogue (or the leaky set).
    public func featureSpecs() throws -> [FeatureSpec] {
        try features.map { n in
            guard let f = FeatureCatalogue.named(n) ?? LeakyFeatures.all.first(where: { $0.name == n }) else {
                throw ModelError.corrupt("the model reads a feature this Tape does not have: '\(n)'")
            }
            return f
        }
    }

    /// Fits `config` on every usable labelled row of `matrix`.
    public static func fit(name: String, matrix: FeatureMatrix, label: LabelSpec, config: ModelConfig,
                           cancel: (@Sendable () -> Bool)? = nil) throws -> (TrainedModel, LearningSet) {
        let set = try LearningSet.make(matrix, label: label)
        if config.kind.scalesFeatures || config.members.contains(where: \.scalesFeatures),
           let bad = DesignCheck.singularColumn(set.x, rows: set.count, cols: set.names.count, names: set.names) {
            throw ModelError.singular("the design matrix is singular: \(bad)")
        }
        let fitted = try Trainer.fit(config, x: set.x, rows: set.count, names: set.names, y: set.y, cancel: cancel)
        let first = set.bars.first ?? 0, last = set.bars.last ?? 0
        return (TrainedModel(name: name, model: fitted, featureSet: matrix.set, label: label, symbol: matrix.symbol,
                             trainedFrom: matrix.time[first], trainedTo: matrix.time[last], rows: set.count), set)
    }
}
