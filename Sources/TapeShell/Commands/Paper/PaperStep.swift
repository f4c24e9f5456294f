import TapeCore

/// `paper step [BARS]`: the next BARS bar times of every loaded dataset, each in its own
/// ledger transaction.
enum PaperStep {
    static let spec = CommandSpec(
        name: "step", summary: "process the next BARS bar times of every loaded dataset (default 1)", effect: .changesState,
        arguments: [ArgumentSpec("BARS", .count, bounds: .from(1, to: 10_000_000), optional: true, help: "bar times to process")],
        run: run)

    static func run(_ c: CommandContext) throws {
        let ledger = try PaperState.of(c).simulated(c, because: PaperClock.alpacaReason)
        var n = 1
        if case .number(let x)? = c.argument(0), let whole = Int(exactly: x) { n = whole }
        try PaperClock.advance(c, ledger) { clock in try ledger.step(&clock, count: n) }
    }
}
