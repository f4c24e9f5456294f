import Foundation
import TapeCore

/// The shell: parses a line, runs its statements through the one command table, prints
/// through an output sink, and tells the recorder what ran. Interactive input, scripts,
/// `-c`, `--check` and `replay` all come through `run(line:)`, so a replay behaves
/// exactly like the live session it was recorded from.
public final class Shell {
    public enum Outcome: Equatable {
        case ok
        case failed
        case quit
    }

    public let workspace = Workspace()
    public let commands: CommandTable
    public let functions: FunctionTable
    public var output: OutputSink
    public var recorder: SessionRecorder?
    /// Where the session being run or recorded lives (names plot files, resolves nothing else).
    public var sessionStem = "session"
    /// Lines of input in this process, for `history`.
    public private(set) var history: [String] = []
    /// The file and line of the script being run, for error locations.
    public var location: String?
    /// Whether the shell runs a replay (`--check`, `replay`): no side effects on the
    /// user's real ledger, no recording.
    public var isReplay = false
    /// True only for the interactive prompt. Scripts (`tape FILE`, `-c`, piped input)
    /// and replays trade on a scratch paper ledger unless `--ledger` or `set ledger`
    /// names one, so running someone's session file never touches your own account.
    public var isInteractive = false
    /// The interactive prompt's reader, set by the REPL when a person is typing, so a
    /// command that asks questions (`lesson`) reads through the same line editor. Nil
    /// in scripts, pipes and replays: such commands then run without asking.
    public var lineReader: LineReader?
    /// Chart files written by the command running now (`noteChart`), for notebooks.
    public private(set) var chartsOfCommand: [String] = []
    /// `nested` runs under way (see `nested`).
    private var nestingDepth = 0
    /// Deeper than this, a command is running itself (a user command whose body calls it,
    /// a file that replays itself, `time time ...`); stopped before the stack overflows.
    static let maxNesting = 16

    public init(output: OutputSink = StandardOutput(), commands: CommandTable = .standard(), functions: FunctionTable = .standard()) {
        self.output = output
        self.commands = commands
        self.functions = functions
        UserCommands.register(into: self)
    }

    /// Sets up a fresh shell to replay the session file read from `path`: its seed, the
    /// network responses its header pins by hash (so the replay gives the same numbers
    /// offline), and plot names after the file.
    public func prepareReplay(of file: SessionFile, path: String) {
        isReplay = true
        sessionStem = SessionFile.stem(ofPath: path)
        if let seed = file.headerValues("seed").first.flatMap(UInt64.init) { workspace.seed = seed }
        workspace.state { DataSourcesState() }.applyReplayHeader(fetched: file.headerValues("fetched"))
    }

    /// A chart command reports each picture it wrote, so a notebook can embed it under
    /// the command that drew it.
    public func noteChart(_ path: String) { chartsOfCommand.append(path) }

    /// Returns and forgets the charts noted since the last call.
    public func takeCharts() -> [String] { defer { chartsOfCommand = [] }; return chartsOfCommand }

