import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole local file with the checks a path from a session file needs: it must
/// be a regular file (a FIFO would block, `/dev/zero` never ends) no larger than
/// `maxBytes`, both known from fstat(2) before a byte is read.
public enum LocalFile {
    /// The largest file read into memory (the same cap as a network body).
    public static let maxBytes = 1 << 30

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case missing(path: String)
        case directory(path: String)
        case notRegular(path: String)
        case tooLarge(path: String, bytes: Int64)
        case unreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case let .missing(p): return "no such file: \(p)"
            case let .directory(p): return "\(p) is a directory, not a file"
            case let .notRegular(p): return "\(p) is not a regular file (a device, pipe or socket)"
            case let .tooLarge(p, n):
                return "\(p) is \(n >> 20) MiB, more than the \(LocalFile.maxBytes >> 20) MiB Tape reads into memory"
            case let .unreadable(p, r): return "cannot read \(p): \(r)"
            }
        }
    }

    public static func read(_ path: String, limit: Int = maxBytes) throws -> Data {
        // O_NONBLOCK: opening a FIFO with no writer must not hang; regular files ignore it.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            if e == ENOENT { throw Failure.missing(path: path) }
            if e == EISDIR { throw Failure.directory(path: path) }
            throw Failure.unreadable(path: path, reason: String(cString: strerror(e)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure.unreadable(path: path, reason: String(cString: strerror(errno))) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw Failure.directory(path: path)
        default: throw Failure.notRegular(path: path)
        }
        guard st.st_size <= Int64(limit) else { throw Failure.tooLarge(path: path, bytes: Int64(st.st_size)) }
        var data = Data(count: Int(st.st_size))
        var offset = 0
        let failure: Int32? = data.withUnsafeMutableBytes { raw -> Int32? in
            while offset < raw.count {
                let n = Glibc.read(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return errno }
                if n == 0 { break }
                offset += n
            }
            return nil
        }
        if let failure { throw Failure.unreadable(path: path, reason: String(cString: strerror(failure))) }
        // A file that shrank while it was read: keep what is there.
        if offset < data.count { data.removeSubrange(offset...) }
        return data
    }
}
