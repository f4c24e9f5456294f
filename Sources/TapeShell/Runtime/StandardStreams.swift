import Foundation
import Synchronization

/// Writes to stdout and stderr with write(2) directly. Foundation's FileHandle.write
/// traps when the reader has gone (`tape ... | head` gives EPIPE once SIGPIPE is
/// ignored); here a closed stream is remembered and further output to it is dropped, so
/// the shell finishes its work and exits normally.
public enum StandardStreams {
    /// Written from any thread: a search's progress line goes to stderr from its workers.
    private static let closed = Mutex<Set<Int32>>([])

    /// Writes all of `text` to `fd` (1 or 2); false once the stream is closed.
    @discardableResult
    public static func write(_ text: String, to fd: Int32 = 1) -> Bool {
        write(Array(text.utf8), to: fd)
    }

    @discardableResult
    public static func write(_ bytes: [UInt8], to fd: Int32 = 1) -> Bool {
        if closed.withLock({ $0.contains(fd) }) { return false }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, bytes.count - offset)
            }
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            closed.withLock { _ = $0.insert(fd) }   // EPIPE, or any other failure: the reader is gone
            return false
        }
        return true
    }
}
