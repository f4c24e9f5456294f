import Foundation

/// Features built the way look-ahead usually creeps in, kept apart from the catalogue
/// and named for what is wrong with them. They exist so that `model validate ... compare
/// leaky` and lesson 20 can show how a "99% accuracy" claim is produced; the look-ahead
/// test proves each of them DOES change when later bars change (so the test can fail),
/// and `features ... set leaky` prints a warning.
///
/// - `ret_5_misaligned`: a 5-bar return shifted the wrong way (pandas' `shift(-5)` where
///   `shift(5)` was meant): at bar t it is the return from t to t+5, the label itself.
/// - `sma_10_centred`: a centred moving average (`rolling(10, center=True)`), which
///   averages five bars that have not happened yet.
/// - `zscore_full_sample`: the close standardised with the mean and standard deviation
///   of the whole series, which includes the future.
public enum LeakyFeatures {
    public static let all: [FeatureSpec] = [
        FeatureSpec("ret_5_misaligned", .price, "LEAKS: the next 5 bars' return (a shift the wrong way)",
                    "ln(close[t+5] / close[t]): uses bars after t", warmup: 0) { x in
            var out = Rolling.nans(x.count)
            for i in 0..<max(x.count - 5, 0) where x.close[i] > 0 && x.close[i + 5] > 0 { out[i] = log(x.close[i + 5] / x.close[i]) }
            return out
        },
        FeatureSpec("sma_10_centred", .price, "LEAKS: close against a centred 10-bar average (5 future bars in it)",
                    "ln(close / mean(close[t-4...t+5])): uses bars after t", warmup: 4) { x in
            var out = Rolling.nans(x.count)
            let n = x.count
            guard n >= 10 else { return out }
            for i in 4..<(n - 5) {
                var s = 0.0
                for j in (i - 4)...(i + 5) { s += x.close[j] }
                let m = s / 10
                if m > 0 && x.close[i] > 0 { out[i] = log(x.close[i] / m) }
            }
            return out
        },
        FeatureSpec("zscore_full_sample", .statistical, "LEAKS: close in standard scores of the whole series",
                    "(close - mean(all closes)) / std(all closes): uses bars after t", warmup: 0) { x in
            let valid = x.close.filter { !$0.isNaN }
            guard valid.count >= 2 else { return Rolling.nans(x.count) }
            let m = valid.reduce(0, +) / Double(valid.count)
            let sd = (valid.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(valid.count - 1)).squareRoot()
            return Column.map(x.close) { sd > 0 ? ($0 - m) / sd : 0 }
        },
    ]
}
