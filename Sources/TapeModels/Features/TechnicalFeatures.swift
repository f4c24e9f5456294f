import Foundation
import TapeCore

/// The indicator catalogue at its standard parameters, each made scale-free (oscillators
/// to 0..1 or -1..1, price-like lines as a log distance from the close), so a model
/// trained on one price level applies at another. The warm-up is the catalogue's own
/// lookback for those parameters.
enum TechnicalFeatures {
    static let all: [FeatureSpec] = [
        scaled("rsi_14", "rsi", [14], by: 100, "relative strength index (14), 0 to 1"),
        scaled("rsi_2", "rsi", [2], by: 100, "relative strength index (2), 0 to 1: very short-term overbought/oversold"),
        scaled("rsi_28", "rsi", [28], by: 100, "relative strength index (28), 0 to 1"),
        perClose("macd", "macd", [12, 26, 9], output: 0, "MACD line (12, 26, 9) over the close"),
        perClose("macd_hist", "macd", [12, 26, 9], output: 2, "MACD histogram (12, 26, 9) over the close"),
        scaled("stoch_k_14", "stoch", [14, 3, 3], output: 0, by: 100, "slow stochastic %K (14, 3, 3), 0 to 1"),
        scaled("stoch_d_14", "stoch", [14, 3, 3], output: 1, by: 100, "slow stochastic %D (14, 3, 3), 0 to 1"),
        scaled("stochrsi_14", "stochrsi", [14, 14, 3], output: 0, by: 100, "stochastic RSI %K (14, 14, 3), 0 to 1"),
        scaled("willr_14", "willr", [14], by: 100, "Williams %R (14), -1 to 0"),
        scaled("cci_20", "cci", [20], by: 100, "commodity channel index (20), in hundreds"),
        scaled("ultosc", "ultosc", [7, 14, 28], by: 100, "ultimate oscillator (7, 14, 28), 0 to 1"),
        scaled("aroon_down_25", "aroon", [25], output: 0, by: 100, "Aroon down (25), 0 to 1"),
        scaled("aroon_up_25", "aroon", [25], output: 1, by: 100, "Aroon up (25), 0 to 1"),
        perClose("apo_12_26", "apo", [12, 26, 0], output: 0, "absolute price oscillator (12, 26) over the close"),
        scaled("ppo_12_26", "ppo", [12, 26], by: 100, "percentage price oscillator (12, 26), as a fraction"),
        scaled("roc_10", "rocp", [10], by: 1, "rate of change over 10 bars, as a fraction"),
        scaled("adx_14", "adx", [14], by: 100, "average directional index (14): trend strength, 0 to 1"),
        scaled("plus_di_14", "plus_di", [14], by: 100, "plus directional indicator (14), 0 to 1"),
        scaled("minus_di_14", "minus_di", [14], by: 100, "minus directional indicator (14), 0 to 1"),
        scaled("adxr_14", "adxr", [14], by: 100, "ADX rating (14), 0 to 1"),
        scaled("dx_14", "dx", [14], by: 100, "directional movement index (14), 0 to 1"),
        scaled("trix_15", "trix", [15], by: 100, "TRIX (15): one-bar change of a triple EMA, as a fraction"),
        scaled("natr_14", "natr", [14], by: 100, "normalised average true range (14), as a fraction of the close"),
        distance("kama_dist_10", "kama", [10], "close against Kaufman's adaptive moving average (10)"),
        distance("ema_dist_12", "ema", [12], "close against its 12-bar EMA"),
        distance("ema_dist_26", "ema", [26], "close against its 26-bar EMA"),
        distance("ema_dist_50", "ema", [50], "close against its 50-bar EMA"),
        distance("wma_dist_20", "wma", [20], "close against its 20-bar weighted moving average"),
        distance("hma_dist_20", "hma", [20], "close against its 20-bar Hull moving average"),
        distance("dema_dist_20", "dema", [20], "close against its 20-bar double EMA"),
        distance("tema_dist_20", "tema", [20], "close against its 20-bar triple EMA"),
        distance("t3_dist_5", "t3", [5], "close against the T3 moving average (5)"),
        distance("midpoint_dist_14", "midpoint", [14], "close against the 14-bar midpoint of closes"),
        distance("midprice_dist_14", "midprice", [14], "close against the 14-bar midpoint of highs and lows"),
        distance("sar_dist", "sar", [0.02, 0.2], "close against the parabolic SAR (0.02, 0.2): positive in an up-trend"),
        // The catalogue's ichimoku lookback is that of its earliest output; each line starts
        // after its own window (9 and 26 bars).
        distance("tenkan_dist", "ichimoku", [9, 26, 52, 26], output: 0, warmup: 8, "close against the Ichimoku conversion line (9)"),
        distance("kijun_dist", "ichimoku", [9, 26, 52, 26], output: 1, warmup: 25, "close against the Ichimoku base line (26)"),
        position("bb_pctb_20", "bbands", [20, 2, 2], upper: 0, lower: 2, "position in the Bollinger bands (20, 2): 0 lower, 1 upper"),
        position("keltner_pos_20", "keltner", [20, 2, 10], upper: 0, lower: 2, "position in the Keltner channel (20, 2, 10): 0 lower, 1 upper"),
        position("donchian_pos_20", "donchian", [20], upper: 0, lower: 2, "position in the 20-bar Donchian channel: 0 lowest low, 1 highest high"),
        FeatureSpec("bb_width_20", .technical, "Bollinger band width (20, 2) over the middle band", "(upper - lower) / middle of bbands(close, 20, 2, 2)",
                    warmup: lookback("bbands", [20, 2, 2])) { x in
            let b = x.indicator("bbands", [20, 2, 2])
            return Column.zip(Column.zip(b[0], b[2]) { $0 - $1 }, b[1]) { w, m in m != 0 ? w / m : .nan }
        },
        FeatureSpec("supertrend_dir", .technical, "SuperTrend direction (10, 3): 1 up-trend, -1 down-trend", "supertrend(10, 3).direction",
                    warmup: lookback("supertrend", [10, 3])) { x in
            x.indicator("supertrend", [10, 3], output: 1)
        },
    ]

