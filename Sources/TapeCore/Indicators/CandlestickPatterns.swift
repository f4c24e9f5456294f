/// TA-Lib's one- and two-candle patterns beyond CandlestickIndicators' first sixteen, with
/// TA-Lib's rules and default candle settings (ta_CDL*.c). Each is judged on its own bars;
/// like TA-Lib, none looks at the trend before it.
enum CandlestickPatterns: CandlePatternTable {
    static let all: [IndicatorSpec] = [
        pattern("cdlbelthold", "belt hold: a long candle opening at its extreme", "body > BodyLong avg; white with no lower shadow (< ShadowVeryShort avg) or black with no upper shadow",
                10, [], [(S.bodyLong, 0), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            c.body(i) > a[0][i] && ((c.color(i) == 1 && c.lowerShadow(i) < a[1][i]) || (c.color(i) == -1 && c.upperShadow(i) < a[1][i]))
                ? Double(c.color(i)) * 100 : 0
        },
        pattern("cdlclosingmarubozu", "closing marubozu: a long candle closing at its extreme", "body > BodyLong avg; white with no upper shadow or black with no lower shadow",
                10, [], [(S.bodyLong, 0), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            c.body(i) > a[0][i] && ((c.color(i) == 1 && c.upperShadow(i) < a[1][i]) || (c.color(i) == -1 && c.lowerShadow(i) < a[1][i]))
                ? Double(c.color(i)) * 100 : 0
        },
        pattern("cdlhighwave", "high-wave candle: small body, very long shadows", "body < BodyShort avg; both shadows > ShadowVeryLong (2 × body)",
                10, [], [(S.bodyShort, 0), (S.shadowVeryLong, 0)]) { c, i, a, _ in
            c.body(i) < a[0][i] && c.upperShadow(i) > a[1][i] && c.lowerShadow(i) > a[1][i] ? Double(c.color(i)) * 100 : 0
        },
        pattern("cdllongleggeddoji", "long-legged doji", "body <= BodyDoji avg; one shadow > ShadowLong (the body)",
                10, [], [(S.bodyDoji, 0), (S.shadowLong, 0)]) { c, i, a, _ in
            c.body(i) <= a[0][i] && (c.lowerShadow(i) > a[1][i] || c.upperShadow(i) > a[1][i]) ? 100 : 0
        },
        pattern("cdllongline", "long line candle", "body > BodyLong avg; both shadows < ShadowShort avg",
                10, [], [(S.bodyLong, 0), (S.shadowShort, 0)]) { c, i, a, _ in
            c.body(i) > a[0][i] && c.upperShadow(i) < a[1][i] && c.lowerShadow(i) < a[1][i] ? Double(c.color(i)) * 100 : 0
        },
        pattern("cdlrickshawman", "rickshaw man: a long-legged doji with its body near the middle of the range", "body <= BodyDoji avg; both shadows > ShadowLong; body within Near avg of the range's midpoint",
                10, [], [(S.bodyDoji, 0), (S.shadowLong, 0), (S.near, 0)]) { c, i, a, _ in
            let mid = c.low[i] + c.range(i) / 2
            return c.body(i) <= a[0][i] && c.lowerShadow(i) > a[1][i] && c.upperShadow(i) > a[1][i]
                && c.bodyBottom(i) <= mid + a[2][i] && c.bodyTop(i) >= mid - a[2][i] ? 100 : 0
        },
        pattern("cdlshortline", "short line candle", "body < BodyShort avg; both shadows < ShadowShort avg",
                10, [], [(S.bodyShort, 0), (S.shadowShort, 0)]) { c, i, a, _ in
            c.body(i) < a[0][i] && c.upperShadow(i) < a[1][i] && c.lowerShadow(i) < a[1][i] ? Double(c.color(i)) * 100 : 0
        },
        pattern("cdlspinningtop", "spinning top: small body, shadows longer than it", "body < BodyShort avg; both shadows > body",
                10, [], [(S.bodyShort, 0)]) { c, i, a, _ in
            c.body(i) < a[0][i] && c.upperShadow(i) > c.body(i) && c.lowerShadow(i) > c.body(i) ? Double(c.color(i)) * 100 : 0
        },
        pattern("cdltakuri", "takuri: a dragonfly doji with a very long lower shadow", "body <= BodyDoji avg; upper shadow < ShadowVeryShort avg; lower shadow > ShadowVeryLong",
                10, [], [(S.bodyDoji, 0), (S.shadowVeryShort, 0), (S.shadowVeryLong, 0)]) { c, i, a, _ in
            c.body(i) <= a[0][i] && c.upperShadow(i) < a[1][i] && c.lowerShadow(i) > a[2][i] ? 100 : 0
        },
        pattern("cdlcounterattack", "counterattack: opposite long candles closing at the same level", "long bodies of opposite colour; close within Equal avg of the prior close",
                11, [], [(S.bodyLong, 1), (S.bodyLong, 0), (S.equal, 1)]) { c, i, a, _ in
            c.color(i - 1) == -c.color(i) && c.body(i - 1) > a[0][i] && c.body(i) > a[1][i]
                && c.close[i] <= c.close[i - 1] + a[2][i] && c.close[i] >= c.close[i - 1] - a[2][i] ? Double(c.color(i)) * 100 : 0
        },
        pattern("cdldojistar", "doji star: a doji gapping away from a long candle", "prior body > BodyLong avg; body <= BodyDoji avg; body gaps beyond the prior body in its direction",
                11, [], [(S.bodyLong, 1), (S.bodyDoji, 0)]) { c, i, a, _ in
            c.body(i - 1) > a[0][i] && c.body(i) <= a[1][i]
                && ((c.color(i - 1) == 1 && c.bodyGapUp(i, i - 1)) || (c.color(i - 1) == -1 && c.bodyGapDown(i, i - 1)))
                ? Double(-c.color(i - 1)) * 100 : 0
        },
        pattern("cdlharamicross", "harami cross: a doji inside the prior long body", "prior body > BodyLong avg; body <= BodyDoji avg; inside the prior body: -colour(prior) × 100 (strictly) or × 80",
                11, [], [(S.bodyLong, 1), (S.bodyDoji, 0)]) { c, i, a, _ in
            guard c.body(i - 1) > a[0][i] && c.body(i) <= a[1][i] else { return 0 }
            if c.bodyTop(i) < c.bodyTop(i - 1) && c.bodyBottom(i) > c.bodyBottom(i - 1) { return Double(-c.color(i - 1)) * 100 }
            if c.bodyTop(i) <= c.bodyTop(i - 1) && c.bodyBottom(i) >= c.bodyBottom(i - 1) { return Double(-c.color(i - 1)) * 80 }
            return 0
        },
        pattern("cdlhomingpigeon", "homing pigeon: a short black body inside a long black one", "two black bars; first long, second short and inside the first's body",
                11, [], [(S.bodyLong, 1), (S.bodyShort, 0)]) { c, i, a, _ in
            c.color(i - 1) == -1 && c.color(i) == -1 && c.body(i - 1) > a[0][i] && c.body(i) <= a[1][i]
                && c.open[i] < c.open[i - 1] && c.close[i] > c.close[i - 1] ? 100 : 0
        },
        pattern("cdlinneck", "in-neck: a white bar opening below a long black one and closing just into it", "long black; white opening below its low, closing at or slightly above its close (Equal avg)",
                11, [], [(S.bodyLong, 1), (S.equal, 1)]) { c, i, a, _ in
            c.color(i - 1) == -1 && c.body(i - 1) > a[0][i] && c.color(i) == 1 && c.open[i] < c.low[i - 1]
                && c.close[i] <= c.close[i - 1] + a[1][i] && c.close[i] >= c.close[i - 1] ? -100 : 0
        },
        pattern("cdlonneck", "on-neck: a white bar opening below a long black one and closing at its low", "long black; white opening below its low, closing within Equal avg of that low",
                11, [], [(S.bodyLong, 1), (S.equal, 1)]) { c, i, a, _ in
            c.color(i - 1) == -1 && c.body(i - 1) > a[0][i] && c.color(i) == 1 && c.open[i] < c.low[i - 1]
                && c.close[i] <= c.low[i - 1] + a[1][i] && c.close[i] >= c.low[i - 1] - a[1][i] ? -100 : 0
        },
        pattern("cdlthrusting", "thrusting: a white bar closing into the lower half of a long black one", "long black; white opening below its low, closing above its close (Equal avg) but not past its midpoint",
                11, [], [(S.bodyLong, 1), (S.equal, 1)]) { c, i, a, _ in
            c.color(i - 1) == -1 && c.body(i - 1) > a[0][i] && c.color(i) == 1 && c.open[i] < c.low[i - 1]
                && c.close[i] > c.close[i - 1] + a[1][i] && c.close[i] <= c.close[i - 1] + c.body(i - 1) * 0.5 ? -100 : 0
        },
        pattern("cdlkicking", "kicking: two opposite marubozu with a gap between them", "two marubozu (body > BodyLong avg, shadows < ShadowVeryShort avg) of opposite colour; gap in the second's direction",
                11, [], [(S.bodyLong, 1), (S.bodyLong, 0), (S.shadowVeryShort, 1), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            kicking(c, i, a) ? Double(c.color(i)) * 100 : 0
        },
        pattern("cdlkickingbylength", "kicking, signed by the longer marubozu", "as cdlkicking; the sign is the colour of the longer of the two",
                11, [], [(S.bodyLong, 1), (S.bodyLong, 0), (S.shadowVeryShort, 1), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            kicking(c, i, a) ? Double(c.body(i) > c.body(i - 1) ? c.color(i) : c.color(i - 1)) * 100 : 0
        },
        pattern("cdlmatchinglow", "matching low: two black bars closing at the same level", "two black bars; the second closes within Equal avg of the first's close",
                6, [], [(S.equal, 1)]) { c, i, a, _ in
            c.color(i - 1) == -1 && c.color(i) == -1 && c.close[i] <= c.close[i - 1] + a[0][i] && c.close[i] >= c.close[i - 1] - a[0][i] ? 100 : 0
        },
        pattern("cdlseparatinglines", "separating lines: opposite candles opening at the same level", "opposite colours; open within Equal avg of the prior open; long second body opening at its extreme",
                11, [], [(S.equal, 1), (S.bodyLong, 0), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            c.color(i - 1) == -c.color(i) && c.open[i] <= c.open[i - 1] + a[0][i] && c.open[i] >= c.open[i - 1] - a[0][i]
                && c.body(i) > a[1][i]
                && ((c.color(i) == 1 && c.lowerShadow(i) < a[2][i]) || (c.color(i) == -1 && c.upperShadow(i) < a[2][i]))
                ? Double(c.color(i)) * 100 : 0
        },
    ]

    /// The two marubozu of opposite colour with a gap between them (CDLKICKING's test).
    static func kicking(_ c: Candles, _ i: Int, _ a: [[Double]]) -> Bool {
        c.color(i - 1) == -c.color(i)
            && c.body(i - 1) > a[0][i] && c.upperShadow(i - 1) < a[2][i] && c.lowerShadow(i - 1) < a[2][i]
            && c.body(i) > a[1][i] && c.upperShadow(i) < a[3][i] && c.lowerShadow(i) < a[3][i]
            && ((c.color(i - 1) == -1 && c.gapUp(i, i - 1)) || (c.color(i - 1) == 1 && c.gapDown(i, i - 1)))
    }
}
