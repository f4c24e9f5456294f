/// `help`: every command, one command or subcommand, the functions, one function. The
/// text comes from the declarations (HelpText), laid out for the session's terminal.
enum HelpCommand: Command {
    static let spec = CommandSpec(
        name: "help",
        usage: "help [COMMAND [SUBCOMMAND ...] | FUNCTION | functions | commands]",
        summary: "list the commands, or explain one command, subcommand or function",
        details: """
        help            every command with a one-line summary
        help load       usage and details of a command
        help paper buy  a subcommand: its usage, arguments, options and details
        help functions  every function of the language
        help commands   every command's usage line
        help rsi        a function: parameters, defaults, outputs
        """,
        effect: .meta,
        arguments: [ArgumentSpec("TOPIC", .word, optional: true),
                    ArgumentSpec("SUBCOMMAND", .word, optional: true, variadic: true)],
        run: run)

    static func run(_ c: CommandContext) throws {
        var words: [String] = []
        for case .word(let w) in c.arguments.positionals { words.append(w.lowercased()) }
        let lines = try HelpText.lines(for: words, spans: c.positionals.map(\.span), shell: c.shell,
                                       width: c.session.terminal.columns)
        for line in lines { c.print(line) }
    }
}
