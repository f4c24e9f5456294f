import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file so that readers see the old content or the new, never a part:
/// the bytes go to a temporary file in the same folder, are flushed to disk, and the
/// temporary file is renamed over the target. A failed write leaves nothing behind.
public enum AtomicFile {
    public enum Failure: Error, CustomStringConvertible {
        case cannotCreate(path: String, errno: Int32)
        case cannotWrite(path: String, errno: Int32)
        case cannotRename(path: String, errno: Int32)
        case cancelled

        public var description: String {
            switch self {
            case let .cannotCreate(p, e): return "cannot create a file beside \(p): \(String(cString: strerror(e)))"
            case let .cannotWrite(p, e): return "cannot write \(p): \(String(cString: strerror(e)))"
            case let .cannotRename(p, e): return "cannot replace \(p): \(String(cString: strerror(e)))"
            case .cancelled: return "interrupted"
            }
        }
    }

    /// `cancel` is polled between megabytes; when it returns true the temporary file is
    /// removed, the target is left as it was, and `Failure.cancelled` is thrown.
    public static func write(_ text: String, to path: String, permissions: mode_t = 0o644,
                             cancel: (@Sendable () -> Bool)? = nil) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0), to: path, permissions: permissions, cancel: cancel) }
    }

    public static func write(_ data: Data, to path: String, permissions: mode_t = 0o644,
                             cancel: (@Sendable () -> Bool)? = nil) throws {
        try data.withUnsafeBytes { try write(bytes: $0, to: path, permissions: permissions, cancel: cancel) }
    }

    private static func write(bytes raw: UnsafeRawBufferPointer, to path: String, permissions: mode_t,
                              cancel: (@Sendable () -> Bool)?) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.tape-write-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure.cannotCreate(path: path, errno: errno) }
        let temp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            close(fd)
            if !ok { unlink(temp) }
        }
        fchmod(fd, permissions)
        let chunk = 1 << 20
        var offset = 0
        while offset < raw.count, let base = raw.baseAddress {
            if let cancel, cancel() { throw Failure.cancelled }
            let n = Glibc.write(fd, base + offset, min(chunk, raw.count - offset))
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.cannotWrite(path: path, errno: errno)
            }
            offset += n
        }
        if let cancel, cancel() { throw Failure.cancelled }
        guard fsync(fd) == 0 else { throw Failure.cannotWrite(path: path, errno: errno) }
        if let cancel, cancel() { throw Failure.cancelled }
        guard rename(temp, path) == 0 else { throw Failure.cannotRename(path: path, errno: errno) }
        ok = true
    }
}
