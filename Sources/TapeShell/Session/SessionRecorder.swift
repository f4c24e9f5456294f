import Foundation
import TapeCore

/// Writes the interactive session to its `.tape` file as it happens.
///
/// Each command is appended with one `write(2)` as soon as it has run, so a crash loses
/// nothing. A failed command is kept as a comment, so replay skips it. The header (Tape
/// version, seed, clock, and every file a `load` read with its content hash) sits at the
/// top; when a new file joins it, the whole file is rewritten to a temporary file and
/// renamed over the old one, so at every instant the file on disk is complete.
public final class SessionRecorder {
    public let path: String
    private var header: [String]
    private var body: [String] = []
    private var handle: FileHandle?

    public init(path: String, seed: UInt64, clock: String) throws {
        self.path = path
        header = ["tape: \(TapeVersion.string) session", "recorded: \(clock)", "seed: \(seed)"]
        try rewrite()
    }

    /// Default place for a new recording: `sessions/` of the working directory if there
    /// is one, else the user's data directory.
    public static func defaultDirectory() -> String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: "sessions", isDirectory: &isDir), isDir.boolValue { return "sessions" }
        return Paths.dataDirectory() + "/sessions"
    }

    public func record(_ command: String) {
        append(command.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    public func recordFailure(_ command: String, error: String) {
        let commented = command.split(separator: "\n", omittingEmptySubsequences: false).map { "# failed: " + $0 }
        append(commented + ["#   error: " + error.replacingOccurrences(of: "\n", with: " ")])
    }

    /// Adds a header line such as `file: data/x.csv sha256:…` (once).
    public func addHeader(_ line: String) {
        guard !header.contains(line) else { return }
        header.append(line)
        try? rewrite()
    }

    private func append(_ lines: [String]) {
        body.append(contentsOf: lines)
        let data = Data((lines.joined(separator: "\n") + "\n").utf8)
        try? handle?.write(contentsOf: data)
    }

    private func rewrite() throws {
        let text = (header.map { "# " + $0 } + body).joined(separator: "\n") + "\n"
        let tmp = path + ".tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: tmp))
        if rename(tmp, path) != 0 { throw TapeError("cannot write session file \(path)") }
        try? handle?.close()
        guard let h = FileHandle(forWritingAtPath: path) else { throw TapeError("cannot open session file \(path)") }
        try h.seekToEnd()
        handle = h
    }

    deinit { try? handle?.close() }
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
