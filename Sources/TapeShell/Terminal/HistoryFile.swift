import Foundation
import TapeData

/// The persistent history: a plain UTF-8 text file, one entry per line, oldest first.
/// Each accepted line is appended at once (O_APPEND), so a crash loses nothing and two
/// shells open at the same time both keep their lines. The file is trimmed to `limit`
/// entries when it is loaded, not on every append.
///
/// Plain lines rather than libedit's own H_SAVE format: that format escapes with
/// strvis(3) and rewrites the whole file, and plain text is easy to grep or edit.
struct HistoryFile {
    let path: String
    let limit: Int

    init(path: String, limit: Int = 5_000) {
        self.path = path
        self.limit = max(1, limit)
    }

    /// The newest `limit` entries, oldest first. A missing or unreadable file is an
    /// empty history. When the file holds more than `limit` lines it is rewritten with
    /// just those entries (via a temporary file and rename, so it is never half written).
    func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let all = String(decoding: data, as: UTF8.self)
            // isNewline also matches "\r\n", which Swift treats as one Character.
            .split(whereSeparator: \.isNewline)
            .map(String.init)
        guard all.count > limit else { return all }
        let kept = Array(all.suffix(limit))
        rewrite(kept)
        return kept
    }

    /// Appends one entry. Failure (read-only home, full disk) is ignored: losing
    /// history must not stop the shell.
    func append(_ entry: String) {
        let line = HistoryFile.storable(entry)
        guard !line.isEmpty else { return }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var bytes = Array((line + "\n").utf8)
        _ = writeAll(fd, &bytes)
    }

    /// An entry as one line: a newline inside it would split it into two entries.
    static func storable(_ entry: String) -> String {
        URLRedaction.redactURLs(in: entry).replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }

    private func rewrite(_ entries: [String]) {
        let temporary = path + ".tmp\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        var bytes = Array(entries.map { $0 + "\n" }.joined().utf8)
        let written = writeAll(fd, &bytes)
        close(fd)
        if written {
            _ = rename(temporary, path)
        } else {
            _ = unlink(temporary)
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: inout [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}
