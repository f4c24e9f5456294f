import TapeCore

/// `chain term`: the at-the-money vol of each expiry, interpolated at the forward.
enum ChainTerm {
    static let spec = CommandSpec(
        name: "term",
        summary: "ATM vol per expiry, interpolated at the forward",
        effect: .query,
        arguments: [],
        run: run)

    static func run(_ c: CommandContext) throws {
        let (_, a) = try ChainState.loaded(c)
        var t = TextTable(["expiry", "years", "ATM vol"])
        for s in a.smiles { t.add([CivilTime.format(s.expiration), Format.fixed(s.years, 4), ChainState.pct(s.atmVol)]) }
        c.print(table: t)
    }
}
