import TapeCore

/// Every feature, by family, and the named sets `features SYMBOL set NAME` builds.
///
/// Each feature's value at bar t is computed from bars 0...t only (the look-ahead test in
/// Tests/TapeModelsTests proves it for every entry), so a matrix row is what was known
/// at that bar's close.
public enum FeatureCatalogue {
    public static let all: [FeatureSpec] =
        PriceFeatures.all + VolumeFeatures.all + TechnicalFeatures.all + StatisticalFeatures.all
        + VolatilityFeatures.all + RegimeFeatures.all + PatternFeatures.all

    private static let byName: [String: FeatureSpec] = {
        var table: [String: FeatureSpec] = [:]
        for f in all { table[f.name] = f }
        return table
    }()

    public static func named(_ name: String) -> FeatureSpec? { byName[name.lowercased()] }

    public static var names: [String] { all.map(\.name) }

    /// A compact set of widely used features, one or two per family.
    public static let core = [
        "ret_1", "ret_5", "ret_20", "ret_60", "gap", "range", "dist_sma_20", "dist_sma_200", "dist_high_250",
        "rel_volume_20", "obv_slope_20", "vwap_dist_20", "rsi_14", "macd_hist", "stoch_k_14", "adx_14", "bb_pctb_20",
        "zscore_close_60", "skew_60", "autocorr_1_60", "vol_cc_20", "vol_yz_20", "vol_ratio_10_60",
        "bull_200", "vol_rank_250", "drawdown_250",
    ]

    /// Set names: `all`, `core`, each family, and `leaky` (the deliberately wrong set the
    /// validation lesson uses: `LeakyFeatures`).
    public static var setNames: [String] { ["all", "core"] + FeatureFamily.allCases.map(\.rawValue) + ["leaky"] }

    /// The features of a set, in catalogue order; nil for an unknown name.
    public static func set(_ name: String) -> [FeatureSpec]? {
        switch name.lowercased() {
        case "all": return all
        case "core": return core.compactMap(named)
        case "leaky": return LeakyFeatures.all
        case let n:
            guard let family = FeatureFamily(rawValue: n) else { return nil }
            return all.filter { $0.family == family }
        }
    }
}
