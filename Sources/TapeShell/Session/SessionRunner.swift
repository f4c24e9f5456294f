import Foundation
import TapeCore
import TapeData

/// What the `tape` executable does with its flags, so that `Sources/tape` stays a thin
/// entry point: run session files, check or update them, render notebooks, start the
/// prompt. Each returns whether everything succeeded; nothing here calls `exit`.
public enum SessionRunner {
    /// Flags that shape a run.
    public struct Options {
        public var keepGoing = false
        public var seed: UInt64?
        public var ledger: String?
        /// `--trust`: the files may do what commands typed at the prompt may.
        public var trusted = false
        /// `--allow-env NAME,...`: environment variables an untrusted file may expand.
        public var allowedEnvironment: Set<String> = []
        public var record = true
        public init() {}
    }

    /// `tape FILE...`: each file replayed as a script (its seed, pinned network bodies,
    /// scratch ledger from the recorded start), one workspace for all of them.
    public static func runFiles(_ files: [String], options: Options, output: OutputSink = StandardOutput()) -> Bool {
        var shell: Shell?
        for f in files {
            guard let text = readText(f) else { return false }
            let parsed = SessionFile.parse(text)
            var terminal = TerminalCapabilities.measure()
            terminal.interactive = false
            terminal.colour = false
            let session = Session.replaying(parsed, path: f, mode: .script, seed: options.seed, ledger: options.ledger,
                                            trusted: options.trusted, allowedEnvironment: options.allowedEnvironment,
                                            terminal: terminal)
            let s = shell ?? Shell(output: output, session: session)
            if shell != nil {
                // Later files run in the same workspace under their own session.
                s.replaceSession(session)
            }
            shell = s
            if !s.runScript(text, name: f, keepGoing: options.keepGoing) { return false }
        }
        return true
    }

    /// `tape -c 'COMMANDS'`: typed on the command line by the user, so trusted.
    public static func runCommands(_ text: String, options: Options) -> Bool {
        let session = Session.script(.commandLine, seed: options.seed, ledger: options.ledger, trusted: true)
        return Shell(session: session).runScript(text, name: "-c", keepGoing: options.keepGoing)
    }

    /// Commands piped on stdin: a script from somewhere else, untrusted unless `--trust`.
    public static func runStandardInput(options: Options) -> Bool {
        let session = Session.script(.standardInput, seed: options.seed, ledger: options.ledger, trusted: options.trusted,
                                     allowedEnvironment: options.allowedEnvironment)
        let repl = REPL(shell: Shell(session: session), reader: PlainLineReader(), interactive: false)
        return repl.run(keepGoing: options.keepGoing)
    }

    /// `tape --check FILE...` / `tape --update FILE...`: prints each file's differences
    /// (or writes its output back, through a temporary file renamed into place).
    public static func check(_ files: [String], update: Bool, options: Options, print: (String) -> Void) -> Bool {
        var ok = true
        for f in files {
            guard let text = readText(f) else { ok = false; continue }
            let (result, rewritten) = SessionChecker.check(text: text, name: f, update: update, trusted: options.trusted)
            if update, let rewritten {
                do {
                    try AtomicFile.write(Data(rewritten.utf8), to: f)
                    print("updated \(f): \(result.commands) commands")
                } catch {
                    StandardStreams.write("error: cannot write \(f): \(error)\n", to: 2)
                    ok = false
                }
                continue
            }
            // The differences quote the file and what the replay printed: no control sequence
            // from either reaches the terminal.
            for d in result.differences { print(TerminalText.safe(d)) }
            print(result.passed ? "ok \(f): \(result.commands) commands" : "FAILED \(f): \(result.differences.count) difference(s)")
            if !result.passed { ok = false }
        }
        return ok
    }

    /// `tape notebook FILE [-o OUT]`: Markdown (pictures in `OUT-stem_files/` beside it)
    /// or one self-contained HTML file.
    public static func notebook(_ file: String, output: String?, print: (String) -> Void) -> Bool {
        guard let text = readText(file) else { return false }
        let target = output ?? ((file as NSString).deletingPathExtension + ".md")
        let format: Notebook.Format = target.lowercased().hasSuffix(".html") ? .html : .markdown
        let pictures = (target as NSString).deletingPathExtension + "_files"
        let rendered = Notebook.render(text: text, name: file, format: format, pictures: format == .markdown ? pictures : nil)
        do {
            try AtomicFile.write(Data(rendered.utf8), to: target)
        } catch {
            StandardStreams.write("error: cannot write \(target): \(error)\n", to: 2)
            return false
        }
        print("wrote \(target)")
        return true
    }

    /// The prompt: line editing, history, completion, and the session recorded to
    /// `sessions/` (or the user's data folder) unless `record` is off.
    public static func interactive(options: Options, banner: (String) -> Void) {
        setlocale(LC_CTYPE, "")
        let session = Session.interactive(seed: options.seed, ledger: options.ledger)
        let shell = Shell(session: session)
        banner("Tape \(TapeVersion.string) — type help for commands; try: load SPY, then describe")
        if options.record {
            let dir = SessionRecorder.defaultDirectory()
            Paths.ensureDirectory(dir)
            do {
                let rec = try SessionRecorder.create(in: dir, seed: session.seed, clock: session.clock)
                session.recorder = rec
                banner("recording to \(rec.path)")
            } catch {
                banner("not recording: \(error)")
            }
        }
        let completer = ShellCompleter(shell: shell)
        let reader = EditLineReader(historyFile: HistoryLocation.defaultFile(), completion: completer)
        _ = REPL(shell: shell, reader: reader, interactive: true).run()
    }

    static func readText(_ path: String) -> String? {
        do {
            guard let text = String(data: try LocalFile.read(path), encoding: .utf8) else {
                StandardStreams.write(TerminalText.safe("error: \(path) is not UTF-8 text") + "\n", to: 2)
                return nil
            }
            return text
        } catch {
            StandardStreams.write(TerminalText.safe("error: \(error)") + "\n", to: 2)
            return nil
        }
    }
}
