import TapeCore

/// `chain parity`: strikes where put-call parity is broken by more than both spreads.
enum ChainParity {
    static let spec = CommandSpec(
        name: "parity",
        summary: "strikes where put-call parity is broken beyond both spreads",
        details: "European parity: American options may legitimately show gaps.",
        effect: .query,
        arguments: [],
        run: run)

    static func run(_ c: CommandContext) throws {
        let (_, a) = try ChainState.loaded(c)
        guard !a.parityViolations.isEmpty else { c.print("no put-call parity violations beyond the spreads"); return }
        var t = TextTable(["expiry", "strike", "parity", "C-P bid", "C-P ask", "excess"])
        for v in a.parityViolations {
            t.add([CivilTime.format(v.expiration), Format.number(v.strike), Format.fixed(v.parity, 4),
                   Format.fixed(v.syntheticBid, 4), Format.fixed(v.syntheticAsk, 4), Format.fixed(v.excess, 4)])
        }
        c.print(table: t)
    }
}
