import CLibEdit
import Foundation

/// The interactive line editor, on libedit's native histedit API (el_gets) rather than
/// its readline emulation, because that API makes the three hard cases exact:
/// - Ctrl-C vs Ctrl-D: el_gets reports an interrupted read as count -1 with errno
///   EINTR and end of input as count 0; inside an incremental search (Ctrl-R) it reports
///   the interrupted read as end of input too, so the SIGINT flag decides;
/// - Tab: our own editor function gets the line and cursor and edits the buffer itself,
///   so the CompletionSource decides where the word starts (inside quotes, after `=`).
///   The readline layer instead picks the word with its break characters, escapes file
///   names, and resets rl_attempted_completion_over after each call;
/// - each el_gets starts from an empty buffer, so after Ctrl-C the old text is gone.
///
/// Keys are libedit's emacs bindings (arrows, Ctrl-A/E/K/U...), plus Ctrl-R for
/// incremental search back through history, Ctrl-W to delete a word and Tab for
/// completion; ~/.editrc (see editrc(5)) is read last so users can rebind.
public final class EditLineReader: LineReader {
    public static let historyLimit = 5_000

    private let editor: OpaquePointer?
    private let history: OpaquePointer?
    private let historyFile: HistoryFile?
    private let completion: CompletionSource?
    /// The C string libedit's prompt callback returns; replaced on each read.
    private var promptText: UnsafeMutablePointer<CChar>?
    /// The newest history entry, so a repeated line is stored once, in the file too.
    private var lastEntry: String?
    /// Used only when libedit could not start (el_init failed).
    private lazy var fallback = PlainLineReader()

    /// `historyFile` nil keeps history for this run only. A `completion` source is
    /// asked on every Tab; without one Tab beeps.
    public init(historyFile: String?, completion: CompletionSource?) {
        EditLineReader.enableUTF8Input()
        Interrupts.installPromptHandler()
        self.completion = completion
        self.historyFile = historyFile.map { HistoryFile(path: $0, limit: EditLineReader.historyLimit) }
        self.history = tape_history_init(Int32(EditLineReader.historyLimit))
        self.promptText = strdup("")
        // The name ~/.editrc lines are scoped by ("tape:bind ..."), whatever the path run.
        self.editor = tape_el_init("tape")
        guard let editor else { return }

        tape_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        tape_el_set_prompt(editor, editLinePrompt, CChar(PromptText.invisibleMark))
        tape_el_set_editor(editor, "emacs")
        tape_el_set_signal(editor, 1)
        if let history {
            tape_el_set_history(editor, history)
            let entries = self.historyFile?.load() ?? []
            for entry in entries { tape_history_enter(history, entry) }
            lastEntry = entries.last
        }
        tape_el_add_function(editor, "tape-complete", "Complete the word before the cursor", editLineComplete)
        tape_el_bind(editor, "^I", "tape-complete")
        tape_el_bind(editor, "^R", "em-inc-search-prev")
        // libedit's emacs map has ^W kill the mark-to-cursor region; readline and the
        // tty's own WERASE delete the previous word, which is what users expect.
        tape_el_bind(editor, "^W", "ed-delete-prev-word")
        el_source(editor, nil)
    }

    deinit {
        if let editor { el_end(editor) }
        if let history { history_end(history) }
        free(promptText)
    }

