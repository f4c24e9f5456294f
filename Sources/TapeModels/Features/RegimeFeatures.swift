import Foundation

/// The state the market is in, by causal rules: trend (above the 200-bar average, the
/// 50/200 cross, momentum), volatility (where today's volatility ranks in the past year),
/// drawdown and choppiness. `bull_200` is also what validation splits accuracy by.
enum RegimeFeatures {
    static let all: [FeatureSpec] = [
        FeatureSpec("bull_200", .regime, "1 above the 200-bar moving average (a bull market), 0 below", "close > sma(close, 200)",
                    warmup: 199) { x in Column.zip(x.close, x.sma(200)) { c, m in c > m ? 1 : 0 } },
        FeatureSpec("golden_50_200", .regime, "1 while the 50-bar average is above the 200-bar one", "sma(close, 50) > sma(close, 200)",
                    warmup: 199) { x in Column.zip(x.sma(50), x.sma(200)) { a, b in a > b ? 1 : 0 } },
        FeatureSpec("trend_20_50", .regime, "1 while the 20-bar average is above the 50-bar one", "sma(close, 20) > sma(close, 50)",
                    warmup: 49) { x in Column.zip(x.sma(20), x.sma(50)) { a, b in a > b ? 1 : 0 } },
        FeatureSpec("trending_adx", .regime, "1 while ADX(14) is above 25 (a trending market)", "adx(14) > 25",
                    warmup: TechnicalFeatures.lookback("adx", [14])) { x in
            Column.map(x.indicator("adx", [14])) { $0 > 25 ? 1 : 0 }
        },
        FeatureSpec("vol_rank_250", .regime, "where 20-bar volatility ranks among the last 250 bars (0 calmest, 1 wildest)",
                    "share of the previous 249 values of std(ret_1, 20) below today's", warmup: 269) { x in
            volRank(x)
        },
        FeatureSpec("high_vol", .regime, "1 when 20-bar volatility is in the top fifth of the past 250 bars", "vol_rank_250 > 0.8",
                    warmup: 269) { x in Column.map(volRank(x)) { $0 > 0.8 ? 1 : 0 } },
        FeatureSpec("drawdown_250", .regime, "close below its 250-bar highest close", "close / max(close, 250) - 1", warmup: 249) { x in
            Column.ratio(x.close, Rolling.rollingMax(x.close, 250))
        },
        FeatureSpec("bear_250", .regime, "1 in a bear market: more than 20% below the 250-bar highest close", "drawdown_250 < -0.2",
                    warmup: 249) { x in
            Column.map(Column.ratio(x.close, Rolling.rollingMax(x.close, 250))) { $0 < -0.2 ? 1 : 0 }
        },
        FeatureSpec("since_high_250", .regime, "bars since the 250-bar highest close, as a share of 250", "bars_since(max(close, 250)) / 250",
                    warmup: 249) { x in Column.map(Rolling.barsSinceMax(x.close, 250)) { $0 / 250 } },
        FeatureSpec("momentum_12_1", .regime, "12-month momentum skipping the last month", "ln(close[21] / close[252])",
                    warmup: 252) { x in
            Column.zip(Rolling.lag(x.close, 21), Rolling.lag(x.close, 252)) { a, b in a > 0 && b > 0 ? log(a / b) : .nan }
        },
        FeatureSpec("efficiency_20", .regime, "Kaufman efficiency ratio: net move over path length, 20 bars (1 straight, 0 choppy)",
                    "|close - close[20]| / sum(|close - close[1]|, 20)", warmup: 20) { x in
            var step = Rolling.nans(x.count)
            for i in 1..<max(x.count, 1) { step[i] = abs(x.close[i] - x.close[i - 1]) }
            let path = Rolling.sum(step, 20)
            return Column.zip(Column.zip(x.close, Rolling.lag(x.close, 20)) { abs($0 - $1) }, path) { a, p in p > 0 ? a / p : 0 }
        },
        FeatureSpec("choppiness_14", .regime, "choppiness index (14): 1 sideways, near 0 trending", "log10(sum(tr, 14) / (max(high, 14) - min(low, 14))) / log10(14)",
                    warmup: 14) { x in
            let tr = Rolling.sum(x.trueRange, 14)
            return Column.zip(tr, Column.zip(x.highest(14), x.lowest(14)) { $0 - $1 }) { s, w in
                w > 0 && s > 0 ? log10(s / w) / log10(14) : .nan
            }
        },
        FeatureSpec("sma200_slope_20", .regime, "change of the 200-bar average over 20 bars", "ln(sma(close, 200) / sma(close, 200)[20])",
                    warmup: 219) { x in
            Column.zip(x.sma(200), Rolling.lag(x.sma(200), 20)) { a, b in a > 0 && b > 0 ? log(a / b) : .nan }
        },
    ]

    static func volRank(_ x: FeatureInputs) -> [Double] {
        x.cached("volrank250") { Rolling.percentileRank(x.returnStd(20), 250) }
    }
}
