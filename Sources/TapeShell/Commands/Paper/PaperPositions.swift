import TapeCore

/// `paper positions`: holdings at their marks, with portfolio Greeks when options are held.
enum PaperPositions {
    static let spec = CommandSpec(
        name: "positions", summary: "positions at their marks, with portfolio Greeks when options are held", effect: .query,
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let broker = try PaperState.of(c).broker(c)
        let positions = try PaperState.call(c) { try broker.positions() }
        guard !positions.isEmpty else { return c.print("no positions") }
        var t = TextTable(["symbol", "qty", "avg cost", "mark", "value", "unrealised", "realised", "delta"])
        for p in positions {
            t.add([p.symbol, Format.number(p.quantity), Format.fixed(p.averageCost, 2), p.mark.map { Format.fixed($0, 2) } ?? "",
                   Format.fixed(p.marketValue, 2), Format.fixed(p.unrealisedPnL, 2), p.realisedPnL.map { Format.fixed($0, 2) } ?? "",
                   p.greeks.map { Format.fixed($0.delta, 2) } ?? ""])
        }
        c.print(table: t)
        if positions.contains(where: { Instrument.parse($0.symbol).option != nil }) {
            let g = positions.compactMap(\.greeks).reduce(Greeks(), +)
            // Vega shown per volatility point (1%), the unit screens use; the broker keeps per 1.00.
            c.print("portfolio delta \(Format.fixed(g.delta, 2)) gamma \(Format.fixed(g.gamma, 4)) theta/day \(Format.fixed(g.theta, 2)) "
                    + "vega/1% \(Format.fixed(g.vega / 100, 2))")
        }
    }
}
