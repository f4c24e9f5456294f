import Dispatch
import TapeCore

/// `time COMMAND`: runs another command's text through the shell and prints how long it
/// took. The parser hands the rest of the statement over unparsed (`takesRawText`).
enum TimeCommand: Command {
    static let spec = CommandSpec(
        name: "time",
        summary: "run a command and print how long it took",
        details: "time backtest SPY sma_cross fast 10 slow 30\nIn a replay the duration is not printed (it would differ every run).",
        effect: .changesState,
        arguments: [ArgumentSpec("COMMAND", .expression, help: "the command to time, as typed")],
        takesRawText: true,
        run: run)

    static func run(_ c: CommandContext) throws {
        guard let e = c.positionals.first, case .string(let text, _) = e else {
            throw TapeError("time needs a command to run", span: c.span, hint: "e.g. time describe")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome = try c.shell.nested(at: e.span) { $0.run(line: text) }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if outcome == .failed { throw TapeError("the timed command failed", span: e.span) }
        c.print(c.session.replaysAFile ? "time: (not shown in replays)" : "time: \(Format.fixed(ms, ms < 10 ? 3 : 1)) ms")
    }
}
