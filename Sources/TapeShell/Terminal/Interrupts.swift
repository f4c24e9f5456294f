import CInterrupts

/// Ctrl-C handling. One SIGINT handler and one flag, both in the CInterrupts C target
/// (the handler only bumps an atomic counter, the one kind of thing a handler may safely
/// do), serve every situation:
/// - at the prompt the handler is installed without SA_RESTART, so the editor's blocking
///   read fails with EINTR and the reader returns `.interrupt`;
/// - while a command runs it only sets the flag, which long loops, curl's progress
///   callback, retry sleeps and the gnuplot wait poll through `cancelRequested`;
/// - the process is never ended by it: the handler stays installed for the whole
///   interactive session, so a second or third Ctrl-C is just another request.
///
/// The flag has external linkage in a .c file, so every module and object file that
/// polls it reads the same word; TapeCore and TapeData never see it, they are handed
/// `cancelCheck` as a closure.
public enum Interrupts {
    /// Installs the SIGINT handler. Call once at start-up, before the first read;
    /// EditLineReader also calls it, so calling it again is harmless.
    public static func installPromptHandler() {
        _ = tape_install_sigint_handler()
    }

    /// True once Ctrl-C was pressed since the running command began.
    public static var cancelRequested: Bool {
        tape_sigint_count() != 0
    }

    /// The flag as a closure, for the core's `cancel:` parameters and the HTTP stack.
    public static let cancelCheck: @Sendable () -> Bool = { tape_sigint_count() != 0 }

    /// Throws "interrupted" when Ctrl-C was pressed: the check a loop in a command makes
    /// between steps.
    public static func check(_ span: Span? = nil) throws {
        if cancelRequested { throw TapeError(message, span: span) }
    }

    /// What a cancelled command reports.
    public static let message = "interrupted"

    /// Asks the running command to stop, exactly as Ctrl-C does (tests use it).
    public static func request() {
        tape_sigint_request()
    }

    /// Call before running a command: forgets a Ctrl-C pressed at the prompt.
    public static func beginCommand() {
        tape_sigint_clear()
    }

    /// Call after a command finished, so a late Ctrl-C does not cancel the next one.
    public static func endCommand() {
        tape_sigint_clear()
    }

    /// A reader calls this after reporting `.interrupt`: the Ctrl-C is consumed.
    static func consumeInterrupt() {
        tape_sigint_clear()
    }

    /// Writing to a pipe whose reader has gone (a gnuplot that exited early, `| head`)
    /// would otherwise kill the shell; with SIGPIPE ignored the write fails with EPIPE.
    public static func ignoreSIGPIPE() {
        tape_ignore_sigpipe()
    }
}
