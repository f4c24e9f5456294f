/// `set`: a container whose subcommands are the settings of every area (`Settings.all`),
/// each a declaration of its own. `set` alone lists every setting's current value.
enum SetCommand: Command {
    static let spec = CommandSpec(
        name: "set",
        usage: "set SETTING ...",
        summary: "change a setting: " + Settings.all.map(\.name).joined(separator: ", "),
        details: "set              every setting's current value\nhelp set NAME    what a setting takes",
        effect: .changesState,
        arguments: [],
        subcommands: Settings.all.map(\.declaration),
        run: run)

    static func run(_ c: CommandContext) throws {
        for s in Settings.all { c.print("\(s.name) = \(s.current(c.shell))") }
    }
}
