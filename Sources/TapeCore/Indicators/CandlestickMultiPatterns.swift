/// TA-Lib's patterns of three or more candles beyond CandlestickIndicators' first sixteen
/// (ta_CDL*.c), and the two Hikkake patterns, whose verdict can arrive up to three bars
/// after the setup.
enum CandlestickMultiPatterns: CandlePatternTable {
    static func penetration(_ value: Double) -> IndicatorParam {
        IndicatorParam.real("penetration", value, talib: "penetration", min: 0, max: 1e6, help: "fraction of the first body")
    }

    static let all: [IndicatorSpec] = [
        pattern("cdl2crows", "two crows: a gap up after a long white bar, then two black bars closing into it", "long white; black gapping up; black opening within the second body and closing within the first",
                12, [], [(S.bodyLong, 2)]) { c, i, a, _ in
            c.color(i - 2) == 1 && c.body(i - 2) > a[0][i] && c.color(i - 1) == -1 && c.bodyGapUp(i - 1, i - 2)
                && c.color(i) == -1 && c.open[i] < c.open[i - 1] && c.open[i] > c.close[i - 1]
                && c.close[i] > c.open[i - 2] && c.close[i] < c.close[i - 2] ? -100 : 0
        },
        pattern("cdl3inside", "three inside up/down: a harami confirmed by the third bar", "long body; short body inside it; third bar closing beyond the first's open, against its colour",
                12, [], [(S.bodyLong, 2), (S.bodyShort, 1)]) { c, i, a, _ in
            guard c.body(i - 2) > a[0][i] && c.body(i - 1) <= a[1][i]
                    && c.bodyTop(i - 1) < c.bodyTop(i - 2) && c.bodyBottom(i - 1) > c.bodyBottom(i - 2) else { return 0 }
            let first = c.color(i - 2)
            return (first == 1 && c.color(i) == -1 && c.close[i] < c.open[i - 2])
                || (first == -1 && c.color(i) == 1 && c.close[i] > c.open[i - 2]) ? Double(-first) * 100 : 0
        },
        pattern("cdl3linestrike", "three-line strike: three bars one way, a fourth engulfing all three", "three same-colour bars with higher (lower) closes, each opening near the prior body; a fourth opening beyond the third's close and closing beyond the first's open",
                8, [], [(S.near, 3), (S.near, 2)]) { c, i, a, _ in
            let o = c.open, cl = c.close
            guard c.color(i - 3) == c.color(i - 2) && c.color(i - 2) == c.color(i - 1) && c.color(i) == -c.color(i - 1),
                  o[i - 2] >= c.bodyBottom(i - 3) - a[0][i] && o[i - 2] <= c.bodyTop(i - 3) + a[0][i],
                  o[i - 1] >= c.bodyBottom(i - 2) - a[1][i] && o[i - 1] <= c.bodyTop(i - 2) + a[1][i] else { return 0 }
            if c.color(i - 1) == 1 {
                return cl[i - 1] > cl[i - 2] && cl[i - 2] > cl[i - 3] && o[i] > cl[i - 1] && cl[i] < o[i - 3] ? 100 : 0
            }
            return cl[i - 1] < cl[i - 2] && cl[i - 2] < cl[i - 3] && o[i] < cl[i - 1] && cl[i] > o[i - 3] ? -100 : 0
        },
        pattern("cdl3outside", "three outside up/down: an engulfing pattern confirmed by the third bar", "second bar engulfs the first's body against its colour; third closes beyond the second",
                3, [], []) { c, i, _, _ in
            let o = c.open, cl = c.close
            if c.color(i - 1) == 1 && c.color(i - 2) == -1 && cl[i - 1] > o[i - 2] && o[i - 1] < cl[i - 2] && cl[i] > cl[i - 1] { return 100 }
            if c.color(i - 1) == -1 && c.color(i - 2) == 1 && o[i - 1] > cl[i - 2] && cl[i - 1] < o[i - 2] && cl[i] < cl[i - 1] { return -100 }
            return 0
        },
        pattern("cdl3starsinsouth", "three stars in the south: three black bars of shrinking range", "long black with a long lower shadow; a smaller black inside its range with a lower shadow; a small black marubozu inside the second's range",
                12, [], [(S.bodyLong, 2), (S.shadowLong, 2), (S.shadowVeryShort, 1), (S.bodyShort, 0), (S.shadowVeryShort, 0)]) { c, i, a, _ in
            c.color(i - 2) == -1 && c.color(i - 1) == -1 && c.color(i) == -1
                && c.body(i - 2) > a[0][i] && c.lowerShadow(i - 2) > a[1][i]
                && c.body(i - 1) < c.body(i - 2) && c.open[i - 1] > c.close[i - 2] && c.open[i - 1] <= c.high[i - 2]
                && c.low[i - 1] < c.close[i - 2] && c.low[i - 1] >= c.low[i - 2] && c.lowerShadow(i - 1) > a[2][i]
                && c.body(i) < a[3][i] && c.lowerShadow(i) < a[4][i] && c.upperShadow(i) < a[4][i]
                && c.low[i] > c.low[i - 1] && c.high[i] < c.high[i - 1] ? 100 : 0
        },
        pattern("cdlabandonedbaby", "abandoned baby: a doji isolated by gaps between two opposite long bars", "long body; doji gapping away (shadows too); a body (> BodyShort avg) of the other colour gapping back and closing into the first by penetration",
                12, [penetration(0.3)], [(S.bodyLong, 2), (S.bodyDoji, 1), (S.bodyShort, 0)]) { c, i, a, p in
            guard c.body(i - 2) > a[0][i] && c.body(i - 1) <= a[1][i] && c.body(i) > a[2][i] else { return 0 }
            let bearish = c.color(i - 2) == 1 && c.color(i) == -1 && c.close[i] < c.close[i - 2] - c.body(i - 2) * p[0]
                && c.gapUp(i - 1, i - 2) && c.gapDown(i, i - 1)
            let bullish = c.color(i - 2) == -1 && c.color(i) == 1 && c.close[i] > c.close[i - 2] + c.body(i - 2) * p[0]
                && c.gapDown(i - 1, i - 2) && c.gapUp(i, i - 1)
            return bearish || bullish ? Double(c.color(i)) * 100 : 0
        },
        pattern("cdladvanceblock", "advance block: three white bars whose advance is running out", "three white bars, higher closes, each opening within or near the prior body; the first long with a short upper shadow; then shrinking bodies or long upper shadows",
                12, [], [(S.near, 2), (S.near, 1), (S.bodyLong, 2), (S.shadowShort, 2), (S.far, 2), (S.far, 1),
                         (S.shadowShort, 0), (S.shadowShort, 1), (S.shadowLong, 0)]) { c, i, a, _ in
            let o = c.open, cl = c.close
            guard c.color(i - 2) == 1 && c.color(i - 1) == 1 && c.color(i) == 1,
                  cl[i] > cl[i - 1] && cl[i - 1] > cl[i - 2],
                  o[i - 1] > o[i - 2] && o[i - 1] <= cl[i - 2] + a[0][i],
                  o[i] > o[i - 1] && o[i] <= cl[i - 1] + a[1][i],
                  c.body(i - 2) > a[2][i] && c.upperShadow(i - 2) < a[3][i] else { return 0 }
            let b0 = c.body(i), b1 = c.body(i - 1), b2 = c.body(i - 2)
            let blocked = (b1 < b2 - a[4][i] && b0 < b1 + a[1][i])
                || b0 < b1 - a[5][i]
                || (b0 < b1 && b1 < b2 && (c.upperShadow(i) > a[6][i] || c.upperShadow(i - 1) > a[7][i]))
                || (b0 < b1 && c.upperShadow(i) > a[8][i])
            return blocked ? -100 : 0
        },
        pattern("cdlbreakaway", "breakaway: a gap, a drift the same way, and a bar closing back into the gap", "long first bar; second gaps away; third and fourth extend; fifth of the other colour closes inside the gap",
                14, [], [(S.bodyLong, 4)]) { c, i, a, _ in
            let h = c.high, l = c.low, o = c.open, cl = c.close
            guard c.body(i - 4) > a[0][i], c.color(i - 4) == c.color(i - 3), c.color(i - 3) == c.color(i - 1),
                  c.color(i - 1) == -c.color(i) else { return 0 }
            if c.color(i - 4) == -1 && c.bodyGapDown(i - 3, i - 4) && h[i - 2] < h[i - 3] && l[i - 2] < l[i - 3]
                && h[i - 1] < h[i - 2] && l[i - 1] < l[i - 2] && cl[i] > o[i - 3] && cl[i] < cl[i - 4] { return 100 }
            if c.color(i - 4) == 1 && c.bodyGapUp(i - 3, i - 4) && h[i - 2] > h[i - 3] && l[i - 2] > l[i - 3]
                && h[i - 1] > h[i - 2] && l[i - 1] > l[i - 2] && cl[i] < o[i - 3] && cl[i] > cl[i - 4] { return -100 }
            return 0
        },
        pattern("cdlconcealbabyswall", "concealing baby swallow: four black bars, the last engulfing the third", "two black marubozu; a black bar gapping down with an upper shadow into the prior body; a black bar engulfing it, shadows included",
                13, [], [(S.shadowVeryShort, 3), (S.shadowVeryShort, 2), (S.shadowVeryShort, 1)]) { c, i, a, _ in
            c.color(i - 3) == -1 && c.color(i - 2) == -1 && c.color(i - 1) == -1 && c.color(i) == -1
                && c.lowerShadow(i - 3) < a[0][i] && c.upperShadow(i - 3) < a[0][i]
                && c.lowerShadow(i - 2) < a[1][i] && c.upperShadow(i - 2) < a[1][i]
                && c.bodyGapDown(i - 1, i - 2) && c.upperShadow(i - 1) > a[2][i] && c.high[i - 1] > c.close[i - 2]
                && c.high[i] > c.high[i - 1] && c.low[i] < c.low[i - 1] ? 100 : 0
        },
        pattern("cdleveningdojistar", "evening doji star: long white, a doji gapping up, black closing into the first", "body1 > BodyLong avg, white; doji (BodyDoji avg) gapping up; body3 > BodyShort avg, black, close < close1 - penetration × body1",
                12, [penetration(0.3)], [(S.bodyLong, 2), (S.bodyDoji, 1), (S.bodyShort, 0)]) { c, i, a, p in
            c.body(i - 2) > a[0][i] && c.color(i - 2) == 1 && c.body(i - 1) <= a[1][i] && c.bodyGapUp(i - 1, i - 2)
                && c.body(i) > a[2][i] && c.color(i) == -1 && c.close[i] < c.close[i - 2] - c.body(i - 2) * p[0] ? -100 : 0
        },
        pattern("cdlmorningdojistar", "morning doji star: long black, a doji gapping down, white closing into the first", "body1 > BodyLong avg, black; doji gapping down; body3 > BodyShort avg, white, close > close1 + penetration × body1",
                12, [penetration(0.3)], [(S.bodyLong, 2), (S.bodyDoji, 1), (S.bodyShort, 0)]) { c, i, a, p in
            c.body(i - 2) > a[0][i] && c.color(i - 2) == -1 && c.body(i - 1) <= a[1][i] && c.bodyGapDown(i - 1, i - 2)
                && c.body(i) > a[2][i] && c.color(i) == 1 && c.close[i] > c.close[i - 2] + c.body(i - 2) * p[0] ? 100 : 0
        },
        pattern("cdlgapsidesidewhite", "up/down-gap side-by-side white lines", "two white bars of similar size (Near avg) opening at the same level (Equal avg), both gapping away from the bar before",
                7, [], [(S.near, 1), (S.equal, 1)]) { c, i, a, _ in
            let up = c.bodyGapUp(i - 1, i - 2) && c.bodyGapUp(i, i - 2)
            let down = c.bodyGapDown(i - 1, i - 2) && c.bodyGapDown(i, i - 2)
            return (up || down) && c.color(i - 1) == 1 && c.color(i) == 1
                && c.body(i) >= c.body(i - 1) - a[0][i] && c.body(i) <= c.body(i - 1) + a[0][i]
                && c.open[i] >= c.open[i - 1] - a[1][i] && c.open[i] <= c.open[i - 1] + a[1][i]
                ? (c.bodyGapUp(i - 1, i - 2) ? 100 : -100) : 0
        },
        pattern("cdlidentical3crows", "identical three crows: three black bars, each opening at the prior close", "three black bars with very short lower shadows, declining closes, each opening within Equal avg of the prior close",
                12, [], [(S.shadowVeryShort, 2), (S.shadowVeryShort, 1), (S.shadowVeryShort, 0), (S.equal, 2), (S.equal, 1)]) { c, i, a, _ in
            let o = c.open, cl = c.close
            return c.color(i - 2) == -1 && c.lowerShadow(i - 2) < a[0][i]
                && c.color(i - 1) == -1 && c.lowerShadow(i - 1) < a[1][i]
                && c.color(i) == -1 && c.lowerShadow(i) < a[2][i]
                && cl[i - 2] > cl[i - 1] && cl[i - 1] > cl[i]
                && o[i - 1] <= cl[i - 2] + a[3][i] && o[i - 1] >= cl[i - 2] - a[3][i]
                && o[i] <= cl[i - 1] + a[4][i] && o[i] >= cl[i - 1] - a[4][i] ? -100 : 0
        },
        pattern("cdlladderbottom", "ladder bottom: three falling black bars, a fourth with an upper shadow, a white bar breaking out", "three black bars with lower opens and closes; black with an upper shadow; white opening above it and closing above its high",
                14, [], [(S.shadowVeryShort, 1)]) { c, i, a, _ in
            let o = c.open, cl = c.close
            return c.color(i - 4) == -1 && c.color(i - 3) == -1 && c.color(i - 2) == -1
                && o[i - 4] > o[i - 3] && o[i - 3] > o[i - 2] && cl[i - 4] > cl[i - 3] && cl[i - 3] > cl[i - 2]
                && c.color(i - 1) == -1 && c.upperShadow(i - 1) > a[0][i]
                && c.color(i) == 1 && o[i] > o[i - 1] && cl[i] > c.high[i - 1] ? 100 : 0
        },
        pattern("cdlmathold", "mat hold: a long white bar, three small reaction bars holding above it, a white breakout", "long white; a small black gapping up; two more small bars falling but above the first body less penetration; a white closing above the reaction's highs",
                14, [penetration(0.5)], [(S.bodyLong, 4), (S.bodyShort, 3), (S.bodyShort, 2), (S.bodyShort, 1)]) { c, i, a, p in
            let o = c.open, cl = c.close, h = c.high
            let floor = cl[i - 4] - c.body(i - 4) * p[0]
            return c.body(i - 4) > a[0][i] && c.body(i - 3) <= a[1][i] && c.body(i - 2) <= a[2][i] && c.body(i - 1) <= a[3][i]
                && c.color(i - 4) == 1 && c.color(i - 3) == -1 && c.color(i) == 1
                && c.bodyGapUp(i - 3, i - 4)
                && c.bodyBottom(i - 2) < cl[i - 4] && c.bodyBottom(i - 1) < cl[i - 4]
                && c.bodyBottom(i - 2) > floor && c.bodyBottom(i - 1) > floor
                && c.bodyTop(i - 2) < o[i - 3] && c.bodyTop(i - 1) < c.bodyTop(i - 2)
                && o[i] > cl[i - 1] && cl[i] > max(h[i - 3], h[i - 2], h[i - 1]) ? 100 : 0
        },
        pattern("cdlrisefall3methods", "rising/falling three methods", "long bar; three small bars of the other colour inside its range, drifting against it; a long bar of the first colour closing beyond its close",
                14, [], [(S.bodyLong, 4), (S.bodyShort, 3), (S.bodyShort, 2), (S.bodyShort, 1), (S.bodyLong, 0)]) { c, i, a, _ in
            let o = c.open, cl = c.close, h = c.high, l = c.low
            let k = Double(c.color(i - 4))
            guard c.body(i - 4) > a[0][i] && c.body(i - 3) < a[1][i] && c.body(i - 2) < a[2][i] && c.body(i - 1) < a[3][i]
                    && c.body(i) > a[4][i],
                  c.color(i - 4) == -c.color(i - 3) && c.color(i - 3) == c.color(i - 2) && c.color(i - 2) == c.color(i - 1)
                    && c.color(i - 1) == -c.color(i) else { return 0 }
            for j in (i - 3)...(i - 1) where !(c.bodyBottom(j) < h[i - 4] && c.bodyTop(j) > l[i - 4]) { return 0 }
            return cl[i - 2] * k < cl[i - 3] * k && cl[i - 1] * k < cl[i - 2] * k
                && o[i] * k > cl[i - 1] * k && cl[i] * k > cl[i - 4] * k ? 100 * k : 0
        },
        pattern("cdlstalledpattern", "stalled pattern: three white bars, the last small and riding the second's shoulder", "three white bars with higher closes; first two long, the second with a very short upper shadow opening near the first's body; the third small, opening near the second's close",
                12, [], [(S.bodyLong, 2), (S.bodyLong, 1), (S.shadowVeryShort, 1), (S.near, 2), (S.bodyShort, 0), (S.near, 1)]) { c, i, a, _ in
            let o = c.open, cl = c.close
            return c.color(i - 2) == 1 && c.color(i - 1) == 1 && c.color(i) == 1
                && cl[i] > cl[i - 1] && cl[i - 1] > cl[i - 2]
                && c.body(i - 2) > a[0][i] && c.body(i - 1) > a[1][i] && c.upperShadow(i - 1) < a[2][i]
                && o[i - 1] > o[i - 2] && o[i - 1] <= cl[i - 2] + a[3][i]
                && c.body(i) < a[4][i] && o[i] >= cl[i - 1] - c.body(i) - a[5][i] ? -100 : 0
        },
        pattern("cdlsticksandwich", "stick sandwich: two black bars closing at the same level around a white one", "black, white trading above the first close, black closing within Equal avg of the first close",
                7, [], [(S.equal, 2)]) { c, i, a, _ in
            c.color(i - 2) == -1 && c.color(i - 1) == 1 && c.color(i) == -1 && c.low[i - 1] > c.close[i - 2]
                && c.close[i] <= c.close[i - 2] + a[0][i] && c.close[i] >= c.close[i - 2] - a[0][i] ? 100 : 0
        },
        pattern("cdltasukigap", "tasuki gap: a gap, then a bar of the other colour closing into it but not through it", "two bars after a body gap: same-colour, then the other colour opening inside the first body and closing inside the gap; bodies of similar size (Near avg)",
                7, [], [(S.near, 1)]) { c, i, a, _ in
            let o = c.open, cl = c.close
            let similar = abs(c.body(i - 1) - c.body(i)) < a[0][i]
            let up = c.bodyGapUp(i - 1, i - 2) && c.color(i - 1) == 1 && c.color(i) == -1
                && o[i] < cl[i - 1] && o[i] > o[i - 1] && cl[i] < o[i - 1] && cl[i] > c.bodyTop(i - 2) && similar
            let down = c.bodyGapDown(i - 1, i - 2) && c.color(i - 1) == -1 && c.color(i) == 1
                && o[i] < o[i - 1] && o[i] > cl[i - 1] && cl[i] > o[i - 1] && cl[i] < c.bodyBottom(i - 2) && similar
            return up || down ? Double(c.color(i - 1)) * 100 : 0
        },
        pattern("cdltristar", "tristar: three dojis, the middle one gapping", "three dojis (BodyDoji avg of the first); -100 when the second gaps up and the third is lower, +100 when it gaps down and the third is higher",
                12, [], [(S.bodyDoji, 2)]) { c, i, a, _ in
            guard c.body(i - 2) <= a[0][i] && c.body(i - 1) <= a[0][i] && c.body(i) <= a[0][i] else { return 0 }
            var out = 0.0
            if c.bodyGapUp(i - 1, i - 2) && c.bodyTop(i) < c.bodyTop(i - 1) { out = -100 }
            if c.bodyGapDown(i - 1, i - 2) && c.bodyBottom(i) > c.bodyBottom(i - 1) { out = 100 }
            return out
        },
        pattern("cdlunique3river", "unique three river: a long black bar, a black hammer-like bar, a small white bar", "long black; black with a higher close, no higher open and a lower low; small white opening above the second's low",
                12, [], [(S.bodyLong, 2), (S.bodyShort, 0)]) { c, i, a, _ in
            c.body(i - 2) > a[0][i] && c.color(i - 2) == -1 && c.color(i - 1) == -1
                && c.close[i - 1] > c.close[i - 2] && c.open[i - 1] <= c.open[i - 2] && c.low[i - 1] < c.low[i - 2]
                && c.body(i) < a[1][i] && c.color(i) == 1 && c.open[i] > c.low[i - 1] ? 100 : 0
        },
        pattern("cdlupsidegap2crows", "upside gap two crows", "long white; small black gapping up; black opening above it, closing below it but above the first close",
                12, [], [(S.bodyLong, 2), (S.bodyShort, 1)]) { c, i, a, _ in
            c.color(i - 2) == 1 && c.body(i - 2) > a[0][i] && c.color(i - 1) == -1 && c.body(i - 1) <= a[1][i]
                && c.bodyGapUp(i - 1, i - 2) && c.color(i) == -1 && c.open[i] > c.open[i - 1]
                && c.close[i] < c.close[i - 1] && c.close[i] > c.close[i - 2] ? -100 : 0
        },
        pattern("cdlxsidegap3methods", "upside/downside gap three methods", "two same-colour bars with a body gap; a third of the other colour opening in the second body and closing in the first",
                2, [], []) { c, i, _, _ in
            guard c.color(i - 2) == c.color(i - 1) && c.color(i - 1) == -c.color(i),
                  c.open[i] < c.bodyTop(i - 1) && c.open[i] > c.bodyBottom(i - 1),
                  c.close[i] < c.bodyTop(i - 2) && c.close[i] > c.bodyBottom(i - 2) else { return 0 }
            return (c.color(i - 2) == 1 && c.bodyGapUp(i - 1, i - 2)) || (c.color(i - 2) == -1 && c.bodyGapDown(i - 1, i - 2))
                ? Double(c.color(i - 2)) * 100 : 0
        },
        hikkake("cdlhikkake", "Hikkake: an inside bar, then a false breakout; ±200 when confirmed within three bars",
                "inside bar; next bar breaks out both ways lower (+100) or higher (-100); +200/-200 when a close beyond the inside bar's high/low follows within 3 bars",
                modified: false),
        hikkake("cdlhikkakemod", "modified Hikkake: two narrowing bars, the second closing near its extreme, then a false breakout",
                "as cdlhikkake after two inside bars, the first of them closing within Near avg of its low (bull) or high (bear)",
                modified: true),
    ]

