import Foundation

/// Returns over several horizons, gaps, ranges, candle shape and distance from recent
/// extremes and moving averages. Log returns throughout: they add over time and are
/// symmetric for gains and losses.
enum PriceFeatures {
    static let all: [FeatureSpec] = returns + [
        FeatureSpec("gap", .price, "overnight gap: today's open against yesterday's close", "ln(open / close[1])",
                    warmup: 1) { x in gap(x) },
        FeatureSpec("gap_mean_5", .price, "mean overnight gap over 5 bars", "mean(gap, 5)", warmup: 5) { x in
            Rolling.mean(gap(x), 5)
        },
        FeatureSpec("range", .price, "the bar's high-low range", "ln(high / low)", warmup: 0) { x in
            Column.zip(x.high, x.low) { h, l in h > 0 && l > 0 ? log(h / l) : .nan }
        },
        FeatureSpec("range_mean_5", .price, "mean high-low range over 5 bars", "mean(ln(high / low), 5)", warmup: 4) { x in
            Rolling.mean(range(x), 5)
        },
        FeatureSpec("range_rel_20", .price, "today's range against its 20-bar mean", "range / mean(range, 20)", warmup: 19) { x in
            Column.divide(range(x), Rolling.mean(range(x), 20))
        },
        FeatureSpec("upper_shadow", .price, "upper wick as a share of the range", "(high - max(open, close)) / (high - low), 0 when flat",
                    warmup: 0) { x in
            shape(x) { o, h, l, c in h > l ? (h - max(o, c)) / (h - l) : 0 }
        },
        FeatureSpec("lower_shadow", .price, "lower wick as a share of the range", "(min(open, close) - low) / (high - low), 0 when flat",
                    warmup: 0) { x in
            shape(x) { o, h, l, c in h > l ? (min(o, c) - l) / (h - l) : 0 }
        },
        FeatureSpec("close_location", .price, "where the close sits in the bar's range (0 low, 1 high)",
                    "(close - low) / (high - low), 0.5 when flat", warmup: 0) { x in
            shape(x) { _, h, l, c in h > l ? (c - l) / (h - l) : 0.5 }
        },
        distance("dist_high_20", "close against the highest high of 20 bars", "ln(close / max(high, 20))", 20, high: true),
        distance("dist_low_20", "close against the lowest low of 20 bars", "ln(close / min(low, 20))", 20, high: false),
        distance("dist_high_250", "close against the highest high of 250 bars (about a year)", "ln(close / max(high, 250))", 250, high: true),
        distance("dist_low_250", "close against the lowest low of 250 bars", "ln(close / min(low, 250))", 250, high: false),
        smaDistance(10), smaDistance(20), smaDistance(50), smaDistance(200),
        FeatureSpec("up_days_10", .price, "share of the last 10 bars that closed up", "mean(close > close[1], 10)", warmup: 10) { x in
            Rolling.mean(Column.map(x.logReturn) { $0 > 0 ? 1 : 0 }, 10)
        },
        FeatureSpec("streak", .price, "consecutive up closes (positive) or down closes (negative)",
                    "+1 per up close in a row, -1 per down close, 0 on an unchanged close", warmup: 1) { x in
            var out = Rolling.nans(x.count), run = 0.0
            for i in 1..<max(x.count, 1) {
                let d = x.close[i] - x.close[i - 1]
                if d.isNaN { run = 0; continue }
                run = d > 0 ? max(run, 0) + 1 : d < 0 ? min(run, 0) - 1 : 0
                out[i] = run
            }
            return out
        },
    ]

    static let returns: [FeatureSpec] = [1, 2, 3, 5, 10, 20, 60, 120, 250].map { k in
        FeatureSpec("ret_\(k)", .price, "log return over \(k) bar\(k == 1 ? "" : "s")", "ln(close / close[\(k)])", warmup: k) { x in
            x.logReturn(k)
        }
    }

    static func gap(_ x: FeatureInputs) -> [Double] {
        x.cached("gap") {
            var out = Rolling.nans(x.count)
            for i in 1..<max(x.count, 1) where x.open[i] > 0 && x.close[i - 1] > 0 { out[i] = log(x.open[i] / x.close[i - 1]) }
            return out
        }
    }

    static func range(_ x: FeatureInputs) -> [Double] {
        x.cached("range") { Column.zip(x.high, x.low) { h, l in h > 0 && l > 0 ? log(h / l) : .nan } }
    }

    static func shape(_ x: FeatureInputs, _ f: (Double, Double, Double, Double) -> Double) -> [Double] {
        var out = Rolling.nans(x.count)
        for i in 0..<x.count {
            let o = x.open[i], h = x.high[i], l = x.low[i], c = x.close[i]
            if o.isNaN || h.isNaN || l.isNaN || c.isNaN { continue }
            out[i] = f(o, h, l, c)
        }
        return out
    }

    static func distance(_ name: String, _ summary: String, _ formula: String, _ n: Int, high: Bool) -> FeatureSpec {
        FeatureSpec(name, .price, summary, formula, warmup: n - 1) { x in
            Column.zip(x.close, high ? x.highest(n) : x.lowest(n)) { c, e in c > 0 && e > 0 ? log(c / e) : .nan }
        }
    }

    static func smaDistance(_ n: Int) -> FeatureSpec {
        FeatureSpec("dist_sma_\(n)", .price, "close against its \(n)-bar simple moving average", "ln(close / sma(close, \(n)))",
                    warmup: n - 1) { x in
            Column.zip(x.close, x.sma(n)) { c, m in c > 0 && m > 0 ? log(c / m) : .nan }
        }
    }
}
