import Foundation
import TapeCore
import TapeData

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
    /// What this session is and may do: mode, file, recorder, seed, clock, terminal, and
    /// the ledger, network, chart and trust policies. Replaced for the length of a nested
    /// replay (`replay "FILE"`), which runs under the file's own session.
    public private(set) var session: Session
    /// Lines of input in this process, for `history`.
    public private(set) var history: [String] = []
    /// The file and line of the script being run, for error locations.
    public var location: String?
    /// Chart files written by the command running now (`noteChart`), for notebooks.
    public private(set) var chartsOfCommand: [String] = []
    /// `nested` runs under way (see `nested`).
    private var nestingDepth = 0
    /// The nesting depth of the current session's own statements (0, or a nested replay's).
    private var sessionDepth = 0
    /// Deeper than this, a command is running itself (a user command whose body calls it,
    /// a file that replays itself, `time time ...`); stopped before the stack overflows.
    static let maxNesting = 16
    /// The longest logical line (a command with its continuation lines) the shell runs.
    public static let maxLineBytes = 1 << 20

    /// A shell for `session`; without one, a trusted script session (what tests and
    /// `tape -c` use): seed 1, a scratch ledger, charts under plots/.
    public init(output: OutputSink = StandardOutput(), session: Session = .script(.commandLine),
                commands: CommandTable = .standard(), functions: FunctionTable = .standard()) {
        self.output = output
        self.session = session
        self.commands = commands
        self.functions = functions
        UserCommands.register(into: self)
    }

    /// The recorder of the session, if it records.
    public var recorder: SessionRecorder? { session.recorder }

    /// A chart command reports each picture it wrote, so a notebook can embed it under
    /// the command that drew it.
    public func noteChart(_ path: String) { chartsOfCommand.append(path) }

    /// Returns and forgets the charts noted since the last call.
    public func takeCharts() -> [String] { defer { chartsOfCommand = [] }; return chartsOfCommand }

    /// Runs one logical line (continuations already joined). Statements separated by `;`
    /// run in order and stop at the first failure.
    @discardableResult
    public func run(line: String) -> Outcome {
        // Refused before anything scans it: the lexer, the parser and the error's echo
        // of the line are linear, but a megabyte command is a mistake or an attack.
        if line.utf8.count > Self.maxLineBytes {
            report(TapeError("a line of \(line.utf8.count) bytes is longer than the \(Self.maxLineBytes >> 20) MiB a command may have",
                             hint: "is this a data file? load it with: load NAME from \"FILE.csv\""), line: "")
            return .failed
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return .ok }
        history.append(URLRedaction.redactURLs(in: line))
        let statements: [(Statement, String)]
        do {
            statements = try Parser.parseWithText(line, grammar: commands)
        } catch {
            report(TapeError.wrap(error), line: line)
            keep { try $0.recordFailure(line, error: TapeError.wrap(error).description) }
            return .failed
        }
        for (st, text) in statements {
            // Charts are named by the statements kept before them; a nested line (a user
            // command's body, a replayed file) belongs to the statement that ran it.
            let topLevel = nestingDepth == sessionDepth
            if topLevel { session.charts.begin(statement: text) }
            // Only the outermost statement saves the workspace: a cancelled `replay`,
            // `time` or user command is undone as a whole.
            let saved = nestingDepth == 0 ? (workspace: workspace.checkpoint(), session: session.undoPoint()) : nil
            do {
                // A statement never starts once Ctrl-C was pressed: the rest of a `;`
                // line, a replayed file or a notebook's cells stop here.
                try Interrupts.check()
                let outcome = try Format.$displayDigits.withValue(workspace.displayDigits) { try execute(st) }
                if outcome == .quit { return .quit }
                if shouldRecord(st) {
                    keep { try $0.record(text) }
                    if topLevel { session.charts.commit() }
                }
            } catch {
                var e = TapeError.wrap(error)
                if Interrupts.cancelRequested {
                    // Whatever the command threw on its way out (a gnuplot killed by the
                    // same SIGINT, a replay that stopped), Ctrl-C is the reason.
                    if let saved {
                        workspace.restore(saved.workspace)
                        session.restore(saved.session)
                    }
                    e = TapeError(Interrupts.message)
                    // The outermost statement reports it once.
                    if nestingDepth == 0 { output.error(Interrupts.message) }
                } else {
                    report(e, line: line)
                }
                keep { try $0.recordFailure(text, error: e.description) }
                return .failed
            }
        }
        return .ok
    }

    /// Writes to the session file; a failed write is reported at once (the file stays
    /// line-complete and recording stops), never silently dropped.
    private func keep(_ write: (SessionRecorder) throws -> Void) {
        guard let recorder else { return }
        do {
            try write(recorder)
        } catch {
            report(TapeError.wrap(error), line: "")
            session.recorder = nil
        }
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
            guard let top = commands.lookup(inv.name) else {
                throw TapeError("unknown command '\(inv.name)'", span: inv.nameSpan, hint: Suggest.hint(inv.name, in: commands.allNames))
            }
            let spec = try declaration(for: inv)
            let evaluator = Evaluator(workspace: workspace, functions: functions)
            var checker = ArgumentChecker(spec: spec, invocation: inv, evaluate: { try evaluator.evaluate($0) })
            checker.isKnownName = { [workspace, functions] n in
                workspace.bindings[n] != nil || workspace.dataset(n) != nil || functions.lookup(n) != nil
                    || workspace.current?.column(n) != nil
            }
            let arguments = try checker.check()
            // Checked like any command first, so `quit now` is an error, not a way out.
            if top.name == "quit" { return .quit }
            guard let run = spec.run else { throw TapeError("\(spec.fullName) needs a subcommand", span: inv.nameSpan) }
            try run(CommandContext(shell: self, invocation: inv, spec: spec, arguments: arguments))
            return .ok
        }
    }

    /// The declaration that runs `inv`: the subcommand its words name, or the container's
    /// default subcommand when none is named. A container without a default needs one.
    func declaration(for inv: CommandInvocation) throws -> CommandSpec {
        guard let spec = commands.lookup(path: inv.path) else {
            throw TapeError("unknown command '\(inv.path.joined(separator: " "))'", span: inv.nameSpan)
        }
        guard spec.run == nil, !spec.subcommands.isEmpty else { return spec }
        let checker = ArgumentChecker(spec: spec, invocation: inv, evaluate: { _ in .number(0) })
        for item in inv.items {
            if case .positional(let e) = item {
                throw checker.unknownSubcommand(e.word ?? inv.text(of: e), e.span)
            }
        }
        if let name = spec.defaultSubcommand, let sub = spec.subcommand(name) { return sub }
        throw TapeError("\(spec.fullName) needs a subcommand", span: inv.nameSpan,
                        hint: "one of: " + spec.subcommands.map(\.name).joined(separator: ", "))
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
        let saved = session.recorder, savedLocation = location
        session.recorder = nil
        nestingDepth += 1
        defer { session.recorder = saved; location = savedLocation; nestingDepth -= 1 }
        return body(self)
    }

    /// Runs later files of `tape A B` under their own sessions in the same workspace.
    public func replaceSession(_ s: Session) { session = s }

    /// Runs `body` under `child` (a nested replay's own session: its seed, pins, scratch
    /// ledger, chart names and trust), then restores this session. The workspace is shared:
    /// what the replayed file loads stays loaded.
    public func nested<T>(at span: Span?, session child: Session, _ body: (Shell) -> T) throws -> T {
        let parent = session
        child.lineReader = nil
        session = child
        defer { session = parent }
        return try nested(at: span) { shell -> T in
            // A nested replay's statements are top-level for its own session: its charts
            // are named by its own file's statements.
            let saved = shell.sessionDepth
            shell.sessionDepth = shell.nestingDepth
            defer { shell.sessionDepth = saved }
            return body(shell)
        }
    }
}
