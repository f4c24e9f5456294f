/// Wilder's directional movement family; every entry runs `DirectionalState`.
enum DirectionalIndicators {
    static let hlc: [IndicatorInput] = [.high, .low, .close]

    static let note = "TA-Lib: Wilder sums seeded over bars 1..n-1. TradingView (ta.dmi): ta.rma averages seeded with the SMA of bars 1..n; same lookbacks."

    /// Which output of `DirectionalState` an entry reports; a switch in the loop (perfectly
    /// predicted) instead of a closure call per bar.
    enum Field: Sendable {
        case plusDM, minusDM, plusDI, minusDI, dx, adx

        @inline(__always)
        func read(_ o: DirectionalState.Output) -> Double {
            switch self {
            case .plusDM: return o.plusDM
            case .minusDM: return o.minusDM
            case .plusDI: return o.plusDI
            case .minusDI: return o.minusDI
            case .dx: return o.dx
            case .adx: return o.adx
            }
        }
    }

    /// Runs the state over the series and keeps the chosen output.
    static func run(_ x: [[Double]], _ n: Int, _ c: Convention, _ field: Field) -> [Double] {
        if field == .adx && c == .talib { return HotLoops.adx(x[0], x[1], x[2], n) }
        let count = x[0].count
        var out = [Double](repeating: .nan, count: count)
        x[0].withUnsafeBufferPointer { h in
            x[1].withUnsafeBufferPointer { l in
                x[2].withUnsafeBufferPointer { cl in
                    out.withUnsafeMutableBufferPointer { o in
                        var state = DirectionalState(n, c)
                        for i in 0..<count { o[i] = field.read(state.next(high: h[i], low: l[i], close: cl[i])) }
                    }
                }
            }
        }
        return out
    }

    static func spec(_ name: String, _ summary: String, _ formula: String, inputs: [IndicatorInput] = hlc,
                     lookback: @escaping @Sendable (Int) -> Int, talibOnly: Bool = false,
                     _ field: Field) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Momentum", summary: summary, formula: formula, inputs: inputs,
            params: [.period(14)], outputs: [name],
            conventionNote: talibOnly ? "TA-Lib Wilder sums under both conventions." : note,
            lookback: { lookback(Int($0[0])) },
            kernel: { x, p, c in
                // +DM/-DM read only high and low; feed low as the close so the true range is harmless.
                let input = x.count == 3 ? x : [x[0], x[1], x[1]]
                return [run(input, Int(p[0]), talibOnly ? .talib : c, field)]
            },
            stream: { p, c in
                StateStream(DirectionalState(Int(p[0]), talibOnly ? .talib : c)) { s, x in
                    [field.read(s.next(high: x[0], low: x[1], close: x.count == 3 ? x[2] : x[1]))]
                }
            })
    }

    static let all: [IndicatorSpec] = [
        spec("adx", "average directional index: trend strength, 0..100",
             "adx = Wilder average of dx = 100 * |+di - -di| / (+di + -di)", lookback: { 2 * $0 - 1 }, .adx),
        spec("plus_di", "plus directional indicator",
             "+di = 100 * wilder(+dm) / wilder(tr)", lookback: { $0 }, .plusDI),
        spec("minus_di", "minus directional indicator",
             "-di = 100 * wilder(-dm) / wilder(tr)", lookback: { $0 }, .minusDI),
        spec("dx", "directional movement index",
             "dx = 100 * |+di - -di| / (+di + -di)", lookback: { $0 }, .dx),
        spec("plus_dm", "Wilder-summed plus directional movement",
             "+dm = up move if > 0 and > down move; S = S - S/n + dm", inputs: [.high, .low],
             lookback: { $0 - 1 }, talibOnly: true, .plusDM),
        spec("minus_dm", "Wilder-summed minus directional movement",
             "-dm = down move if > 0 and > up move; S = S - S/n + dm", inputs: [.high, .low],
             lookback: { $0 - 1 }, talibOnly: true, .minusDM),
        IndicatorSpec(
            name: "adxr", group: "Momentum", summary: "average directional movement rating",
            formula: "adxr = (adx + adx[n-1]) / 2", inputs: hlc, params: [.period(14)], outputs: ["adxr"],
            conventionNote: note,
            lookback: { 3 * Int($0[0]) - 2 },
            kernel: { x, p, c in
                let n = Int(p[0])
                let adx = run(x, n, c, .adx)
                var out = Kernels.nans(adx.count)
                for i in (3 * n - 2)..<adx.count { out[i] = (adx[i] + adx[i - (n - 1)]) / 2 }
                return [out]
            }),
    ]
}
