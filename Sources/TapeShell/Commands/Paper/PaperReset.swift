import TapeCore

/// `paper reset [cash N]`: empties the simulator's account in one transaction (risk
/// rules and settings are kept); its clock starts again wherever it is next asked to.
enum PaperReset {
    static let spec = CommandSpec(
        name: "reset", summary: "empty the paper account: orders, fills and positions; cash back to the start",
        effect: .changesState, options: [.money("cash", "starting cash of the emptied account", bounds: .positive)],
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let ledger = try PaperState.of(c).simulated(c, because: "an Alpaca paper account is reset on Alpaca's dashboard")
        var config = try PaperState.call(c) { try ledger.broker().config }
        if let cash = c.value("cash") { config.startingCash = cash }
        try PaperState.call(c) { try ledger.reset(config: config) }
        c.print("paper account reset: cash \(Format.fixed(config.startingCash, 2))")
    }
}
