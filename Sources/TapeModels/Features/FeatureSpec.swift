import TapeCore

/// The families the catalogue is grouped in (docs/MODELS.md lists every feature).
public enum FeatureFamily: String, CaseIterable, Sendable {
    case price, volume, technical, statistical, volatility, regime, pattern
}

/// One feature: a number per bar computed from that bar and earlier bars only.
///
/// `warmup` is declared, not inferred: the index of the first bar with a value on clean
/// data (every bar before it is NaN). A test checks it against the computed column for
/// every feature, and another that no value depends on a later bar.
public struct FeatureSpec: Sendable {
    public let name: String
    public let family: FeatureFamily
    /// One line: what it measures.
    public let summary: String
    /// How, in symbols, for `help feature NAME`.
    public let formula: String
    public let warmup: Int
    let compute: @Sendable (FeatureInputs) -> [Double]

    init(_ name: String, _ family: FeatureFamily, _ summary: String, _ formula: String, warmup: Int,
         _ compute: @escaping @Sendable (FeatureInputs) -> [Double]) {
        self.name = name
        self.family = family
        self.summary = summary
        self.formula = formula
        self.warmup = warmup
        self.compute = compute
    }

    /// The column for `bars` (one value per bar, NaN in the warm-up).
    public func values(_ bars: Bars) -> [Double] { compute(FeatureInputs(bars)) }
    public func values(_ inputs: FeatureInputs) -> [Double] { compute(inputs) }
}