    /// libedit decodes keys with the C library's multibyte functions, so in the default
    /// "C" locale it drops every non-ASCII key. Take the user's character set from the
    /// environment; when that leaves plain ASCII (no LANG set, common in containers
    /// and over ssh), use C.UTF-8, which glibc 2.35+ and macOS always provide. Only
    /// LC_CTYPE changes: number formatting (LC_NUMERIC) stays "C".
    private static func enableUTF8Input() {
        setlocale(LC_CTYPE, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" else { return }
        if let current = setlocale(LC_CTYPE, nil), ["C", "POSIX"].contains(String(cString: current)) {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    public func read(prompt: String) -> LineInput {
        guard let editor else {
            tape_write_stdout(prompt)
            return fallback.read(prompt: prompt)
        }
        free(promptText)
        promptText = strdup(PromptText.markingEscapes(prompt))
        var count: Int32 = 0
        var failure: Int32 = 0
        // A Ctrl-C that landed after the last command ended belongs to no line: without
        // this, a Ctrl-D on the fresh prompt would be read as that Ctrl-C.
        Interrupts.consumeInterrupt()
        guard let raw = tape_el_gets(editor, &count, &failure) else {
            // The cursor is still on the abandoned line: move off it so the REPL's
            // next prompt (or the shell's, after exit) starts on a fresh line.
            // A plain read reports Ctrl-C as count -1 with EINTR; inside Ctrl-R's
            // incremental search libedit turns the failed read into end of file (count
            // 0), which must not end the shell. The handler's flag tells the two apart
            // from a real Ctrl-D.
            if (count < 0 && failure == EINTR) || Interrupts.cancelRequested {
                tape_write_stdout("^C\n")
                Interrupts.consumeInterrupt()
                return .interrupt
            }
            tape_write_stdout("\n")
            return .eof
        }
        var line = String(cString: raw)
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        return .line(line)
    }

    /// Adds a non-blank line to the editor's history and appends it to the file, unless
    /// it repeats the previous entry.
    public func addHistory(_ line: String) {
        let entry = HistoryFile.storable(line)
        guard !entry.allSatisfy(\.isWhitespace), entry != lastEntry else { return }
        lastEntry = entry
        if let history { tape_history_enter(history, entry) }
        historyFile?.append(entry)
    }

    /// Tab: asks the source, then edits the buffer and lists candidates as planned.
    fileprivate func complete(_ editor: OpaquePointer) -> UInt8 {
        guard let completion, let info = el_line(editor)?.pointee,
              let buffer = info.buffer, let cursorPointer = info.cursor, let last = info.lastchar
        else { return tape_cc_error() }
        let length = last - buffer
        let cursor = cursorPointer - buffer
        guard length >= 0, (0...length).contains(cursor) else { return tape_cc_error() }
        let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)
        let answer = completion.completions(line: line, cursor: cursor)
        let plan = CompletionPlan.make(line: line, cursor: cursor,
                                       wordStart: answer.wordStart, candidates: answer.candidates)
        if plan.changesLine {
            if plan.deleteCount > 0 { el_deletestr(editor, Int32(clamping: plan.deleteCount)) }
            if !plan.insert.isEmpty, el_insertstr(editor, plan.insert) != 0 { return tape_cc_error() }
            return tape_cc_refresh()
        }
        guard !plan.list.isEmpty else { return tape_cc_error() }
        // Two rows stay free so the prompt is redrawn below the list without scrolling it away.
        let size = Terminal.size
        let rows = CompletionList.rows(plan.list, width: size.columns, height: size.rows - 2)
        tape_write_stdout("\n" + rows.joined(separator: "\n") + "\n")
        // Redisplay draws the prompt and the line again below the list.
        return tape_cc_redisplay()
    }

    fileprivate var promptPointer: UnsafeMutablePointer<CChar>? { promptText }
}

/// libedit callbacks are C function pointers: they find the reader via EL_CLIENTDATA.
private func reader(of editor: OpaquePointer?) -> EditLineReader? {
    guard let editor, let data = tape_el_get_clientdata(editor) else { return nil }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
}

/// libedit wants a mutable pointer; this one is written once here and only read.
nonisolated(unsafe) private let emptyPrompt: UnsafeMutablePointer<CChar>? = strdup("")

private func editLinePrompt(_ editor: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    reader(of: editor)?.promptPointer ?? emptyPrompt
}

private func editLineComplete(_ editor: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let editor, let reader = reader(of: editor) else { return tape_cc_error() }
    return reader.complete(editor)
}
