/// What one read at the prompt produced.
public enum LineInput: Equatable {
    /// A complete line, without its line terminator.
    case line(String)
    /// Ctrl-C at the prompt: the half-typed line was discarded; show a fresh prompt.
    case interrupt
    /// Ctrl-D on an empty line, or the end of the input.
    case eof
}

/// The shell's source of command lines: an editor on a terminal, or buffered reads of a
/// script or pipe. The REPL depends only on this, so tests can feed it lines.
public protocol LineReader: AnyObject {
    func read(prompt: String) -> LineInput
    /// Remembers `line` for Up/Ctrl-R, persistently where the reader supports it. The
    /// caller passes only lines it wants kept (never ones holding secrets).
    func addHistory(_ line: String)
}

/// Supplies Tab completion. Offsets are UTF-8 byte offsets into `line`.
public protocol CompletionSource: AnyObject {
    /// Candidates for the word ending at `cursor` in `line`, and the UTF-8 offset where
    /// that word starts. Each candidate replaces `line[wordStart..<cursor]` as a whole,
    /// so a source may return quoted or path-prefixed text.
    func completions(line: String, cursor: Int) -> (wordStart: Int, candidates: [String])
}
