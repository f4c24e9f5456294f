import Foundation

/// Volume against its own history, on-balance volume and accumulation slopes, distance
/// from a rolling VWAP, money flow. Every volume figure is scaled by the symbol's own
/// recent volume, so the features compare across symbols and decades.
enum VolumeFeatures {
    static let all: [FeatureSpec] = [
        relative(20), relative(50),
        FeatureSpec("volume_z_20", .volume, "log volume in 20-bar standard scores", "zscore(ln(1 + volume), 20)", warmup: 19) { x in
            Rolling.zscore(logVolume(x), 20)
        },
        FeatureSpec("volume_trend", .volume, "5-bar against 20-bar mean volume", "mean(volume, 5) / mean(volume, 20) - 1",
                    warmup: 19) { x in
            Column.ratio(x.volumeMean(5), x.volumeMean(20))
        },
        slope("obv_slope_20", "slope of on-balance volume over 20 bars, in mean volumes per bar",
              "slope(obv, 20) / mean(volume, 20)", "obv", 20),
        slope("obv_slope_60", "slope of on-balance volume over 60 bars, in mean volumes per bar",
              "slope(obv, 60) / mean(volume, 60)", "obv", 60),
        slope("ad_slope_20", "slope of the accumulation/distribution line over 20 bars, in mean volumes per bar",
              "slope(ad, 20) / mean(volume, 20)", "ad", 20),
        vwapDistance(5), vwapDistance(20),
        FeatureSpec("mfi_14", .volume, "money flow index (volume-weighted RSI), 0 to 1", "mfi(14) / 100 (the catalogue's mfi)",
                    warmup: 14) { x in
            Column.map(x.indicator("mfi", [14])) { $0 / 100 }
        },
        FeatureSpec("cmf_20", .volume, "Chaikin money flow over 20 bars", "sum(((c - l) - (h - c)) / (h - l) * v, 20) / sum(v, 20)",
                    warmup: 19) { x in
            var mfv = Rolling.nans(x.count)
            for i in 0..<x.count {
                let h = x.high[i], l = x.low[i], c = x.close[i], v = x.volume[i]
                if h.isNaN || l.isNaN || c.isNaN || v.isNaN { continue }
                mfv[i] = h > l ? ((c - l) - (h - c)) / (h - l) * v : 0
            }
            return Column.divide(Rolling.sum(mfv, 20), Rolling.sum(x.volume, 20))
        },
        FeatureSpec("adosc_3_10", .volume, "Chaikin A/D oscillator (3, 10), in 20-bar mean volumes",
                    "adosc(3, 10) / mean(volume, 20)", warmup: 19) { x in
            Column.divide(x.indicator("adosc", [3, 10]), x.volumeMean(20))
        },
        FeatureSpec("volume_return_corr_20", .volume, "correlation of volume with the size of the move, 20 bars",
                    "correl(volume, |ret_1|, 20)", warmup: 20) { x in
            Rolling.correlation(x.volume, Column.map(x.logReturn, abs), 20)
        },
        FeatureSpec("force_13", .volume, "force index: 13-bar EMA of return times relative volume",
                    "ema(ret_1 * volume / mean(volume, 20), 13), seeded with the mean of its first 13 inputs", warmup: 31) { x in
            Rolling.ema(Column.zip(x.logReturn, Column.divide(x.volume, x.volumeMean(20))) { $0 * $1 }, 13)
        },
        FeatureSpec("up_volume_20", .volume, "share of 20-bar volume traded on up closes", "sum(volume if close > close[1], 20) / sum(volume, 20)",
                    warmup: 20) { x in
            let up = Column.zip(x.logReturn, x.volume) { r, v in r > 0 ? v : 0 }
            return Column.divide(Rolling.sum(up, 20), Rolling.sum(Column.zip(x.logReturn, x.volume) { _, v in v }, 20))
        },
        FeatureSpec("dollar_volume_z_60", .volume, "log dollar volume in 60-bar standard scores", "zscore(ln(1 + close * volume), 60)",
                    warmup: 59) { x in
            Rolling.zscore(Column.zip(x.close, x.volume) { c, v in c * v >= 0 ? log(1 + c * v) : .nan }, 60)
        },
        FeatureSpec("volume_std_20", .volume, "how uneven volume has been: std of log volume over 20 bars", "std(ln(1 + volume), 20)",
                    warmup: 19) { x in
            Rolling.std(logVolume(x), 20)
        },
        FeatureSpec("price_volume_corr_10", .volume, "correlation of close and volume over 10 bars", "correl(close, volume, 10)",
                    warmup: 9) { x in
            Rolling.correlation(x.close, x.volume, 10)
        },
    ]

    static func logVolume(_ x: FeatureInputs) -> [Double] {
        x.cached("logvol") { Column.map(x.volume) { $0 >= 0 ? log(1 + $0) : .nan } }
    }

    static func relative(_ n: Int) -> FeatureSpec {
        FeatureSpec("rel_volume_\(n)", .volume, "volume against its \(n)-bar mean", "volume / mean(volume, \(n)), 0 when the mean is 0",
                    warmup: n - 1) { x in
            Column.divide(x.volume, x.volumeMean(n))
        }
    }

    static func slope(_ name: String, _ summary: String, _ formula: String, _ indicator: String, _ n: Int) -> FeatureSpec {
        FeatureSpec(name, .volume, summary, formula, warmup: n - 1) { x in
            Column.divide(Rolling.regression(x.indicator(indicator), n).slope, x.volumeMean(n))
        }
    }

    static func vwapDistance(_ n: Int) -> FeatureSpec {
        FeatureSpec("vwap_dist_\(n)", .volume, "close against the \(n)-bar volume-weighted average price",
                    "ln(close / (sum(tp * v, \(n)) / sum(v, \(n)))), tp = (h + l + c) / 3", warmup: n - 1) { x in
            var pv = Rolling.nans(x.count)
            for i in 0..<x.count { pv[i] = (x.high[i] + x.low[i] + x.close[i]) / 3 * x.volume[i] }
            let vwap = Column.zip(Rolling.sum(pv, n), Rolling.sum(x.volume, n)) { a, b in b > 0 ? a / b : .nan }
            return Column.zip(x.close, vwap) { c, w in c > 0 && w > 0 ? log(c / w) : .nan }
        }
    }
}
