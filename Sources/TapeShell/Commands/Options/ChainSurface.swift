import TapeCore

/// `chain surface`: out-of-the-money implied vol by strike and expiry, as a table and a
/// 3-D surface.
enum ChainSurface {
    static let spec = CommandSpec(
        name: "surface",
        summary: "out-of-the-money implied vol by strike and expiry, drawn as a 3-D surface",
        effect: .query,
        options: [.flag("nochart", "print the table without the picture")],
        arguments: [],
        run: run)

    static func run(_ c: CommandContext) throws {
        let (state, a) = try ChainState.loaded(c)
        let smiles = a.smiles.sorted { $0.years < $1.years }
        let strikes = Array(Set(smiles.flatMap { $0.points.map(\.strike) })).sorted()
        guard smiles.count >= 2, strikes.count >= 2 else {
            throw TapeError("a surface needs at least two expiries and two strikes; this chain has \(smiles.count) and \(strikes.count)",
                            span: c.span, hint: "chain smile shows a single expiry")
        }
        var t = TextTable(["strike"] + smiles.map { CivilTime.format($0.expiration) })
        let byStrike = smiles.map { s in Dictionary(s.points.map { ($0.strike, $0.otm) }, uniquingKeysWith: { x, _ in x }) }
        for k in strikes { t.add([Format.number(k)] + byStrike.map { ChainState.pct($0[k] ?? .nan) }) }
        c.print("out-of-the-money implied vol by strike and expiry")
        c.print(table: t)
        try OptionsCharts.draw(OptionsCharts.surface(smiles, analysis: a, underlying: state.underlying), c)
    }
}
