import Foundation

/// `lesson`: the teaching sessions of sessions/lessons/, listed or stepped through.
///
/// A lesson is an ordinary session file: the comment lines above a command are its
/// prose, the command is the step, and the `#>` lines under it are the output it gave
/// when it was written (checked in CI by `tape --check`, so the prose and the numbers
/// stay in agreement). Stepping shows the prose and the command, then runs it when the
/// user presses Enter, or runs what the user typed instead (LessonStepper).
///
/// The lesson runs in a shell of its own that prints through this shell's output: it
/// starts from a clean workspace whatever the user had loaded, and its `paper` commands
/// use a scratch ledger, so a lesson that resets its paper account never touches the
/// user's. What the user loaded and bound before the lesson is still there after it.
enum LessonCommand: Command {
    static let spec = CommandSpec(
        name: "lesson",
        aliases: ["lessons"],
        usage: "lesson [N | NAME]",
        summary: "list the lessons, or step through one: Enter runs the next command, a typed line runs instead, q stops",
        details: """
        lesson              the lessons in sessions/lessons/ with their titles
        lesson 3            step through lesson 3 (also: lesson rsi, a word of its file name)
        At each step: Enter runs the command shown; typing another command runs that
        instead (a variation), then the lesson continues; q (or Ctrl-D) stops.
        In a script or under --check the whole lesson is printed and run without stopping.
        Lessons are read from sessions/lessons/ of the working directory, else from the
        sessions/lessons/ of the checkout the tape executable was built in. A lesson runs
        in a fresh workspace with a scratch paper ledger; yours is left as it was.
        """,
        effect: .meta,
        // A number or a word of a file name: the text as typed is matched (`03`, `rsi`).
        arguments: [ArgumentSpec("N|NAME", .expression, optional: true, help: "the lesson's number or a word of its name",
                                 completions: { _ in (try? LessonCatalog.located(span: .none))?.lessons.map(\.stem) ?? [] })],
        run: run)

    static func run(_ c: CommandContext) throws {
        try LessonStepper.refuseNesting(in: c.shell, span: c.span)
        let catalog = try LessonCatalog.located(span: c.span)
        guard let e = c.positionals.first else {
            let width = catalog.lessons.map { ($0.number.map(String.init) ?? $0.stem).count }.max() ?? 0
            for l in catalog.lessons {
                let label = l.number.map(String.init) ?? l.stem
                c.print(String(repeating: " ", count: width - label.count) + label + "  " + l.title)
            }
            c.print("lesson N steps through one (from \(catalog.displayDirectory))")
            return
        }
        var key = c.invocation.text(of: e)
        if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 { key = String(key.dropFirst().dropLast()) }
        let found = try catalog.lesson(matching: key, span: e.span)
        guard let text = try? String(contentsOfFile: found.path, encoding: .utf8) else {
            throw TapeError("cannot read \(found.path)", span: e.span)
        }
        try LessonStepper.runInOwnShell(text: text, lesson: found, parent: c.shell, span: e.span)
    }
}
