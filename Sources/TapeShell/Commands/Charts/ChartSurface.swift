/// `chart surface`: the loaded chain's implied vols over strike and expiry, the same
/// picture `chain surface` draws (OptionsCharts), without its table.
enum ChartSurface {
    static let spec = CommandSpec(
        name: "surface",
        summary: "the loaded option chain's out-of-the-money implied vols over strike and expiry, as a 3-D surface",
        effect: .query,
        arguments: [],
        run: run)

    static func run(_ c: CommandContext) throws {
        let (state, a) = try ChartSmile.chain(c)
        guard a.smiles.count >= 2 else {
            throw TapeError("a surface needs at least two expiries; this chain has one", span: c.span, hint: "chart smile draws it")
        }
        try ChartCommands.show(OptionsCharts.surface(a.smiles, analysis: a, underlying: state.underlying), c)
    }
}
