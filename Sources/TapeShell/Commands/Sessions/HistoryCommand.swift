/// `history [LINES]`: the lines typed in this session, numbered, without the `history`
/// line itself.
enum HistoryCommand: Command {
    static let spec = CommandSpec(
        name: "history",
        summary: "the last lines typed in this session (20 unless given)",
        details: "Up, Down and Ctrl-R search the history kept across runs (docs/TERMINAL.md).",
        effect: .meta,
        arguments: [ArgumentSpec("LINES", .count, bounds: .from(1, to: 1_000_000), optional: true, help: "how many lines")],
        run: run)

    static func run(_ c: CommandContext) throws {
        let count = c.argument(0).flatMap { v -> Int? in if case .number(let x) = v { return Int(exactly: x) }; return nil } ?? 20
        let typed = c.shell.history.dropLast()
        for (i, line) in typed.enumerated().suffix(count) { c.print(String(format: "%4d  ", i + 1) + line) }
    }
}
