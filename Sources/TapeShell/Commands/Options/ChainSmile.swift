import TapeCore

/// `chain smile [N]`: strikes and implied vols of every expiry (or the Nth), drawn as one
/// out-of-the-money smile per expiry.
enum ChainSmile {
    static let spec = CommandSpec(
        name: "smile",
        summary: "strikes and implied vols of every expiry, or of the Nth, drawn as smile curves",
        details: """
        chain smile        every expiry, nearest first, one curve each (at most 10 drawn)
        chain smile 2      the 2nd expiry only
        """,
        effect: .query,
        options: [.flag("nochart", "print the tables without the picture")],
        arguments: [ArgumentSpec("N", .count, bounds: .atLeast(1), optional: true, help: "the expiry's number, nearest first")],
        run: run)

    static func run(_ c: CommandContext) throws {
        let (state, a) = try ChainState.loaded(c)
        var smiles = a.smiles
        if case .number(let n)? = c.argument(0) {
            // The count's bounds keep n whole and at least 1; how many expiries there are
            // is known only now.
            guard n <= Double(smiles.count), let i = Int(exactly: n) else {
                throw TapeError("expected an expiry number from 1 to \(smiles.count)", span: c.positionals.first?.span ?? c.span)
            }
            smiles = [smiles[i - 1]]
        }
        for s in smiles {
            c.print("expiry \(CivilTime.format(s.expiration))  t=\(Format.number(s.years))  forward \(Format.fixed(s.forward, 4))  ATM vol \(ChainState.pct(s.atmVol))")
            var t = TextTable(["strike", "ln(K/F)", "call iv", "put iv", "otm iv"])
            for p in s.points {
                t.add([Format.number(p.strike), Format.fixed(p.logMoneyness, 4), ChainState.pct(p.callIV), ChainState.pct(p.putIV), ChainState.pct(p.otm)])
            }
            c.print(table: t)
        }
        let drawn = OptionsCharts.spread(smiles.count)
        if drawn.count < smiles.count && !c.has("nochart") && c.workspace.state({ ChartState() }).settings.terminal != .none {
            c.print("the chart draws \(drawn.count) of the \(smiles.count) expiries, nearest to farthest (chain smile N draws one)")
        }
        try OptionsCharts.draw(OptionsCharts.smile(drawn.map { smiles[$0] }, analysis: a, underlying: state.underlying, spot: state.spot), c)
    }
}
