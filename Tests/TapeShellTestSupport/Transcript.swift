import TapeShell

/// A shell driven as a person types at it: a line in, the lines it printed out (an
/// error with its source line and caret). `columns` is the terminal width help lays out
/// for (100 is also what scripts and replays use).
public final class Transcript {
    public let out = CapturedOutput()
    public let shell: Shell

    public init(columns: Int = 100, session: Session = .script(.commandLine)) {
        session.terminal.columns = columns
        shell = Shell(output: out, session: session)
    }

    @discardableResult
    public func callAsFunction(_ line: String) -> [String] {
        shell.run(line: line)
        return out.take()
    }

    /// What Tab offers at the end of `line`.
    public func complete(_ line: String) -> [String] {
        ShellCompleter(shell: shell).completions(line: line, cursor: line.utf8.count).candidates
    }
}
