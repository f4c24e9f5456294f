import ArgumentParser
import Foundation
import TapeShell

/// The process's own flags. Everything after start-up happens in the shell's session
/// layer (Sources/TapeShell/Session/SessionRunner.swift), which never calls `exit`: it
/// returns whether all went well, and this thin layer turns that into the exit status.
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
        A session file (and piped input) is not trusted: it writes only under its own
        folder and plots/, trades on a scratch ledger, never sends orders and expands no
        environment variable but those --allow-env names; --trust lifts that for files
        you wrote (docs/SESSIONS.md, "Trust").
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

    @Flag(help: "Trust the session files (and piped input): let them do what commands typed at the prompt may.")
    var trust = false

    @Option(name: .customLong("allow-env"), parsing: .singleValue,
            help: ArgumentHelp("Let session files (and piped input) expand these environment variables as ${NAME}.",
                               valueName: "NAME[,NAME...]"))
    var allowEnv: [String] = []

    @Option(help: "Seed for everything random in this run (instead of the file's recorded seed).")
    var seed: UInt64?

    @Option(help: "Paper-trading ledger file for scripts and the prompt (replays use a scratch copy of the recorded start).")
    var ledger: String?

    @Flag(help: .hidden)
    var commandReference = false

    @Option(name: .shortAndLong, help: "With `notebook`: the output file (.md or .html).")
    var output: String?

    func run() throws {
        // A reader that goes away (`tape ... | head`, a gnuplot that exits early) must
        // give EPIPE to handle, not a signal that kills the shell.
        Interrupts.ignoreSIGPIPE()
        var options = SessionRunner.Options()
        options.keepGoing = keepGoing
        options.seed = seed
        options.ledger = ledger
        options.trusted = trust
        options.allowedEnvironment = Set(allowEnv.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty })
        options.record = !noRecord
        let say: (String) -> Void = { print($0) }
        if commandReference {
            print(CommandReference.markdown(CommandTable.standard()), terminator: "")
            return
        }
        if files.first == "notebook" {
            guard files.count == 2 else { throw ValidationError("usage: tape notebook FILE.tape [-o out.md | out.html]") }
            if !SessionRunner.notebook(files[1], output: output, print: say) { throw ExitCode(1) }
            return
        }
        if check || update {
            guard !files.isEmpty else { throw ValidationError("--check and --update need session files") }
            if !SessionRunner.check(files, update: update, options: options, print: say) { throw ExitCode(1) }
            return
        }
        let ok: Bool
        if let command {
            ok = SessionRunner.runCommands(command, options: options)
        } else if !files.isEmpty {
            ok = SessionRunner.runFiles(files, options: options)
        } else if Terminal.isInteractive {
            SessionRunner.interactive(options: options, banner: say)
            ok = true
        } else {
            ok = SessionRunner.runStandardInput(options: options)
        }
        if !ok { throw ExitCode(1) }
    }
}
