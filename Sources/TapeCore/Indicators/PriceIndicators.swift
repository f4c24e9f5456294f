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
    ]
}
