import TapeShell

/// A shell whose output is captured, so a test reads as a transcript: the line typed,
/// then exactly the lines it printed (errors included, as the user sees them).
public final class ShellTranscript {
    public let output = CapturedOutput()
    public let shell: Shell

    public init(session: Session = .script(.commandLine)) {
        shell = Shell(output: output, session: session)
    }

    /// Runs one input line (`;`-separated commands included) and returns what it printed.
    @discardableResult
    public func run(_ line: String) -> [String] {
        shell.run(line: line)
        return output.take()
    }

    /// Runs the lines in order and returns everything they printed.
    @discardableResult
    public func run(lines: [String]) -> [String] {
        for line in lines { shell.run(line: line) }
        return output.take()
    }
}
