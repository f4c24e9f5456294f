import Foundation
import TapeCore

/// The interactive loop: read a line (with continuation prompts), run it, repeat. It
/// never exits on an error; Ctrl-C at the prompt clears the line, Ctrl-C during a
/// command cancels the command and undoes what it did (see `Shell.run`), Ctrl-D or
/// `quit` leaves.
public final class REPL {
    let shell: Shell
    let reader: LineReader
    let interactive: Bool

    public init(shell: Shell, reader: LineReader, interactive: Bool) {
        self.shell = shell
        self.reader = reader
        self.interactive = interactive
    }

    /// Runs until end of input or `quit`. Returns whether every command succeeded
    /// (meaningful for piped scripts).
    public func run(keepGoing: Bool = true) -> Bool {
        Interrupts.ignoreSIGPIPE()
        if interactive {
            Interrupts.installPromptHandler()
            shell.session.lineReader = reader
        }
        var pending: [String] = []
        var scanner = Continuation.Scanner()
        var pendingBytes = 0
        var allOK = true
        var lineNumber = 0, firstLine = 1
        while true {
            let prompt = interactive ? (pending.isEmpty ? "tape> " : "  ...> ") : ""
            switch reader.read(prompt: prompt) {
            case .interrupt:
                pending = []
                scanner = Continuation.Scanner()
                pendingBytes = 0
                continue
            case .eof:
                if !pending.isEmpty { _ = execute(Continuation.join(pending)) }
                return allOK
            case .line(let l):
                lineNumber += 1
                if pending.isEmpty { firstLine = lineNumber }
                pending.append(l)
                scanner.feed(l)
                pendingBytes += l.utf8.count + 1
                // Past the longest line the shell runs, the line is complete: it is refused.
                if scanner.needsMore && pendingBytes <= Shell.maxLineBytes { continue }
                let text = Continuation.join(pending)
                pending = []
                scanner = Continuation.Scanner()
                pendingBytes = 0
                if interactive, !text.trimmingCharacters(in: .whitespaces).isEmpty { reader.addHistory(text) }
                // Piped scripts name the line of an error, as script files do.
                shell.location = interactive ? nil : "stdin:\(firstLine)"

                switch execute(text) {
                case .quit: return allOK
                case .failed:
                    allOK = false
                    if !keepGoing { return false }
                case .ok: break
                }
            }
        }
    }

    func execute(_ text: String) -> Shell.Outcome {
        Interrupts.beginCommand()
        defer { Interrupts.endCommand() }
        return shell.run(line: text)
    }
}
