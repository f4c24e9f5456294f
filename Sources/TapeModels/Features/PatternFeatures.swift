import Foundation
import TapeCore

/// Candlestick patterns: sixteen classic entries of the indicator catalogue (TA-Lib's
/// definitions), scaled from ±100 to ±1, plus bar-to-bar shapes the catalogue has no entry
/// for. The list is fixed, not "every pattern the catalogue has": a feature set such as
/// `all` must name the same columns after the catalogue grows (a saved model is refitted
/// or checked against it), and most of TA-Lib's other 45 patterns are rare on daily bars
/// (eight never fire on twenty years of SPY).
enum PatternFeatures {
    static var all: [FeatureSpec] { candles + shapes }

    static let candleNames: Set<String> = [
        "cdl3blackcrows", "cdl3whitesoldiers", "cdldarkcloudcover", "cdldoji", "cdldragonflydoji", "cdlengulfing",
        "cdleveningstar", "cdlgravestonedoji", "cdlhammer", "cdlhangingman", "cdlharami", "cdlinvertedhammer",
        "cdlmarubozu", "cdlmorningstar", "cdlpiercing", "cdlshootingstar",
    ]

    static let candles: [FeatureSpec] = IndicatorCatalogue.all.filter { candleNames.contains($0.name) }.map { spec in
        let lookback = spec.lookback(spec.params.map(\.defaultValue), .talib)
        return FeatureSpec(spec.name, .pattern, spec.summary + " (+1 bullish, -1 bearish, 0 none)",
                           spec.formula + " (TA-Lib's value divided by 100)", warmup: lookback) { x in
            Column.map(x.indicator(spec.name)) { $0 / 100 }
        }
    }

    static let shapes: [FeatureSpec] = [
        shape("inside_bar", "1 when the bar's range lies inside the previous bar's", "high <= high[1] and low >= low[1]") { x, i in
            x.high[i] <= x.high[i - 1] && x.low[i] >= x.low[i - 1] ? 1 : 0
        },
        shape("outside_bar", "1 when the bar's range engulfs the previous bar's", "high > high[1] and low < low[1]") { x, i in
            x.high[i] > x.high[i - 1] && x.low[i] < x.low[i - 1] ? 1 : 0
        },
        shape("higher_high", "1 when the high exceeds the previous high", "high > high[1]") { x, i in x.high[i] > x.high[i - 1] ? 1 : 0 },
        shape("gap_up", "1 when the whole bar is above the previous high", "low > high[1]") { x, i in x.low[i] > x.high[i - 1] ? 1 : 0 },
        shape("gap_down", "1 when the whole bar is below the previous low", "high < low[1]") { x, i in x.high[i] < x.low[i - 1] ? 1 : 0 },
    ]

    static func shape(_ name: String, _ summary: String, _ formula: String,
                      _ f: @escaping @Sendable (FeatureInputs, Int) -> Double) -> FeatureSpec {
        FeatureSpec(name, .pattern, summary, formula, warmup: 1) { x in
            var out = Rolling.nans(x.count)
            for i in 1..<max(x.count, 1) {
                if x.high[i].isNaN || x.low[i].isNaN || x.high[i - 1].isNaN || x.low[i - 1].isNaN { continue }
                out[i] = f(x, i)
            }
            return out
        }
    }
}
