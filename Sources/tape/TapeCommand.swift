import ArgumentParser
import Foundation
import TapeShell

/// The process's own flags. Everything after start-up happens inside the shell, which
/// never calls `exit` itself: it returns a status that this thin layer hands back.
struct TapeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tape",
        abstract: "A line-editing shell for trading research.",
        discussion: """
        tape                       interactive shell (records the session to sessions/)
        tape FILE.tape             run a session file as a script
        tape -c 'load SPY; describe'
        echo 'load SPY' | tape     commands on stdin run as a script
        tape --check FILE.tape     replay and compare with the stored #> output
        tape --update FILE.tape    replay and write the output back as #> lines
        tape notebook FILE.tape -o out.html
                                   replay and render a notebook (.md or .html;
                                   HTML inlines every chart)
        """,
        version: TapeVersion.string)

    @Argument(help: "Session files (.tape) to run, or to check with --check/--update.")
    var files: [String] = []

    @Option(name: .short, help: ArgumentHelp("Run these commands (separated by ';') and exit.", valueName: "commands"))
    var command: String?

    @Flag(help: "Replay each file and report every output that differs from its #> lines.")
    var check = false

    @Flag(help: "Replay each file and write its output back as #> lines.")
    var update = false

    @Flag(help: "Carry on after a failed command (the exit status still reports it).")
    var keepGoing = false

    @Flag(help: "Do not record the interactive session.")
    var noRecord = false

    @Option(help: "Seed for everything random in this run.")
    var seed: UInt64?

    @Option(help: "Paper-trading ledger file (replays use a scratch ledger unless this is given).")
    var ledger: String?

    @Flag(help: .hidden)
    var commandReference = false

    @Option(name: .shortAndLong, help: "With `notebook`: the output file (.md or .html).")
    var output: String?

    func run() throws {
        // A reader that goes away (`tape ... | head`, a gnuplot that exits early) must
        // give EPIPE to handle, not a signal that kills the shell.
        Interrupts.ignoreSIGPIPE()
        if commandReference {
            print(CommandReference.markdown(CommandTable.standard()), terminator: "")
            return
        }
        if files.first == "notebook" {
            guard files.count == 2 else { throw ValidationError("usage: tape notebook FILE.tape [-o out.md | out.html]") }
            let f = files[1]
            guard let text = try? String(contentsOfFile: f, encoding: .utf8) else { throw ValidationError("cannot read \(f)") }
            let target = output ?? ((f as NSString).deletingPathExtension + ".md")
            let format: Notebook.Format = target.lowercased().hasSuffix(".html") ? .html : .markdown
            let rendered = Notebook.render(text: text, name: f, format: format)
            do {
                try Data(rendered.utf8).write(to: URL(fileURLWithPath: target))
            } catch {
                throw ValidationError("cannot write \(target)")
            }
            print("wrote \(target)")
            return
        }
        if check || update {
            guard !files.isEmpty else { throw ValidationError("--check and --update need session files") }
            var failed = false
            for f in files {
                guard let text = try? String(contentsOfFile: f, encoding: .utf8) else {
                    StandardStreams.write("error: cannot read \(f)\n", to: 2)
                    failed = true
                    continue
                }
                let (result, rewritten) = SessionChecker.check(text: text, name: f, update: update)
                if update, let rewritten {
                    do {
                        try Data(rewritten.utf8).write(to: URL(fileURLWithPath: f + ".tmp"))
                        _ = rename(f + ".tmp", f)
                        print("updated \(f): \(result.commands) commands")
                    } catch {
                        StandardStreams.write("error: cannot write \(f)\n", to: 2)
                        failed = true
                    }
                    continue
                }
                for d in result.differences { print(d) }
                print(result.passed ? "ok \(f): \(result.commands) commands" : "FAILED \(f): \(result.differences.count) difference(s)")
                if !result.passed { failed = true }
            }
            if failed { throw ExitCode(1) }
            return
        }
        let shell = Shell()
        if let seed { shell.workspace.seed = seed }
        if let ledger { shell.workspace.settings["ledger"] = ledger }
        if let command {
            if !shell.runScript(command, name: "-c", keepGoing: keepGoing) { throw ExitCode(1) }
            return
        }
        if !files.isEmpty {
            var ok = true
            for f in files {
                guard let text = try? String(contentsOfFile: f, encoding: .utf8) else {
                    StandardStreams.write("error: cannot read \(f)\n", to: 2)
                    throw ExitCode(1)
                }
                shell.sessionStem = SessionFile.stem(ofPath: f)
                if !shell.runScript(text, name: f, keepGoing: keepGoing) {
                    ok = false
                    if !keepGoing { break }
                }
            }
            if !ok { throw ExitCode(1) }
            return
        }
        if Terminal.isInteractive {
            runInteractive(shell)
            return
        }
        let repl = REPL(shell: shell, reader: PlainLineReader(), interactive: false)
        if !repl.run(keepGoing: keepGoing) { throw ExitCode(1) }
    }

    func runInteractive(_ shell: Shell) {
        setlocale(LC_CTYPE, "")
        shell.isInteractive = true
        print("Tape \(TapeVersion.string) — type help for commands; try: load SPY, then describe")
        if !noRecord {
            let dir = SessionRecorder.defaultDirectory()
            Paths.ensureDirectory(dir)
            let stamp = Self.timestamp()
            let path = "\(dir)/session-\(stamp.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "T", with: "-")).tape"
            if seed == nil { shell.workspace.seed = UInt64(Date().timeIntervalSince1970) % 1_000_000 }
            if let rec = try? SessionRecorder(path: path, seed: shell.workspace.seed, clock: stamp) {
                shell.recorder = rec
                shell.sessionStem = SessionFile.stem(ofPath: path)
                print("recording to \(path)")
            }
        }
        let completer = ShellCompleter(shell: shell)
        let reader = EditLineReader(historyFile: HistoryLocation.defaultFile(), completion: completer)
        _ = REPL(shell: shell, reader: reader, interactive: true).run()
    }

    static func timestamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return f.string(from: Date())
    }
}
