import ArgumentParser
import TapeShell

/// The process's own flags. Everything after start-up happens inside the shell, which
/// never calls `exit` itself: it returns a status that this thin layer hands back.
struct TapeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tape",
        abstract: "A line-editing shell for trading research.",
        version: TapeVersion.string)

    @Argument(help: "A session file (.tape) to run as a script.")
    var file: String?

    @Option(name: .short, help: "Run these commands (separated by ';') and exit.")
    var command: String?

    func run() throws {
        print("tape \(TapeVersion.string)")
    }
}
