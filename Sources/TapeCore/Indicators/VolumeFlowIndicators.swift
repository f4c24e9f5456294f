/// TA-Lib 0.8's volume indicators: CMF, EFI, MARKETFI, NVI, PVI, PVO, PVT, RVOL.
enum VolumeFlowIndicators {
    static let all: [IndicatorSpec] = [
        IndicatorSpec(
            name: "cmf", group: "Volume", summary: "Chaikin money flow",
            formula: "cmf = sum(mfv, n) / sum(volume, n), mfv = ((c - l) - (h - c)) / (h - l) * volume (0 when h <= l); 0 when the volume is 0",
            inputs: [.high, .low, .close, .volume], params: [.period(20, min: 1)], outputs: ["cmf"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in
                let n = Int(p[0])
                let mfv = (0..<x[0].count).map { i -> Double in
                    let range = x[0][i] - x[1][i]
                    return range > 0 ? (((x[2][i] - x[1][i]) - (x[0][i] - x[2][i])) / range) * x[3][i] : 0
                }
                let flow = Kernels.sum(mfv, n), volume = Kernels.sum(x[3], n)
                return [zip(flow, volume).map { f, v in f.isNaN ? .nan : (v != 0 ? f / v : 0) }]
            }),
        IndicatorSpec(
            name: "efi", group: "Volume", summary: "Elder's force index",
            formula: "efi = ema((close - close[1]) * volume, n)",
            inputs: [.close, .volume], params: [.period(13, min: 1)], outputs: ["efi"],
            conventionNote: "TA-Lib's EFI: the EMA seeded with the mean of the first n forces.",
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in
                let (c, v) = (x[0], x[1])
                var force = Kernels.nans(c.count)
                for i in 1..<max(1, c.count) { force[i] = (c[i] - c[i - 1]) * v[i] }
                return [Kernels.ema(force, Int(p[0]), from: 1)]
            }),
        IndicatorSpec(
            name: "marketfi", group: "Volume", summary: "Bill Williams' market facilitation index",
            formula: "marketfi = (high - low) / volume, 0 when the volume is 0",
            inputs: [.high, .low, .volume], params: [], outputs: ["marketfi"],
            lookback: { _ in 0 },
            kernel: { x, _, _ in [(0..<x[0].count).map { x[2][$0] != 0 ? (x[0][$0] - x[1][$0]) / x[2][$0] : 0 }] },
            stream: { _, _ in StateStream(()) { _, x in [x[2] != 0 ? (x[0] - x[1]) / x[2] : 0] } }),
        volumeIndex("nvi", "negative volume index", falling: true),
        volumeIndex("pvi", "positive volume index", falling: false),
        IndicatorSpec(
            name: "pvo", group: "Volume", summary: "percentage volume oscillator",
            formula: "pvo = 100 * (ma(volume, fast) - ma(volume, slow)) / ma(volume, slow), 0 when the slow average is 0",
            inputs: [.volume],
            params: [.period(12, name: "fast", talib: "fastperiod"), .period(26, name: "slow", talib: "slowperiod"), .maType(default: .ema)],
            outputs: ["pvo"],
            conventionNote: "TA-Lib's PVO: PPO on volume.",
            lookback: { p in MomentumIndicators.priceOscillatorLookback(p) },
            kernel: { x, p, _ in
                let (f, s) = MomentumIndicators.priceOscillator(x[0], Int(p[0]), Int(p[1]), MAType.of(p[2], default: .sma))
                return [zip(f, s).map { f, s in f.isNaN || s.isNaN ? .nan : (Kernels.isZero(s) ? 0 : ((f - s) / s) * 100) }]
            }),
        IndicatorSpec(
            name: "pvt", group: "Volume", summary: "price volume trend",
            formula: "pvt += volume * (close - close[1]) / close[1] (nothing when close[1] is 0); 0 at the first bar",
            inputs: [.close, .volume], params: [], outputs: ["pvt"],
            conventionNote: "TA-Lib's PVT: path-dependent, starting at 0 on the first bar given.",
            lookback: { _ in 0 },
            kernel: { x, _, _ in
                let (c, v) = (x[0], x[1])
                var total = 0.0
                return [(0..<c.count).map { i in
                    if i > 0 && c[i - 1] != 0 { total += v[i] * (c[i] - c[i - 1]) / c[i - 1] }
                    return total
                }]
            }),
        IndicatorSpec(
            name: "rvol", group: "Volume", summary: "relative volume: volume over the mean of the n bars before",
            formula: "rvol = volume / mean(volume[i-n ... i-1])",
            inputs: [.volume], params: [.period(20, min: 1)], outputs: ["rvol"],
            conventionNote: "The current bar is not part of its own baseline; a dead window gives ±inf or NaN, as in TA-Lib.",
            lookback: { Int($0[0]) },
            kernel: { x, p, _ in
                let n = Int(p[0]), v = x[0]
                let mean = Kernels.sma(v, n)
                var out = Kernels.nans(v.count)
                for i in n..<v.count { out[i] = v[i] / mean[i - 1] }
                return [out]
            }),
    ]

    /// NVI (volume fell) and PVI (volume rose): from 1000 at the first bar, the close's
    /// percentage change compounds on the bars whose volume moved that way; a change that
    /// would not be finite (a zero previous close) leaves the index unchanged.
    static func volumeIndex(_ name: String, _ summary: String, falling: Bool) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Volume", summary: summary,
            formula: "\(name) = 1000 at the first bar; \(name) += (close / close[1] - 1) * \(name) on bars whose volume \(falling ? "fell" : "rose")",
            inputs: [.close, .volume], params: [], outputs: [name],
            conventionNote: "TA-Lib's \(name.uppercased()): path-dependent, starting at 1000 on the first bar given.",
            lookback: { _ in 0 },
            kernel: { x, _, _ in
                let (c, v) = (x[0], x[1])
                var index = 1000.0
                return [(0..<c.count).map { i in
                    if i > 0 && (falling ? v[i] < v[i - 1] : v[i] > v[i - 1]) && c[i - 1] != 0 {
                        let next = index + ((c[i] - c[i - 1]) / c[i - 1]) * index
                        if next.isFinite { index = next }
                    }
                    return index
                }]
            })
    }
}