    /// ta_CDLHIKKAKE.c / ta_CDLHIKKAKEMOD.c: the setup is reported when found; a close beyond
    /// the inside bar's extreme within three bars confirms it (±200). The scan starts three
    /// bars before the first output, so a setup there can be confirmed at the first output.
    static func hikkake(_ name: String, _ summary: String, _ formula: String, modified: Bool) -> IndicatorSpec {
        let lookback = modified ? 10 : 5
        return IndicatorSpec(
            name: name, group: "Pattern", summary: summary, formula: formula, inputs: CandlestickIndicators.ohlc,
            params: [], outputs: [name],
            conventionNote: "TA-Lib's definition and default candle settings; output NaN (TA-Lib: 0) inside the lookback.",
            lookback: { _ in lookback },
            kernel: { x, _, _ in
                let c = Candles(x)
                let (h, l, cl) = (c.high, c.low, c.close)
                let near = modified ? c.averages(S.near, start: lookback - 3, shift: 2) : []
                var out = Kernels.nans(c.count)
                var patternIdx = 0
                var result = 0.0
                for i in (lookback - 3)..<c.count {
                    var setup = false
                    if modified {
                        setup = h[i - 2] < h[i - 3] && l[i - 2] > l[i - 3] && h[i - 1] < h[i - 2] && l[i - 1] > l[i - 2]
                            && ((h[i] < h[i - 1] && l[i] < l[i - 1] && cl[i - 2] <= l[i - 2] + near[i])
                                || (h[i] > h[i - 1] && l[i] > l[i - 1] && cl[i - 2] >= h[i - 2] - near[i]))
                    } else {
                        setup = h[i - 1] < h[i - 2] && l[i - 1] > l[i - 2]
                            && ((h[i] < h[i - 1] && l[i] < l[i - 1]) || (h[i] > h[i - 1] && l[i] > l[i - 1]))
                    }
                    var value = 0.0
                    if setup {
                        result = h[i] < h[i - 1] ? 100 : -100
                        patternIdx = i
                        value = result
                    } else if i <= patternIdx + 3 && patternIdx >= 1
                                && ((result > 0 && cl[i] > h[patternIdx - 1]) || (result < 0 && cl[i] < l[patternIdx - 1])) {
                        value = result + (result > 0 ? 100 : -100)
                        patternIdx = 0
                    }
                    if i >= lookback { out[i] = value }
                }
                return [out]
            })
    }
}
