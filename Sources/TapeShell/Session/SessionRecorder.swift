import Foundation
import TapeCore
import TapeData

/// Writes the interactive session to its `.tape` file as it happens.
///
/// Each command is appended with one `write(2)` as soon as it has run, so a crash loses
/// nothing. A failed command is kept as a comment, so replay skips it. The header (Tape
/// version, seed, clock, every file a `load` read and every network body with its content
/// hash, the ledger the session started from) sits at the top; when a line joins it, the
/// whole file is rewritten to a temporary file and renamed over the old one, so at every
/// instant the file on disk is complete.
///
/// A write that fails (a full disk) is reported at once by `record` throwing, the partial
/// line is cut off so the file stays line-complete, and recording stops.
public final class SessionRecorder {
    public let path: String
    private var header: [String]
    private var body: [String] = []
    private var fd: Int32 = -1
    /// Set when a write failed: nothing more is written.
    public private(set) var failure: String?

    public init(path: String, seed: UInt64, clock: String) throws {
        self.path = path
        header = ["tape: \(TapeVersion.string) session", "recorded: \(clock)", "seed: \(seed)"]
        try rewrite()
    }

    /// A new recording in `directory`, named `session-YYYY-MM-DD-HHMMSS.tape` after the
    /// session's start; a second session started in the same second gets `-2`, `-3`, ...
    /// (the name is claimed with O_EXCL, so two processes never share a file).
    public static func create(in directory: String, seed: UInt64, clock: SessionClock) throws -> SessionRecorder {
        let stamp = clock.startText.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "T", with: "-")
        for n in 1...1000 {
            let path = "\(directory)/session-\(stamp)\(n == 1 ? "" : "-\(n)").tape"
            let claimed = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if claimed >= 0 {
                close(claimed)
                return try SessionRecorder(path: path, seed: seed, clock: clock.startText)
            }
            guard errno == EEXIST else { throw TapeError("cannot create \(path): \(String(cString: strerror(errno)))") }
        }
        throw TapeError("cannot find a free session file name in \(directory)")
    }

    /// Default place for a new recording: `sessions/` of the working directory if there
    /// is one, else the user's data directory.
    public static func defaultDirectory() -> String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: "sessions", isDirectory: &isDir), isDir.boolValue { return "sessions" }
        return Paths.dataDirectory() + "/sessions"
    }

    /// URLs in what is written are redacted (`user:password@`, `apiKey=`, signatures):
    /// a replay finds the body in the cache by the redacted URL, so nothing is lost.
    public func record(_ command: String) throws {
        let command = URLRedaction.redactURLs(in: command)
        try append(command.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    public func recordFailure(_ command: String, error: String) throws {
        let command = URLRedaction.redactURLs(in: command), error = URLRedaction.redactURLs(in: error)
        let commented = command.split(separator: "\n", omittingEmptySubsequences: false).map { "# failed: " + $0 }
        try append(commented + ["#   error: " + error.replacingOccurrences(of: "\n", with: " ")])
    }

    /// Adds a header line such as `file: data/x.csv sha256:…` (once). A value cannot
    /// forge a line: a line break or any other control character in it (a file name,
    /// a URL) is written as `\u{…}`, so the header stays one line per entry.
    public func addHeader(_ raw: String) {
        let line = Self.oneLine(raw)
        guard failure == nil, !header.contains(line) else { return }
        header.append(line)
        do { try rewrite() } catch { failure = "\(error)" }
    }

    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control
            || $0.properties.generalCategory == .lineSeparator || $0.properties.generalCategory == .paragraphSeparator }) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            switch s.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: out += "\\u{\(String(s.value, radix: 16))}"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    private func append(_ lines: [String]) throws {
        if let failure { throw TapeError("the session is no longer recorded: \(failure)") }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let before = lseek(fd, 0, SEEK_END)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let reason = String(cString: strerror(errno))
                // Cut the partial line off: the file keeps only whole lines.
                if before >= 0 { _ = ftruncate(fd, before) }
                failure = reason
                throw TapeError("cannot write the session file \(path): \(reason); recording stopped")
            }
            offset += n
        }
        body.append(contentsOf: lines)
    }

    private func rewrite() throws {
        let text = (header.map { "# " + $0 } + body).joined(separator: "\n") + "\n"
        try AtomicFile.write(Data(text.utf8), to: path, permissions: 0o600)
        if fd >= 0 { close(fd) }
        fd = open(path, O_WRONLY | O_APPEND)
        guard fd >= 0 else { throw TapeError("cannot open session file \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { if fd >= 0 { close(fd) } }
}

/// Per-user locations (XDG base directories).
public enum Paths {
    public static func dataDirectory() -> String {
        let env = ProcessInfo.processInfo.environment
        if let x = env["XDG_DATA_HOME"], !x.isEmpty { return x + "/tape" }
        return (env["HOME"] ?? NSTemporaryDirectory()) + "/.local/share/tape"
    }

    public static func stateDirectory() -> String {
        let env = ProcessInfo.processInfo.environment
        if let x = env["XDG_STATE_HOME"], !x.isEmpty { return x + "/tape" }
        return (env["HOME"] ?? NSTemporaryDirectory()) + "/.local/state/tape"
    }

    public static func ensureDirectory(_ path: String) {
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
    }
}
