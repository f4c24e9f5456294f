import TapeCore

/// `chain notes`: the quotes whose mid is not a price (zero bid, crossed, no ask,
/// outside the bounds, expired).
enum ChainNotes {
    static let spec = CommandSpec(
        name: "notes",
        summary: "rows with zero bids, crossed quotes, prices outside the bounds",
        effect: .query,
        arguments: [],
        run: run)

    static func run(_ c: CommandContext) throws {
        let (_, a) = try ChainState.loaded(c)
        let noted = a.rows.filter { !$0.notes.isEmpty }
        guard !noted.isEmpty else { c.print("no notes: every quote is usable"); return }
        var t = TextTable(["expiry", "type", "strike", "bid", "ask", "notes"])
        for r in noted {
            t.add([CivilTime.format(r.quote.expiration), r.quote.type.rawValue, Format.number(r.quote.strike),
                   Format.number(r.quote.bid), Format.number(r.quote.ask), r.notes.map(\.rawValue).joined(separator: "; ")])
        }
        c.print(table: t)
    }
}
