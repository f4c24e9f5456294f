import TapeCore

/// `paper check`: reconciles the simulator's ledger with itself (docs/PAPER.md, "The ledger").
enum PaperCheck {
    static let spec = CommandSpec(
        name: "check", summary: "reconcile the ledger: cash, positions at cost and fills must agree", effect: .query,
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let ledger = try PaperState.of(c).simulated(c, because: "Alpaca keeps its own books")
        let check = try PaperState.call(c) { try ledger.check() }
        c.print((check.isConsistent ? "consistent: " : "INCONSISTENT: ") + check.description)
    }
}
