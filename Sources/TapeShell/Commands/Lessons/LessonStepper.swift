import Foundation

/// Shows a lesson cell by cell and runs each command in `shell`. With a `reader`
/// it waits at each command; without one it runs straight through.
struct LessonStepper {
    /// The shell the lesson's commands run in.
    let shell: Shell
    /// Where the prose and prompts go (the lesson shell's output too).
    let output: OutputSink
    let reader: LineReader?
    /// Receives each chart a step drew, so a notebook of the calling session embeds it.
    var noteChart: (String) -> Void = { _ in }

    /// How a lesson run ended.
    struct Summary: Equatable {
        /// Commands run: the lesson's own and the user's variations.
        var ran: Int
        var variations: Int
        var failed: Int
        /// The user stopped before the end.
        var stopped: Bool
    }

    static let prompt = "lesson [Enter runs it, or type a command, q stops]> "

    func run(_ file: SessionFile, name: String) -> Summary {
        var summary = Summary(ran: 0, variations: 0, failed: 0, stopped: false)
        output.line("── lesson \(name) ──")
        if reader != nil { output.line("Enter runs each command; type your own to run it instead; q stops.") }
        for (k, cell) in file.cells.enumerated() {
            // A blank line between steps at the prompt, where output and the next
            // step's prose would otherwise run together.
            if reader != nil, k > 0 { output.line("") }
            for p in cell.comments { output.line(Self.plain(p)) }
            output.line("tape> " + cell.commandLines.joined(separator: "\n  ...> "))
            var line = cell.command
            if let reader {
                switch ask(reader) {
                case .stop:
                    summary.stopped = true
                    output.line("(lesson stopped)")
                    return summary
                case .run: break
                case .instead(let typed):
                    line = typed
                    summary.variations += 1
                }
            }
            summary.ran += 1
            if shell.run(line: line) == .failed { summary.failed += 1 }
            shell.takeCharts().forEach(noteChart)
            // Ctrl-C during a step stops the lesson, not just the step; the lesson
            // has its own shell, so the user's workspace is untouched either way.
            if Interrupts.cancelRequested {
                summary.stopped = true
                output.line("(lesson stopped)")
                return summary
            }
        }
        for p in file.trailing { output.line(Self.plain(p)) }
        output.line("── end of lesson ──")
        return summary
    }

    /// Prose for a terminal: the Markdown marks that only matter in a notebook
    /// (`**bold**`, `` `code` ``) are dropped; the words stay.
    static func plain(_ markdown: String) -> String {
        markdown.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
    }

    enum Answer: Equatable {
        case run
        case instead(String)
        case stop
    }

    /// Reads the user's answer at a step, joining continuation lines of a typed
    /// command as the prompt does.
    func ask(_ reader: LineReader) -> Answer {
        switch reader.read(prompt: Self.prompt) {
        case .eof, .interrupt:
            return .stop
        case .line(let l):
            let t = l.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { return .run }
            if ["q", "quit", "exit"].contains(t.lowercased()) { return .stop }
            var lines = [l]
            while Continuation.needsMore(lines.joined(separator: "\n")) {
                guard case .line(let more) = reader.read(prompt: "  ...> ") else { return .stop }
                lines.append(more)
            }
            let typed = Continuation.join(lines)
            reader.addHistory(typed)
            return .instead(typed)
        }
    }

    /// The workspace setting that marks a lesson's own shell.
    static let runningKey = "lesson.running"

    /// A lesson file that ran `lesson` would nest shells without end.
    static func refuseNesting(in shell: Shell, span: Span) throws {
        if let running = shell.workspace.settings[runningKey] {
            throw TapeError("a lesson cannot start another lesson (\(running) is running)", span: span)
        }
    }

    /// Runs `text` in a fresh shell printing through `parent`'s output, with the
    /// parent's chart settings and seed, and a scratch paper ledger that is removed
    /// afterwards.
    static func runInOwnShell(text: String, lesson: Lesson, parent: Shell, span: Span) throws {
        try refuseNesting(in: parent, span: span)
        let file = SessionFile.parse(text)
        // The lesson replays its file as any session file is replayed (its seed, a
        // scratch ledger, its own chart names, untrusted), on the parent's terminal,
        // offline when the parent is.
        let p = parent.session
        let seed = file.headerValues("seed").first.flatMap(UInt64.init) ?? p.seed
        let session = Session.replaying(file, path: lesson.path, mode: p.mode == .interactive ? .replay : p.mode,
                                        seed: seed, terminal: p.terminal,
                                        charts: ChartNaming(seed: seed, writeDirectory: p.charts.writeDirectory))
        let shell = Shell(output: parent.output, session: session)
        shell.workspace.settings[runningKey] = lesson.stem
        shell.workspace.state { ChartState() }.settings = parent.workspace.state { ChartState() }.settings
        let summary = LessonStepper(shell: shell, output: parent.output, reader: p.lineReader, noteChart: parent.noteChart)
            .run(file, name: lesson.stem)
        if p.lineReader != nil {
            parent.output.line("\(summary.ran) commands run (\(summary.variations) yours); your own session is as you left it")
        }
    }
}
