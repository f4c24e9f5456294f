/// Price transforms: one representative price per bar.
enum PriceIndicators {
    static func spec(_ name: String, _ summary: String, _ formula: String, _ inputs: [IndicatorInput],
                     _ f: @escaping @Sendable ([Double]) -> Double) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Price", summary: summary, formula: formula, inputs: inputs,
            params: [], outputs: [name], lookback: { _ in 0 },
            kernel: { x, _, _ in [(0..<x[0].count).map { i in f(x.map { $0[i] }) }] },
            stream: { _, _ in StateStream(()) { _, x in [f(x)] } })
    }

    static let all: [IndicatorSpec] = [
        spec("medprice", "median price", "(high + low) / 2", [.high, .low]) { ($0[0] + $0[1]) / 2 },
        spec("typprice", "typical price", "(high + low + close) / 3", [.high, .low, .close]) { ($0[0] + $0[1] + $0[2]) / 3 },
        spec("wclprice", "weighted close price", "(high + low + 2 * close) / 4", [.high, .low, .close]) {
            ($0[0] + $0[1] + $0[2] * 2) / 4
        },
        spec("avgprice", "average price", "(open + high + low + close) / 4", [.open, .high, .low, .close]) {
            ($0[0] + $0[1] + $0[2] + $0[3]) / 4
        },
        IndicatorSpec(
            name: "ha", group: "Price", summary: "Heikin-Ashi candles",
            formula: "close = (o + h + l + c) / 4; open = (open[1] + close[1]) / 2, (o + c) / 2 at the first bar; high = max(h, open, close); low = min(l, open, close)",
            inputs: [.open, .high, .low, .close], params: [], outputs: ["open", "high", "low", "close"],
            conventionNote: "TA-Lib's HA: path-dependent, seeded at the first bar given.",
            lookback: { _ in 0 },
            kernel: { x, _, _ in
                var state = HeikinAshi()
                var o: [Double] = [], h: [Double] = [], l: [Double] = [], c: [Double] = []
                for i in x[0].indices {
                    let bar = state.next(open: x[0][i], high: x[1][i], low: x[2][i], close: x[3][i])
                    o.append(bar.0); h.append(bar.1); l.append(bar.2); c.append(bar.3)
                }
                return [o, h, l, c]
            },
            stream: { _, _ in
                StateStream(HeikinAshi()) { s, x in
                    let bar = s.next(open: x[0], high: x[1], low: x[2], close: x[3])
                    return [bar.0, bar.1, bar.2, bar.3]
                }
            }),
    ]
}

/// One Heikin-Ashi candle per bar, carrying the previous one.
struct HeikinAshi {
    var started = false
    var open = 0.0
    var close = 0.0

    mutating func next(open o: Double, high h: Double, low l: Double, close c: Double) -> (Double, Double, Double, Double) {
        let haOpen = started ? (open + close) / 2 : (o + c) / 2
        let haClose = (o + h + l + c) / 4
        started = true
        open = haOpen
        close = haClose
        return (haOpen, max(h, haOpen, haClose), min(l, haOpen, haClose), haClose)
    }
}