    static func lookback(_ name: String, _ params: [Double]) -> Int {
        guard let spec = IndicatorCatalogue.named(name), let p = try? IndicatorCatalogue.resolve(spec, positional: params, keyword: [:])
        else { return 0 }
        return spec.lookback(p, .talib)
    }

    static func formula(_ name: String, _ params: [Double]) -> String {
        let shown = params.map { Format.number($0) }.joined(separator: ", ")
        return "\(name)(\(shown))" + (IndicatorCatalogue.named(name).map { ": " + $0.formula } ?? "")
    }

    static func scaled(_ feature: String, _ name: String, _ params: [Double], output: Int = 0, by k: Double, _ summary: String) -> FeatureSpec {
        FeatureSpec(feature, .technical, summary, formula(name, params) + (k == 1 ? "" : " (divided by \(Format.number(k)))"),
                    warmup: lookback(name, params)) { x in
            let v = x.indicator(name, params, output: output)
            return k == 1 ? v : Column.map(v) { $0 / k }
        }
    }

    static func perClose(_ feature: String, _ name: String, _ params: [Double], output: Int, _ summary: String) -> FeatureSpec {
        FeatureSpec(feature, .technical, summary, formula(name, params) + " / close", warmup: lookback(name, params)) { x in
            Column.zip(x.indicator(name, params, output: output), x.close) { v, c in c != 0 ? v / c : .nan }
        }
    }

    static func distance(_ feature: String, _ name: String, _ params: [Double], output: Int = 0, warmup: Int? = nil,
                         _ summary: String) -> FeatureSpec {
        FeatureSpec(feature, .technical, summary, "ln(close / \(name)) with " + formula(name, params),
                    warmup: warmup ?? lookback(name, params)) { x in
            Column.zip(x.close, x.indicator(name, params, output: output)) { c, m in c > 0 && m > 0 ? log(c / m) : .nan }
        }
    }

    static func position(_ feature: String, _ name: String, _ params: [Double], upper: Int, lower: Int, _ summary: String) -> FeatureSpec {
        FeatureSpec(feature, .technical, summary, "(close - lower) / (upper - lower), 0.5 when they meet; " + formula(name, params),
                    warmup: lookback(name, params)) { x in
            let b = x.indicator(name, params)
            var out = Rolling.nans(x.count)
            guard upper < b.count, lower < b.count else { return out }
            for i in 0..<x.count where !b[upper][i].isNaN && !b[lower][i].isNaN && !x.close[i].isNaN {
                let w = b[upper][i] - b[lower][i]
                out[i] = w > 0 ? (x.close[i] - b[lower][i]) / w : 0.5
            }
            return out
        }
    }
}
