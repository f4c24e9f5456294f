/// `use NAME`: which loaded dataset bare names (`close`, `sma(close, 20)`) refer to.
enum UseCommand: Command {
    static let spec = CommandSpec(
        name: "use", summary: "make a loaded dataset the current one (bare names like close refer to it)",
        effect: .changesState,
        arguments: [ArgumentSpec("NAME", .word, help: "a loaded dataset", completions: DataCommands.datasetNames)],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.dataset(named: c.positionals.first)
        c.workspace.currentName = d.name.uppercased()
    }
}
