/// `quit`: leaves the shell. The shell stops its loop when it sees this command
/// (Shell.execute), so nothing inside calls `exit`; the run function is never reached.
enum QuitCommand: Command {
    static let spec = CommandSpec(name: "quit", aliases: ["exit"], summary: "leave the shell (Ctrl-D does too)",
                                  effect: .meta, arguments: [], run: { _ in })
}
