/// `drop NAME`: forgets a loaded dataset (the store keeps what was saved).
enum DropCommand: Command {
    static let spec = CommandSpec(
        name: "drop", summary: "forget a loaded dataset", effect: .changesState,
        arguments: [ArgumentSpec("NAME", .word, help: "a loaded dataset", completions: DataCommands.datasetNames)],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.dataset(named: c.positionals.first)
        c.workspace.remove(d.name)
    }
}
