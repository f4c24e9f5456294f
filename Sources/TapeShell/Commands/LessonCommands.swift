import Foundation

/// `lesson`: the teaching sessions of sessions/lessons/, listed or stepped through.
///
/// A lesson is an ordinary session file: the comment lines above a command are its
/// prose, the command is the step, and the `#>` lines under it are the output it gave
/// when it was written (checked in CI by `tape --check`, so the prose and the numbers
/// stay in agreement). Stepping shows the prose and the command, then runs it when the
/// user presses Enter, or runs what the user typed instead.
///
/// The lesson runs in a shell of its own that prints through this shell's output: it
/// starts from a clean workspace whatever the user had loaded, and its `paper` commands
/// use a scratch ledger, so a lesson that resets its paper account never touches the
/// user's. What the user loaded and bound before the lesson is still there after it.
enum LessonCommands {
    static var all: [CommandSpec] { [lesson] }

    static let lesson = CommandSpec(
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
        maxPositional: 1
    ) { c in
        try Stepper.refuseNesting(in: c.shell, span: c.span)
        let catalog = try Catalog.located(span: c.span)
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
        try Stepper.runInOwnShell(text: text, lesson: found, parent: c.shell, span: e.span)
    }

    // MARK: - Finding lessons

    /// One lesson file: `NN-name.tape`, titled by its first comment line.
    struct Lesson: Equatable {
        var path: String
        /// The file name without `.tape`, e.g. `03-backtest-assumptions`.
        var stem: String
        /// The leading number of the file name, when it has one.
        var number: Int?
        var title: String
    }

    /// The lessons of one directory, in file-name order.
    struct Catalog {
        var directory: String
        var lessons: [Lesson]

        /// The directory as the user would type it: relative when under the working directory.
        var displayDirectory: String {
            let cwd = FileManager.default.currentDirectoryPath + "/"
            return directory.hasPrefix(cwd) ? String(directory.dropFirst(cwd.count)) : directory
        }

        /// Reads every `*.tape` file of `directory`.
        init(directory: String) throws {
            self.directory = directory
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            lessons = names.filter { $0.hasSuffix(".tape") }.sorted().map { name in
                let path = (directory as NSString).appendingPathComponent(name)
                let stem = String(name.dropLast(".tape".count))
                let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                return Lesson(path: path, stem: stem, number: Int(stem.prefix { $0.isNumber }), title: Self.title(of: text))
            }
        }

        /// The first comment line that is neither stored output nor a session header.
        static func title(of text: String) -> String {
            for line in text.split(separator: "\n") {
                let t = line.trimmingCharacters(in: .whitespaces)
                guard t.hasPrefix("#"), !t.hasPrefix("#>") else { continue }
                let body = t.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                if body.isEmpty || SessionFile.isHeaderKey(body) && body.contains(":") { continue }
                return body
            }
            return ""
        }

        /// sessions/lessons/ of the working directory, else of the checkout the
        /// executable lives in (…/REPO/.build/debug/tape), so `lesson` works from any
        /// directory for a tape built from source.
        static func located(span: Span) throws -> Catalog {
            let fm = FileManager.default
            var candidates = [fm.currentDirectoryPath + "/sessions/lessons"]
            if let exe = Bundle.main.executablePath {
                var dir = ((exe as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
                for _ in 0..<6 where dir.count > 1 {
                    candidates.append(dir + "/sessions/lessons")
                    dir = (dir as NSString).deletingLastPathComponent
                }
            }
            var isDir: ObjCBool = false
            guard let dir = candidates.first(where: { fm.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue }) else {
                throw TapeError("no lessons found: sessions/lessons/ is not in the working directory", span: span,
                                hint: "run tape from the Tape checkout, where sessions/lessons/ holds the lessons")
            }
            let catalog = try Catalog(directory: dir)
            guard !catalog.lessons.isEmpty else { throw TapeError("\(dir) holds no .tape lessons", span: span) }
            return catalog
        }

        /// `3`, `03`, a whole file name, or a word that appears in exactly one name.
        func lesson(matching key: String, span: Span) throws -> Lesson {
            let k = key.lowercased().replacingOccurrences(of: ".tape", with: "")
            if let n = Int(k) {
                if let l = lessons.first(where: { $0.number == n }) { return l }
                throw TapeError("there is no lesson \(n)", span: span, hint: "lesson lists them")
            }
            if let l = lessons.first(where: { $0.stem.lowercased() == k }) { return l }
            let matches = lessons.filter { $0.stem.lowercased().contains(k) || $0.title.lowercased().contains(k) }
            if matches.count == 1, let l = matches.first { return l }
            if matches.isEmpty {
                throw TapeError("no lesson matches '\(key)'", span: span, hint: "lesson lists them")
            }
            throw TapeError("'\(key)' matches \(matches.count) lessons: " + matches.map(\.stem).joined(separator: ", "),
                            span: span, hint: "give its number")
        }
    }

    // MARK: - Stepping

    /// Shows a lesson cell by cell and runs each command in `shell`. With a `reader`
    /// it waits at each command; without one it runs straight through.
    struct Stepper {
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
            let summary = Stepper(shell: shell, output: parent.output, reader: p.lineReader, noteChart: parent.noteChart)
                .run(file, name: lesson.stem)
            if p.lineReader != nil {
                parent.output.line("\(summary.ran) commands run (\(summary.variations) yours); your own session is as you left it")
            }
        }
    }
}
