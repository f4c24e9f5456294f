/// TA-Lib 0.8's range and volatility additions: ADR, CVI, MASSI, RVI.
enum RangeIndicators {
    static let hl: [IndicatorInput] = [.high, .low]

    static func ranges(_ h: [Double], _ l: [Double]) -> [Double] { zip(h, l).map { $0 - $1 } }

    static let all: [IndicatorSpec] = [
        IndicatorSpec(
            name: "adr", group: "Volatility", summary: "average day range",
            formula: "adr = sma(high - low, n)",
            inputs: hl, params: [.period(14, min: 1)], outputs: ["adr"],
            conventionNote: "TA-Lib's ADR: the mean of the bars' ranges (gaps excluded, unlike ATR); a \"day\" is whatever a bar is.",
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [Kernels.sma(ranges(x[0], x[1]), Int(p[0]))] }),
        IndicatorSpec(
            name: "cvi", group: "Volatility", summary: "Chaikin's volatility",
            formula: "e = ema(high - low, n); cvi = 100 * (e - e[r]) / e[r], 0 when e[r] is 0",
            inputs: hl,
            params: [.period(10, min: 1), .period(10, name: "rocperiod", talib: "rocperiod", min: 1, help: "bars back of the change")],
            outputs: ["cvi"],
            conventionNote: "TA-Lib's CVI: the EMA seeded with the SMA of its first n ranges.",
            lookback: { p in Int(p[0]) - 1 + Int(p[1]) },
            kernel: { x, p, _ in
                let e = Kernels.ema(ranges(x[0], x[1]), Int(p[0]))
                let r = Int(p[1])
                var out = Kernels.nans(e.count)
                for i in (Int(p[0]) - 1 + r)..<e.count { out[i] = e[i - r] != 0 ? 100 * (e[i] - e[i - r]) / e[i - r] : 0 }
                return [out]
            }),
        IndicatorSpec(
            name: "massi", group: "Volatility", summary: "Dorsey's mass index",
            formula: "single = ema(high - low, fast); double = ema(single, fast); massi = sum(single / double, slow) (a 0/0 ratio counts 1)",
            inputs: hl,
            params: [.period(9, name: "fast", talib: "fastperiod"), .period(25, name: "slow", talib: "slowperiod")],
            outputs: ["massi"],
            lookback: { p in 2 * (Int(p[0]) - 1) + Int(p[1]) - 1 },
            kernel: { x, p, _ in
                let f = Int(p[0])
                let single = Kernels.ema(ranges(x[0], x[1]), f)
                let double = Kernels.ema(single, f, from: f - 1)
                let ratio = zip(single, double).map { s, d in d.isNaN ? .nan : (d != 0 ? s / d : (s == 0 ? 1 : s / d)) }
                return [Kernels.sum(ratio, Int(p[1]), from: 2 * (f - 1))]
            }),
        IndicatorSpec(
            name: "rvi", group: "Volatility", summary: "Dorsey's relative volatility index",
            formula: "s = stddev(x, sdperiod); up = rma(s on up closes, n); down = rma(s on down closes, n); rvi = 100 * up / (up + down), 50 when both are 0",
            inputs: [.series("real")],
            params: [.period(14, min: 1), .period(10, name: "stddevperiod", talib: "stddevperiod", min: 1, help: "standard deviation window")],
            outputs: ["rvi"],
            conventionNote: "TA-Lib's RVI (1993): population standard deviation, Wilder averages seeded with an SMA, unstable period 0; an unchanged close feeds neither side.",
            lookback: { p in max(Int(p[1]) - 1, 1) + Int(p[0]) - 1 },
            kernel: { x, p, _ in
                let v = x[0], n = Int(p[0]), sdn = Int(p[1])
                let sd = Kernels.variance(v, sdn).map { VolatilityIndicators.stddev($0, 1) }
                let from = max(sdn - 1, 1)
                var up = Kernels.nans(v.count), down = up
                for i in from..<v.count {
                    up[i] = v[i] > v[i - 1] ? sd[i] : 0
                    down[i] = v[i] < v[i - 1] ? sd[i] : 0
                }
                let u = MovingAverage.rma(up, n, from: from), d = MovingAverage.rma(down, n, from: from)
                return [zip(u, d).map { u, d in u.isNaN ? .nan : (u + d != 0 ? 100 * u / (u + d) : 50) }]
            }),
    ]
}
