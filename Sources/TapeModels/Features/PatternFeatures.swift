import Foundation
import TapeCore

/// Candlestick patterns: every `Pattern` entry of the indicator catalogue (TA-Lib's
/// definitions, so new ones join as the catalogue grows), scaled from ±100 to ±1, plus
/// bar-to-bar shapes the catalogue has no entry for.
enum PatternFeatures {
    static var all: [FeatureSpec] { candles + shapes }

    static let candles: [FeatureSpec] = IndicatorCatalogue.all.filter { $0.name.hasPrefix("cdl") }.map { spec in
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
