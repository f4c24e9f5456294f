/// TA-Lib candlestick patterns with TA-Lib's default candle settings (see `CandleSettings`).
/// Each outputs +100 (bullish), -100 (bearish), ±80 (a weaker form, where TA-Lib has one)
/// or 0; trend context is not considered, as in TA-Lib.
enum CandlestickIndicators {
    static let ohlc: [IndicatorInput] = [.open, .high, .low, .close]
    typealias S = CandleSetting

    /// A pattern judged at each bar i >= lookback by `rule`, given the candles and its averages.
    static func pattern(_ name: String, _ summary: String, _ formula: String, lookback: Int,
                        params: [IndicatorParam] = [],
                        averages: [(S, Int)],
                        _ rule: @escaping @Sendable (Candles, Int, [[Double]], [Double]) -> Double) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Pattern", summary: summary, formula: formula, inputs: ohlc,
            params: params, outputs: [name],
            conventionNote: "TA-Lib's definition and default candle settings; output NaN (TA-Lib: 0) inside the lookback.",
            lookback: { _ in lookback },
            kernel: { x, p, _ in
                let c = Candles(x)
                let avg = averages.map { c.averages($0.0, start: lookback, shift: $0.1) }
                var out = Kernels.nans(c.count)
                for i in lookback..<c.count { out[i] = rule(c, i, avg, p) }
                return [out]
            })
    }

    static let all: [IndicatorSpec] = [
        pattern("cdldoji", "doji: open and close (nearly) equal",
                "body <= 0.1 × mean range of the 10 prior bars", lookback: 10,
                averages: [(S.bodyDoji, 0)]) { c, i, a, _ in
            c.body(i) <= a[0][i] ? 100 : 0
        },
        pattern("cdlhammer", "hammer: small body near the low of the prior bar, long lower shadow",
                "body < BodyShort avg; lower shadow > body; upper shadow < ShadowVeryShort avg; body bottom <= prior low + Near avg",
                lookback: 11,
                averages: [(S.bodyShort, 0), (S.shadowLong, 0), (S.shadowVeryShort, 0), (S.near, 1)]) { c, i, a, _ in
            c.body(i) < a[0][i] && c.lowerShadow(i) > a[1][i] && c.upperShadow(i) < a[2][i]
                && c.bodyBottom(i) <= c.low[i - 1] + a[3][i] ? 100 : 0
        },
        pattern("cdlhangingman", "hanging man: hammer shape at or above the prior bar's high",
                "body < BodyShort avg; lower shadow > body; upper shadow < ShadowVeryShort avg; body bottom >= prior high - Near avg",
                lookback: 11,
                averages: [(S.bodyShort, 0), (S.shadowLong, 0), (S.shadowVeryShort, 0), (S.near, 1)]) { c, i, a, _ in
            c.body(i) < a[0][i] && c.lowerShadow(i) > a[1][i] && c.upperShadow(i) < a[2][i]
                && c.bodyBottom(i) >= c.high[i - 1] - a[3][i] ? -100 : 0
        },
        pattern("cdlinvertedhammer", "inverted hammer: small body gapping down, long upper shadow",
                "body < BodyShort avg; upper shadow > body; lower shadow < ShadowVeryShort avg; body gaps below the prior body",
                lookback: 11,
                averages: [(S.bodyShort, 0), (S.shadowLong, 0), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            c.body(i) < a[0][i] && c.upperShadow(i) > a[1][i] && c.lowerShadow(i) < a[2][i]
                && c.bodyGapDown(i, i - 1) ? 100 : 0
        },
        pattern("cdlshootingstar", "shooting star: small body gapping up, long upper shadow",
                "body < BodyShort avg; upper shadow > body; lower shadow < ShadowVeryShort avg; body gaps above the prior body",
                lookback: 11,
                averages: [(S.bodyShort, 0), (S.shadowLong, 0), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            c.body(i) < a[0][i] && c.upperShadow(i) > a[1][i] && c.lowerShadow(i) < a[2][i]
                && c.bodyGapUp(i, i - 1) ? -100 : 0
        },
        pattern("cdlengulfing", "engulfing: a body that engulfs the prior opposite-colour body",
                "±100 when both body ends are strictly beyond the prior body's, ±80 when one end is equal",
                lookback: 2, averages: []) { c, i, _, _ in
            let o = c.open, cl = c.close
            let bullish = c.color(i) == 1 && c.color(i - 1) == -1
                && ((cl[i] >= o[i - 1] && o[i] < cl[i - 1]) || (cl[i] > o[i - 1] && o[i] <= cl[i - 1]))
            let bearish = c.color(i) == -1 && c.color(i - 1) == 1
                && ((o[i] >= cl[i - 1] && cl[i] < o[i - 1]) || (o[i] > cl[i - 1] && cl[i] <= o[i - 1]))
            guard bullish || bearish else { return 0 }
            let strength = (o[i] != cl[i - 1] && cl[i] != o[i - 1]) ? 100.0 : 80.0
            return Double(c.color(i)) * strength
        },
        pattern("cdlmarubozu", "marubozu: long body with (almost) no shadows",
                "body > BodyLong avg; both shadows < ShadowVeryShort avg; sign = colour", lookback: 10,
                averages: [(S.bodyLong, 0), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            c.body(i) > a[0][i] && c.upperShadow(i) < a[1][i] && c.lowerShadow(i) < a[1][i] ? Double(c.color(i)) * 100 : 0
        },
        pattern("cdlharami", "harami: a short body inside the prior long body",
                "prior body > BodyLong avg; body <= BodyShort avg; inside the prior body: -colour(prior) × 100 (strictly) or × 80",
                lookback: 11,
                averages: [(S.bodyLong, 1), (S.bodyShort, 0)]) { c, i, a, _ in
            guard c.body(i - 1) > a[0][i] && c.body(i) <= a[1][i] else { return 0 }
            if c.bodyTop(i) < c.bodyTop(i - 1) && c.bodyBottom(i) > c.bodyBottom(i - 1) { return Double(-c.color(i - 1)) * 100 }
            if c.bodyTop(i) <= c.bodyTop(i - 1) && c.bodyBottom(i) >= c.bodyBottom(i - 1) { return Double(-c.color(i - 1)) * 80 }
            return 0
        },
        pattern("cdldragonflydoji", "dragonfly doji: doji with a long lower shadow and no upper shadow",
                "body <= BodyDoji avg; upper shadow < ShadowVeryShort avg; lower shadow > ShadowVeryShort avg", lookback: 10,
                averages: [(S.bodyDoji, 0), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            c.body(i) <= a[0][i] && c.upperShadow(i) < a[1][i] && c.lowerShadow(i) > a[1][i] ? 100 : 0
        },
        pattern("cdlgravestonedoji", "gravestone doji: doji with a long upper shadow and no lower shadow",
                "body <= BodyDoji avg; lower shadow < ShadowVeryShort avg; upper shadow > ShadowVeryShort avg", lookback: 10,
                averages: [(S.bodyDoji, 0), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            c.body(i) <= a[0][i] && c.lowerShadow(i) < a[1][i] && c.upperShadow(i) > a[1][i] ? 100 : 0
        },
        pattern("cdlpiercing", "piercing line: a white bar opening below the prior low, closing above the prior body's middle",
                "long black then long white; open < prior low; prior close < close < prior open; close > prior close + 0.5 × prior body",
                lookback: 11,
                averages: [(S.bodyLong, 1), (S.bodyLong, 0)]) { c, i, a, _ in
            c.color(i - 1) == -1 && c.body(i - 1) > a[0][i] && c.color(i) == 1 && c.body(i) > a[1][i]
                && c.open[i] < c.low[i - 1] && c.close[i] < c.open[i - 1]
                && c.close[i] > c.close[i - 1] + c.body(i - 1) * 0.5 ? 100 : 0
        },
        pattern("cdldarkcloudcover", "dark cloud cover: a black bar opening above the prior high, closing deep into the prior white body",
                "long white then black; open > prior high; prior open < close < prior close - penetration × prior body",
                lookback: 11,
                params: [.real("penetration", 0.5, min: 0, max: 1e6, help: "fraction of the prior body to close into")],
                averages: [(S.bodyLong, 1)]) { c, i, a, p in
            c.color(i - 1) == 1 && c.body(i - 1) > a[0][i] && c.color(i) == -1 && c.open[i] > c.high[i - 1]
                && c.close[i] > c.open[i - 1] && c.close[i] < c.close[i - 1] - c.body(i - 1) * p[0] ? -100 : 0
        },
        pattern("cdlmorningstar", "morning star: long black, short body gapping down, white closing into the first",
                "body1 > BodyLong avg, black; body2 <= BodyShort avg, gaps below body1; body3 > BodyShort avg, white, close > close1 + penetration × body1",
                lookback: 12,
                params: [.real("penetration", 0.3, min: 0, max: 1e6, help: "fraction of the first body to close into")],
                averages: [(S.bodyLong, 2), (S.bodyShort, 1), (S.bodyShort, 0)]) { c, i, a, p in
            c.body(i - 2) > a[0][i] && c.color(i - 2) == -1
                && c.body(i - 1) <= a[1][i] && c.bodyGapDown(i - 1, i - 2)
                && c.body(i) > a[2][i] && c.color(i) == 1
                && c.close[i] > c.close[i - 2] + c.body(i - 2) * p[0] ? 100 : 0
        },
        pattern("cdleveningstar", "evening star: long white, short body gapping up, black closing into the first",
                "body1 > BodyLong avg, white; body2 <= BodyShort avg, gaps above body1; body3 > BodyShort avg, black, close < close1 - penetration × body1",
                lookback: 12,
                params: [.real("penetration", 0.3, min: 0, max: 1e6, help: "fraction of the first body to close into")],
                averages: [(S.bodyLong, 2), (S.bodyShort, 1), (S.bodyShort, 0)]) { c, i, a, p in
            c.body(i - 2) > a[0][i] && c.color(i - 2) == 1
                && c.body(i - 1) <= a[1][i] && c.bodyGapUp(i - 1, i - 2)
                && c.body(i) > a[2][i] && c.color(i) == -1
                && c.close[i] < c.close[i - 2] - c.body(i - 2) * p[0] ? -100 : 0
        },
        pattern("cdl3whitesoldiers", "three advancing white soldiers",
                "three white bars with short upper shadows, higher closes, each opening within or near the prior body, none far shorter, the last not short",
                lookback: 12,
                averages: [(S.shadowVeryShort, 2), (S.shadowVeryShort, 1), (S.shadowVeryShort, 0),
                           (S.near, 2), (S.near, 1), (S.far, 2), (S.far, 1), (S.bodyShort, 0)]) { c, i, a, _ in
            let o = c.open, cl = c.close
            return c.color(i - 2) == 1 && c.upperShadow(i - 2) < a[0][i]
                && c.color(i - 1) == 1 && c.upperShadow(i - 1) < a[1][i]
                && c.color(i) == 1 && c.upperShadow(i) < a[2][i]
                && cl[i] > cl[i - 1] && cl[i - 1] > cl[i - 2]
                && o[i - 1] > o[i - 2] && o[i - 1] <= cl[i - 2] + a[3][i]
                && o[i] > o[i - 1] && o[i] <= cl[i - 1] + a[4][i]
                && c.body(i - 1) > c.body(i - 2) - a[5][i]
                && c.body(i) > c.body(i - 1) - a[6][i]
                && c.body(i) > a[7][i] ? 100 : 0
        },
        pattern("cdl3blackcrows", "three black crows after a white bar",
                "white, then three black bars with short lower shadows, each opening within the prior body, declining closes, the first closing below the white bar's high",
                lookback: 13,
                averages: [(S.shadowVeryShort, 2), (S.shadowVeryShort, 1), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            let o = c.open, cl = c.close
            return c.color(i - 3) == 1
                && c.color(i - 2) == -1 && c.lowerShadow(i - 2) < a[0][i]
                && c.color(i - 1) == -1 && c.lowerShadow(i - 1) < a[1][i]
                && c.color(i) == -1 && c.lowerShadow(i) < a[2][i]
                && o[i - 1] < o[i - 2] && o[i - 1] > cl[i - 2]
                && o[i] < o[i - 1] && o[i] > cl[i - 1]
                && c.high[i - 3] > cl[i - 2]
                && cl[i - 2] > cl[i - 1] && cl[i - 1] > cl[i] ? -100 : 0
        },
    ]
}

/// The tables of patterns beyond CandlestickIndicators' first sixteen write each entry
/// positionally: `pattern(name, summary, formula, lookback, params, averages) { rule }`.
protocol CandlePatternTable {}

extension CandlePatternTable {
    typealias S = CandleSetting

    static func pattern(_ name: String, _ summary: String, _ formula: String, _ lookback: Int, _ params: [IndicatorParam],
                        _ averages: [(S, Int)],
                        _ rule: @escaping @Sendable (Candles, Int, [[Double]], [Double]) -> Double) -> IndicatorSpec {
        CandlestickIndicators.pattern(name, summary, formula, lookback: lookback, params: params, averages: averages, rule)
    }
}
