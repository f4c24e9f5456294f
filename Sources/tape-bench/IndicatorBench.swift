import Foundation
import TapeCore

/// Indicator speed over 1,000,000 bars of a seeded synthetic OHLCV random walk, best of 5,
/// in ns per bar of this thread's CPU time (wall time on a shared machine mostly measures
/// the other processes; the Python side measures the same way). bench/talib_bench.py builds the same series (same generator) and times
/// TA-Lib's C library on it; bench/run.sh prints the ratios.
func benchIndicators() {
    let bars = IndicatorBenchSeries(count: 1_000_000, seed: 42)
    let cases: [(label: String, name: String, params: [Double])] = [
        ("SMA(20)", "sma", [20]),
        ("EMA(20)", "ema", [20]),
        ("RSI(14)", "rsi", [14]),
        ("BBANDS(20,2,2)", "bbands", [20, 2, 2]),
        ("ATR(14)", "atr", [14]),
        ("MACD(12,26,9)", "macd", [12, 26, 9]),
        ("STOCH(14,3,3)", "stoch", [14, 3, 3]),
        ("ADX(14)", "adx", [14]),
    ]
    for c in cases {
        guard let spec = IndicatorCatalogue.named(c.name) else {
            print("\(c.label): missing from the catalogue")
            continue
        }
        let inputs = spec.inputs.map { input -> [Double] in
            switch input {
            case .open: return bars.open
            case .high: return bars.high
            case .low: return bars.low
            case .volume: return bars.volume
            default: return bars.close
            }
        }
        // Parameters the catalogue appended since (the matypes) at their defaults, as TA-Lib's.
        let params = c.params + spec.params.dropFirst(c.params.count).map(\.defaultValue)
        let (best, last) = timeBest(spec, inputs, params)
        print(String(format: "%@: %.2f ns/op  (per bar, last %.6g)", c.label, best / Double(bars.close.count), last))
    }
}

/// Every catalogue function at its default parameters over the same 1,000,000 bars, in ns
/// per bar (`bench/talib_bench.py all` times TA-Lib's functions of the same names on the
/// same columns; bench/run.sh joins the two by name). Series inputs follow TA-Lib's
/// abstract defaults: one series is the close, two are the high and the low; MAVP's
/// periods are the sawtooth 2..30 the fixtures use.
func benchCatalogue() {
    let bars = IndicatorBenchSeries(count: 1_000_000, seed: 42)
    let periods = (0..<bars.close.count).map { Double(2 + ($0 * 7) % 29) }
    for spec in IndicatorCatalogue.all {
        let series = spec.inputs.filter { if case .series = $0 { return true } else { return false } }.count
        var next = 0
        let inputs = spec.inputs.map { input -> [Double] in
            switch input {
            case .open: return bars.open
            case .high: return bars.high
            case .low: return bars.low
            case .close: return bars.close
            case .volume: return bars.volume
            case .time: return []
            case .series:
                defer { next += 1 }
                if spec.name == "mavp" { return next == 0 ? bars.close : periods }
                return series == 2 ? (next == 0 ? bars.high : bars.low) : bars.close
            }
        }
        if spec.inputs.contains(.time) { continue }
        let (best, _) = timeBest(spec, inputs, spec.params.map(\.defaultValue), runs: 3)
        print(String(format: "%@: %.2f ns/op", spec.name.uppercased(), best / Double(bars.close.count)))
    }
}

/// Best of 5 runs in thread CPU nanoseconds, and the first output's last value. Each run's
/// outputs stay alive until the next run has finished, as a session keeps its variables:
/// freeing 16-24 MB at the top of the heap right away makes glibc trim it, and the next
/// call would page-fault it all back in (numpy, which TA-Lib's timings go through, uses
/// huge pages and barely notices).
private func timeBest(_ spec: IndicatorSpec, _ inputs: [[Double]], _ params: [Double], runs: Int = 5) -> (Double, Double) {
    var best = Double.infinity
    var previous: [[Double]] = []
    for _ in 0...runs {
        let start = threadCPUNanoseconds()
        let out = spec.compute(inputs, params, .talib)
        let elapsed = threadCPUNanoseconds() - start
        // The first run warms the allocator and is not counted.
        if !previous.isEmpty { best = min(best, elapsed) }
        previous = out
    }
    return (best, previous.first?.last ?? .nan)
}

/// A deterministic OHLCV random walk from a 64-bit LCG (Knuth's MMIX constants); the
/// Python benchmark reimplements it bit for bit.
struct IndicatorBenchSeries {
    var open: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var volume: [Double] = []

    init(count: Int, seed: UInt64) {
        var state = seed
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / 9_007_199_254_740_992.0
        }
        open.reserveCapacity(count)
        high.reserveCapacity(count)
        low.reserveCapacity(count)
        close.reserveCapacity(count)
        volume.reserveCapacity(count)
        // A mean-reverting additive walk around 100: it neither drifts to 0 nor explodes.
        var previous = 100.0
        for _ in 0..<count {
            let o = previous
            let c = o + (uniform() - 0.5) * 2 + (100 - o) * 0.001
            let h = max(o, c) + uniform() * 0.5
            let l = min(o, c) - uniform() * 0.5
            open.append(o)
            high.append(h)
            low.append(l)
            close.append(c)
            volume.append(1000 + (uniform() * 100_000).rounded(.down))
            previous = c
        }
    }
}
