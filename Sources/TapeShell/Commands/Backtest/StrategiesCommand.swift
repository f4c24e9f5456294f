import TapeCore

/// `strategies [STRATEGY]`: the built-in strategies with their parameters and defaults,
/// or one of them explained, from the strategy table (`StrategyRegistry`).
enum StrategiesCommand: Command {
    static let spec = CommandSpec(
        name: "strategies",
        summary: "list the built-in strategies with their parameters and defaults, or explain one",
        effect: .meta,
        arguments: [ArgumentSpec("STRATEGY", .choice(StrategyRegistry.names), optional: true,
                                 help: "one strategy: its rule and every parameter with its default and range")],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let name)? = c.argument(0) else {
            for line in StrategyRegistry.listing { c.print(line) }
            return
        }
        let info = try BacktestRun.core(c) { try StrategyRegistry.named(name) }
        c.print(info.usage)
        c.print("  \(info.help)\(info.kind == .portfolio ? " (several symbols)" : "")")
        for p in info.parameters {
            let range = StrategyOptions.option(p, range: false)
            let facts = HelpText.facts(range.kind, range.bounds, range: false, required: false, choices: false)
            c.print("  \(p.name) \(StrategyRegistry.format(p.defaultValue)): \(p.help) (\(facts.joined(separator: ", ")))")
        }
    }
}
