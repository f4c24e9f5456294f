import Foundation
import TapeCore

/// The bars a feature reads, and the intermediate series many features share (log
/// returns, true range, moving averages), each computed once per matrix on first use.
/// Every shared series is itself causal.
public final class FeatureInputs {
    public let bars: Bars
    let open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double]
    public var count: Int { close.count }
    private var cache: [String: [Double]] = [:]
    private var multi: [String: [[Double]]] = [:]
    private var moments: [Int: Rolling.Moments] = [:]

    public init(_ bars: Bars) {
        self.bars = bars
        open = bars.open
        high = bars.high
        low = bars.low
        close = bars.close
        volume = bars.volume
    }

    func cached(_ key: String, _ make: () -> [Double]) -> [Double] {
        if let v = cache[key] { return v }
        let v = make()
        cache[key] = v
        return v
    }

    /// ln(close), NaN where the close is not positive: every log return is a difference
    /// of two of these, so the matrix takes one logarithm per bar for all of them.
    var logClose: [Double] { cached("logclose") { close.map { $0 > 0 ? log($0) : .nan } } }

    /// ln(close / previous close); NaN at bar 0 and where a price is not positive.
    var logReturn: [Double] { logReturn(1) }

    /// ln(close / close k bars back).
    func logReturn(_ k: Int) -> [Double] {
        cached("logret\(k)") {
            let lc = logClose
            var r = Rolling.nans(count)
            if k < count { for i in k..<count { r[i] = lc[i] - lc[i - k] } }
            return r
        }
    }

    var trueRange: [Double] {
        cached("tr") {
            var r = Rolling.nans(count)
            for i in 1..<max(count, 1) {
                r[i] = max(high[i], close[i - 1]) - min(low[i], close[i - 1])
            }
            return r
        }
    }

    func sma(_ n: Int) -> [Double] { cached("sma\(n)") { Rolling.mean(close, n) } }
    func volumeMean(_ n: Int) -> [Double] { cached("vma\(n)") { Rolling.mean(volume, n) } }
    func highest(_ n: Int) -> [Double] { cached("hh\(n)") { Rolling.rollingMax(high, n) } }
    func lowest(_ n: Int) -> [Double] { cached("ll\(n)") { Rolling.rollingMin(low, n) } }

    /// Mean, variance, skewness and kurtosis of the log returns over n bars.
    func returnMoments(_ n: Int) -> Rolling.Moments {
        if let m = moments[n] { return m }
        let m = Rolling.moments(logReturn, n, order: 4)
        moments[n] = m
        return m
    }

    /// Sample std of log returns over n bars (per bar, not annualised).
    func returnStd(_ n: Int) -> [Double] { cached("rstd\(n)") { Rolling.std(logReturn, n) } }

    /// An indicator of the catalogue at the given parameters (TA-Lib convention), all its
    /// outputs; the catalogue's own definitions, so `help rsi` describes `rsi_14` exactly.
    func indicator(_ name: String, _ params: [Double] = [], series: [[Double]] = []) -> [[Double]] {
        let key = name + params.map { "\($0)" }.joined(separator: ",") + (series.isEmpty ? "" : "#\(series.count)")
        if let v = multi[key] { return v }
        guard let spec = IndicatorCatalogue.named(name),
              let resolved = try? IndicatorCatalogue.resolve(spec, positional: params, keyword: [:]) else {
            return [Rolling.nans(count)]
        }
        var inputs: [[Double]] = []
        var given = series.makeIterator()
        for input in spec.inputs {
            switch input {
            case .series: inputs.append(given.next() ?? close)
            case .open: inputs.append(open)
            case .high: inputs.append(high)
            case .low: inputs.append(low)
            case .close: inputs.append(close)
            case .volume: inputs.append(volume)
            case .time: inputs.append(bars.time.map(Double.init))
            }
        }
        let out = spec.compute(inputs, resolved, .talib)
        multi[key] = out
        return out
    }

    /// One output of an indicator (by its index in TA-Lib's order).
    func indicator(_ name: String, _ params: [Double] = [], output: Int = 0, series: [[Double]] = []) -> [Double] {
        let all = indicator(name, params, series: series)
        return output < all.count ? all[output] : Rolling.nans(count)
    }
}

/// Element-wise helpers that keep NaN where an input is NaN.
enum Column {
    static func map(_ a: [Double], _ f: (Double) -> Double) -> [Double] {
        var out = a
        for i in out.indices { out[i] = a[i].isNaN ? .nan : f(a[i]) }
        return out
    }

    static func zip(_ a: [Double], _ b: [Double], _ f: (Double, Double) -> Double) -> [Double] {
        var out = Rolling.nans(a.count)
        for i in 0..<min(a.count, b.count) where !a[i].isNaN && !b[i].isNaN { out[i] = f(a[i], b[i]) }
        return out
    }

    /// a / b - 1, NaN where b is not positive.
    static func ratio(_ a: [Double], _ b: [Double]) -> [Double] {
        zip(a, b) { x, y in y > 0 ? x / y - 1 : .nan }
    }

    /// a / b, 0 where b is 0 (a flat window).
    static func divide(_ a: [Double], _ b: [Double]) -> [Double] {
        zip(a, b) { x, y in y != 0 ? x / y : 0 }
    }
}
