import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What the user's terminal can show: its size in cells (and pixels, when it reports
/// them) and whether it draws sixel graphics.
public enum TerminalGraphics {
    public static let defaultSize = (columns: 100, rows: 30)

    /// Window size from TIOCGWINSZ on stdout, then stdin; else `COLUMNS`/`LINES`; else
    /// 100 x 30.
    public static func windowSize(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int) {
        if let measured = measuredWindowSize() { return measured }
        let columns = environment["COLUMNS"].flatMap { Int($0) }.flatMap { (20...1000).contains($0) ? $0 : nil }
        let rows = environment["LINES"].flatMap { Int($0) }.flatMap { (10...1000).contains($0) ? $0 : nil }
        return (columns ?? defaultSize.columns, rows ?? defaultSize.rows, 0, 0)
    }

    /// The window as the terminal reports it now (TIOCGWINSZ on stdout, then stdin), or
    /// nil when neither is a terminal that knows its size.
    public static func measuredWindowSize() -> (columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int)? {
        for fd: Int32 in [1, 0] {
            var ws = winsize()
            if ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 {
                return (Int(ws.ws_col), Int(ws.ws_row), Int(ws.ws_xpixel), Int(ws.ws_ypixel))
            }
        }
        return nil
    }

    /// Whether to send sixel. `TAPE_SIXEL=1` forces it on and `TAPE_SIXEL=0` off;
    /// otherwise, only when stdin and stdout are both terminals, the terminal is asked
    /// (DA1) once and the answer remembered.
    public static func supportsSixel(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch environment["TAPE_SIXEL"] {
        case "1": return true
        case "0": return false
        default: break
        }
        guard isatty(0) == 1, isatty(1) == 1 else { return false }
        return cache.value { askTerminal() }
    }

    /// Parses a Primary Device Attributes reply, `ESC [ ? Pp ; Ps ; ... c`; attribute 4
    /// means sixel graphics (VT340 and the xterm/mlterm/foot/WezTerm family).
    public static func da1HasSixel(_ reply: [UInt8]) -> Bool {
        guard let start = reply.firstIndex(of: UInt8(ascii: "?")),
              let end = reply[start...].firstIndex(of: UInt8(ascii: "c")) else { return false }
        let body = String(decoding: reply[(start + 1)..<end], as: UTF8.self)
        return body.split(separator: ";").contains("4")
    }

    /// Sends DA1 and reads the reply with the terminal in non-canonical, no-echo mode,
    /// waiting at most ~200 ms in all, so a terminal that never answers costs little.
    private static func askTerminal() -> Bool {
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return false }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(0, TCSANOW, &raw) == 0 else { return false }
        defer { _ = tcsetattr(0, TCSANOW, &saved) }

        let query: [UInt8] = [0x1b, UInt8(ascii: "["), UInt8(ascii: "c")]
        guard write(1, query, query.count) == query.count else { return false }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        var waited = 0
        while waited < 200, reply.count < 256 {
            var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 50)
            waited += 50
            guard ready > 0 else { continue }
            let n = read(0, &buffer, buffer.count)
            guard n > 0 else { break }
            reply += buffer[0..<n]
            if reply.contains(UInt8(ascii: "c")) { break }
        }
        return da1HasSixel(reply)
    }

    /// Remembers the terminal's answer for the life of the process.
    private final class Once: Sendable {
        private let answer = Mutex<Bool?>(nil)

        /// Computed under the lock: the terminal is asked once, never twice at a time.
        func value(_ compute: () -> Bool) -> Bool {
            answer.withLock { a in
                if let a { return a }
                let v = compute()
                a = v
                return v
            }
        }
    }

    private static let cache = Once()
}