    /// Runs one logical line (continuations already joined). Statements separated by `;`
    /// run in order and stop at the first failure.
    @discardableResult
    public func run(line: String) -> Outcome {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return .ok }
        history.append(line)
        let statements: [(Statement, String)]
        do {
            statements = try Parser.parseWithText(line, grammar: commands)
        } catch {
            report(TapeError.wrap(error), line: line)
            recorder?.recordFailure(line, error: TapeError.wrap(error).description)
            return .failed
        }
        for (st, text) in statements {
            // Only the outermost statement saves the workspace: a cancelled `replay`,
            // `time` or user command is undone as a whole.
            let saved = nestingDepth == 0 ? workspace.checkpoint() : nil
            do {
                // A statement never starts once Ctrl-C was pressed: the rest of a `;`
                // line, a replayed file or a notebook's cells stop here.
                try Interrupts.check()
                let outcome = try execute(st)
                if outcome == .quit { return .quit }
                if shouldRecord(st) { recorder?.record(text) }
            } catch {
                var e = TapeError.wrap(error)
                if Interrupts.cancelRequested {
                    // Whatever the command threw on its way out (a gnuplot killed by the
                    // same SIGINT, a replay that stopped), Ctrl-C is the reason.
                    if let saved { workspace.restore(saved) }
                    e = TapeError(Interrupts.message)
                    // The outermost statement reports it once.
                    if nestingDepth == 0 { output.error(Interrupts.message) }
                } else {
                    report(e, line: line)
                }
                recorder?.recordFailure(text, error: e.description)
                return .failed
            }
        }
        return .ok
    }

    func shouldRecord(_ st: Statement) -> Bool {
        if case .command(let c) = st, let spec = commands.lookup(c.name) { return spec.effect != .meta }
        return true
    }

    public func report(_ e: TapeError, line: String) {
        for l in ErrorRenderer.render(e, line: line, location: location) { output.error(l) }
    }

    func execute(_ st: Statement) throws -> Outcome {
        switch st {
        case .assign(let name, let span, let value):
            let key = name.lowercased()
            if commands.isCommand(key) || functions.lookup(key) != nil || ["open", "high", "low", "close", "volume"].contains(key) {
                throw TapeError("'\(name)' is already a command, function or column name", span: span, hint: "choose another name")
            }
            // Evaluate once now so a mistake shows at the `let`, not later where it is used.
            if workspace.current != nil {
                _ = try Evaluator(workspace: workspace, functions: functions).evaluate(value)
            }
            workspace.bindings[key] = value
            return .ok
        case .expression(let e):
            let v = try Evaluator(workspace: workspace, functions: functions).evaluate(e)
            for l in ValuePrinter.lines(v) { output.line(l) }
            return .ok
        case .command(let inv):
            guard let spec = commands.lookup(inv.name) else {
                throw TapeError("unknown command '\(inv.name)'", span: inv.nameSpan, hint: Suggest.hint(inv.name, in: commands.allNames))
            }
            try checkArguments(inv, spec)
            if spec.name == "quit" { return .quit }
            try spec.run(CommandContext(shell: self, invocation: inv, spec: spec))
            return .ok
        }
    }

    /// The dispatcher's generic checks, once for every command: unknown option keys and
    /// too many positional arguments.
    func checkArguments(_ inv: CommandInvocation, _ spec: CommandSpec) throws {
        let known = Set(spec.keys + spec.flags)
        var positional = 0
        for item in inv.items {
            switch item {
            case .option(let key, let span, _):
                if !known.contains(key) {
                    throw TapeError("\(spec.name) has no option '\(key)'", span: span,
                                    hint: Suggest.hint(key, in: Array(known)).map { $0 + " usage: \(spec.usage)" } ?? "usage: \(spec.usage)")
                }
            case .positional(let e):
                positional += 1
                if let max = spec.maxPositional, positional > max {
                    throw TapeError(max == 0 ? "\(spec.name) takes no arguments" : "too many arguments for \(spec.name)",
                                    span: e.span, hint: "usage: \(spec.usage)")
                }
            }
        }
    }

    /// Runs a whole script: joins continuation lines, skips comments and stored output,
    /// stops at the first failure unless `keepGoing`. Returns whether every line succeeded.
    public func runScript(_ text: String, name: String, keepGoing: Bool = false) -> Bool {
        var ok = true
        for cell in SessionFile.parse(text).cells {
            location = "\(name):\(cell.lineNumber)"
            let outcome = run(line: cell.command)
            if outcome == .quit { break }
            // Ctrl-C ends the script even with keepGoing (interactive `replay`).
            if outcome == .failed, Interrupts.cancelRequested { ok = false; break }
            if outcome == .failed {
                ok = false
                if !keepGoing { break }
            }
        }
        location = nil
        return ok
    }
}

extension Shell {
    /// Runs `body` with recording suspended: a replayed file or a user-defined command is
    /// recorded once, as the line that ran it. `time`, `replay` and user commands are the
    /// only ways a line runs lines, and all come through here, so this is where a command
    /// that runs itself is stopped: past `maxNesting` levels it throws at `span`.
    public func nested<T>(at span: Span?, _ body: (Shell) -> T) throws -> T {
        guard nestingDepth < Self.maxNesting else {
            throw TapeError("commands nest more than \(Self.maxNesting) deep", span: span,
                            hint: "does a user command or a replayed file run itself?")
        }
        let saved = recorder, savedLocation = location
        recorder = nil
        nestingDepth += 1
        defer { recorder = saved; location = savedLocation; nestingDepth -= 1 }
        return body(self)
    }
}
