import Foundation

/// Rolling standard scores, the shape of the return distribution (skew, kurtosis), serial
/// dependence (autocorrelation, variance ratio, Hurst) and trend fits.
enum StatisticalFeatures {
    static let all: [FeatureSpec] = [
        FeatureSpec("zscore_close_60", .statistical, "close in 60-bar standard scores", "(close - mean(close, 60)) / std(close, 60)",
                    warmup: 59) { x in Rolling.zscore(x.close, 60) },
        FeatureSpec("zscore_ret_20", .statistical, "today's return in 20-bar standard scores", "(ret_1 - mean(ret_1, 20)) / std(ret_1, 20)",
                    warmup: 20) { x in Rolling.zscore(x.logReturn, 20) },
        moment("skew_20", 20, skew: true), moment("skew_60", 60, skew: true), moment("skew_120", 120, skew: true),
        moment("kurt_20", 20, skew: false), moment("kurt_60", 60, skew: false), moment("kurt_120", 120, skew: false),
        FeatureSpec("autocorr_1_20", .statistical, "lag-1 autocorrelation of returns over 20 bars", "correl(ret_1, ret_1[1], 19 pairs)",
                    warmup: 20) { x in Rolling.autocorrelation(x.logReturn, lag: 1, 20) },
        FeatureSpec("autocorr_1_60", .statistical, "lag-1 autocorrelation of returns over 60 bars", "correl(ret_1, ret_1[1], 59 pairs)",
                    warmup: 60) { x in Rolling.autocorrelation(x.logReturn, lag: 1, 60) },
        FeatureSpec("autocorr_5_120", .statistical, "lag-5 autocorrelation of returns over 120 bars", "correl(ret_1, ret_1[5], 115 pairs)",
                    warmup: 120) { x in Rolling.autocorrelation(x.logReturn, lag: 5, 120) },
        FeatureSpec("autocorr_abs_1_60", .statistical, "lag-1 autocorrelation of absolute returns (volatility clustering), 60 bars",
                    "correl(|ret_1|, |ret_1[1]|, 59 pairs)", warmup: 60) { x in
            Rolling.autocorrelation(Column.map(x.logReturn, abs), lag: 1, 60)
        },
        FeatureSpec("hurst_128", .statistical, "Hurst exponent of returns over 128 bars (0.5 random walk, above trending, below mean-reverting)",
                    "half the slope of ln var(k-bar sums of ret_1) on ln k, k = 1, 2, 4, 8, 16, within the window (aggregated variance)",
                    warmup: 128) { x in
            Rolling.hurst(x.logReturn, 128)
        },
        FeatureSpec("variance_ratio_5_60", .statistical, "variance ratio: 5-bar against 1-bar return variance over 60 bars (1 random walk)",
                    "mean(ret_5², 60) / (5 · mean(ret_1², 60))", warmup: 64) { x in
            let r5 = Rolling.mean(Column.map(x.logReturn(5)) { $0 * $0 }, 60)
            let r1 = Rolling.mean(Column.map(x.logReturn) { $0 * $0 }, 60)
            return Column.zip(r5, r1) { a, b in b > 0 ? a / (5 * b) : .nan }
        },
        trend("linreg_slope_20", 20, r2: false), trend("linreg_r2_20", 20, r2: true),
        trend("linreg_slope_60", 60, r2: false), trend("linreg_r2_60", 60, r2: true),
        FeatureSpec("sharpe_20", .statistical, "mean return over its standard deviation, 20 bars (not annualised)",
                    "mean(ret_1, 20) / std(ret_1, 20)", warmup: 20) { x in
            let m = Rolling.moments(x.logReturn, 20, order: 2)
            return Column.zip(m.mean, m.variance) { a, v in v > 0 ? a / v.squareRoot() : 0 }
        },
        FeatureSpec("sharpe_60", .statistical, "mean return over its standard deviation, 60 bars (not annualised)",
                    "mean(ret_1, 60) / std(ret_1, 60)", warmup: 60) { x in
            let m = Rolling.moments(x.logReturn, 60, order: 2)
            return Column.zip(m.mean, m.variance) { a, v in v > 0 ? a / v.squareRoot() : 0 }
        },
        FeatureSpec("max_ret_20", .statistical, "largest 1-bar return of the last 20", "max(ret_1, 20)", warmup: 20) { x in
            Rolling.rollingMax(x.logReturn, 20)
        },
        FeatureSpec("min_ret_20", .statistical, "smallest 1-bar return of the last 20", "min(ret_1, 20)", warmup: 20) { x in
            Rolling.rollingMin(x.logReturn, 20)
        },
    ]

    static func moment(_ name: String, _ n: Int, skew: Bool) -> FeatureSpec {
        FeatureSpec(name, .statistical, "\(skew ? "skewness" : "excess kurtosis") of 1-bar returns over \(n) bars",
                    skew ? "sample skewness (bias-corrected, as pandas) of ret_1 over \(n)"
                         : "sample excess kurtosis (bias-corrected, as pandas) of ret_1 over \(n)", warmup: n) { x in
            let m = x.returnMoments(n)
            return skew ? m.skew : m.kurtosis
        }
    }

    static func trend(_ name: String, _ n: Int, r2: Bool) -> FeatureSpec {
        FeatureSpec(name, .statistical, r2 ? "how straight the last \(n) log closes lie (R² of a line)" : "least-squares slope of log close per bar over \(n) bars",
                    r2 ? "R² of ln(close) on bar number, \(n) bars" : "slope of ln(close) on bar number, \(n) bars", warmup: n - 1) { x in
            let r = Rolling.regression(logClose(x), n)
            return r2 ? r.r2 : r.slope
        }
    }

    static func logClose(_ x: FeatureInputs) -> [Double] { x.logClose }
}
