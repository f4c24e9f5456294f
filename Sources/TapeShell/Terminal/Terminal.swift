import CLibEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the controlling terminal.
public enum Terminal {
    /// Line editing needs both ends on a terminal: with stdin redirected libedit prints
    /// no prompt and reads one byte per syscall, and with stdout redirected its escape
    /// sequences would land in the output.
    public static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Width and height in character cells from TIOCGWINSZ on stdout (then stdin), or
    /// 100x30 when neither is a terminal or the terminal reports zero.
    public static var size: (columns: Int, rows: Int) {
        for fd in [STDOUT_FILENO, STDIN_FILENO] {
            var columns: Int32 = 0
            var rows: Int32 = 0
            if tape_window_size(fd, &columns, &rows) == 0, columns > 0, rows > 0 {
                return (Int(columns), Int(rows))
            }
        }
        return defaultSize
    }

    public static let defaultSize = (columns: 100, rows: 30)
}
