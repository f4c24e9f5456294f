import Foundation

/// Realised volatility, close-to-close and from the range-based estimators (Parkinson,
/// Garman-Klass, Rogers-Satchell, Yang-Zhang: the catalogue's `rv_*` where it has them),
/// annualised with 252 bars a year, and how volatility is changing.
enum VolatilityFeatures {
    static let annual = (252.0).squareRoot()

    static let all: [FeatureSpec] = [10, 20, 60, 120].map(closeToClose) + [
        catalogue("vol_parkinson_20", "rv_parkinson", 20, "Parkinson high-low volatility, 20 bars"),
        catalogue("vol_parkinson_60", "rv_parkinson", 60, "Parkinson high-low volatility, 60 bars"),
        catalogue("vol_gk_20", "rv_gk", 20, "Garman-Klass volatility, 20 bars"),
        catalogue("vol_gk_60", "rv_gk", 60, "Garman-Klass volatility, 60 bars"),
        rogersSatchell(20), rogersSatchell(60),
        catalogue("vol_yz_20", "rv_yz", 20, "Yang-Zhang volatility (overnight, open-to-close, Rogers-Satchell), 20 bars"),
        FeatureSpec("vol_ratio_10_60", .volatility, "short against long close-to-close volatility", "vol_cc_10 / vol_cc_60",
                    warmup: 60) { x in Column.divide(x.returnStd(10), x.returnStd(60)) },
        FeatureSpec("vol_of_vol_60", .volatility, "variability of 20-bar volatility over 60 bars, relative to its mean",
                    "std(vol_cc_20, 60) / mean(vol_cc_20, 60)", warmup: 79) { x in
            let m = Rolling.moments(x.returnStd(20), 60, order: 2)
            return Column.zip(m.variance, m.mean) { v, a in a > 0 ? max(v, 0).squareRoot() / a : .nan }
        },
        semi("downside_vol_20", down: true), semi("upside_vol_20", down: false),
        FeatureSpec("atr_ratio_14_50", .volatility, "14-bar against 50-bar average true range", "atr(14) / atr(50)",
                    warmup: 50) { x in Column.divide(x.indicator("atr", [14]), x.indicator("atr", [50])) },
        FeatureSpec("range_vol_ratio_20", .volatility, "range-based against close-to-close volatility, 20 bars (gaps and trends lower it)",
                    "vol_parkinson_20 / vol_cc_20", warmup: 20) { x in
            Column.divide(x.indicator("rv_parkinson", [20, 252]), Column.map(x.returnStd(20)) { $0 * annual })
        },
        FeatureSpec("vol_change_20", .volatility, "change of 20-bar volatility over 20 bars", "ln(vol_cc_20 / vol_cc_20[20])",
                    warmup: 40) { x in
            let v = x.returnStd(20)
            return Column.zip(v, Rolling.lag(v, 20)) { a, b in a > 0 && b > 0 ? log(a / b) : .nan }
        },
    ]

    static func closeToClose(_ n: Int) -> FeatureSpec {
        FeatureSpec("vol_cc_\(n)", .volatility, "close-to-close volatility over \(n) bars, annualised",
                    "std(ret_1, \(n)) · √252", warmup: n) { x in
            Column.map(x.returnStd(n)) { $0 * annual }
        }
    }

    static func catalogue(_ feature: String, _ name: String, _ n: Int, _ summary: String) -> FeatureSpec {
        FeatureSpec(feature, .volatility, summary + ", annualised", TechnicalFeatures.formula(name, [Double(n), 252]),
                    warmup: TechnicalFeatures.lookback(name, [Double(n), 252])) { x in
            x.indicator(name, [Double(n), 252])
        }
    }

    static func rogersSatchell(_ n: Int) -> FeatureSpec {
        FeatureSpec("vol_rs_\(n)", .volatility, "Rogers-Satchell volatility (drift-free), \(n) bars, annualised",
                    "√(mean(ln(h/c)·ln(h/o) + ln(l/c)·ln(l/o), \(n)) · 252)", warmup: n - 1) { x in
            var rs = Rolling.nans(x.count)
            for i in 0..<x.count {
                let o = x.open[i], h = x.high[i], l = x.low[i], c = x.close[i]
                guard o > 0, h > 0, l > 0, c > 0 else { continue }
                rs[i] = log(h / c) * log(h / o) + log(l / c) * log(l / o)
            }
            return Column.map(Rolling.mean(rs, n)) { ($0 * 252).squareRoot() }
        }
    }

    static func semi(_ name: String, down: Bool) -> FeatureSpec {
        FeatureSpec(name, .volatility, "\(down ? "downside" : "upside") semi-volatility over 20 bars, annualised",
                    "√(mean(\(down ? "min" : "max")(ret_1, 0)², 20) · 252)", warmup: 20) { x in
            let part = Column.map(x.logReturn) { r in let m = down ? min(r, 0) : max(r, 0); return m * m }
            return Column.map(Rolling.mean(part, 20)) { ($0 * 252).squareRoot() }
        }
    }
}
