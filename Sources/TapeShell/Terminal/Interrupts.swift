import CLibEdit

/// Ctrl-C handling. One SIGINT handler (in the C shim: it only sets a sig_atomic_t,
/// the one thing a handler may safely do) serves two situations:
/// - at the prompt it is installed without SA_RESTART, so the editor's blocking read
///   fails with EINTR and the reader returns `.interrupt`;
/// - while a command runs it only sets the flag, which long loops and curl progress
///   callbacks poll through `cancelRequested` to stop early.
///
/// This is the only Swift file that touches the C flag: the shim's functions are
/// `static`, and each object file gets its own copy of them and of the flag.
public enum Interrupts {
    /// Installs the SIGINT handler. Call once at start-up, before the first read;
    /// EditLineReader also calls it, so calling it again is harmless.
    public static func installPromptHandler() {
        _ = tape_install_sigint_handler()
    }

    /// True once Ctrl-C was pressed since the running command began.
    public static var cancelRequested: Bool {
        tape_sigint_pending() != 0
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
