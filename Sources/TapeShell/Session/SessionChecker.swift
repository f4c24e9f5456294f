import Foundation
import TapeCore
import TapeData

/// `tape --check FILE`: replays a session and compares each command's output with the
/// `#>` lines stored under it; `--update` writes the actual output back instead.
public enum SessionChecker {
    public struct Result {
        public var differences: [String] = []
        public var failures = 0
        public var commands = 0
        public var passed: Bool { differences.isEmpty && failures == 0 }
    }

    /// Replays `text` in a fresh shell. A cell without stored output must still run
    /// without error; with stored output it must print exactly that (an expected error
    /// line, `#> error: ...`, makes a failing command a pass: that is how error messages
    /// are tested end to end).
    ///
    /// The replay is a `.check` session: the file's seed and clock, network bodies only
    /// from the cache, a scratch ledger from the recorded start, and pictures drawn into a
    /// scratch folder (named as the live session named them, so `chart:` lines compare,
    /// but never written over the live session's pictures).
    public static func check(text: String, name: String, update: Bool = false, trusted: Bool = false) -> (Result, String?) {
        let file = SessionFile.parse(text)
        let capture = CapturedOutput()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tape-check-plots-\(UUID().uuidString)").path
        let seed = file.headerValues("seed").first.flatMap(UInt64.init) ?? 1
        let session = Session.replaying(file, path: name, mode: .check, trusted: trusted,
                                        charts: ChartNaming(seed: seed, writeDirectory: scratch, ownsWriteDirectory: true))
        let shell = Shell(output: capture, session: session)
        var result = Result()
        for warning in verifyFiles(file) { result.differences.append(warning) }
        var outputs: [[String]] = []
        let compareAll = file.hasAnyExpected
        for cell in file.cells {
            result.commands += 1
            shell.location = nil
            let outcome = shell.run(line: cell.command)
            let actual = capture.take()
            outputs.append(actual)
            if outcome == .quit { break }
            if update { continue }
            let expectsError = cell.expected.contains { $0.hasPrefix("error:") }
            if outcome == .failed && !(compareAll && expectsError && actual == cell.expected) {
                if !compareAll || actual != cell.expected {
                    result.failures += 1
                    result.differences.append(diff(cell: cell, name: name, actual: actual, failed: true))
                    continue
                }
            }
            if compareAll && actual != cell.expected {
                result.differences.append(diff(cell: cell, name: name, actual: actual, failed: false))
            }
        }
        return (result, update ? file.rendered(outputs: outputs) : nil)
    }

    /// Files named in the header must still hash to what was recorded.
    static func verifyFiles(_ file: SessionFile) -> [String] {
        var out: [String] = []
        for entry in file.headerValues("file") {
            // format: PATH sha256:HEX
            guard let r = entry.range(of: " sha256:", options: .backwards) else { continue }
            let path = String(entry[..<r.lowerBound])
            let expected = String(entry[r.upperBound...])
            guard let data = try? LocalFile.read(path) else { continue }
            let actual = SHA256.hex(Array(data))
            if actual != expected {
                out.append("file \(path) has changed since the session was recorded (sha256 \(actual.prefix(12))…, recorded \(expected.prefix(12))…)")
            }
        }
        return out
    }

    static func diff(cell: SessionFile.Cell, name: String, actual: [String], failed: Bool) -> String {
        // The command is named, not quoted whole: a line can be a megabyte long.
        let shown = cell.command.count > 200 ? String(cell.command.prefix(200)) + "…" : cell.command
        var lines = ["\(name):\(cell.lineNumber): \(failed ? "command failed" : "output differs"): \(shown)"]
        let e = cell.expected, a = actual
        let n = max(e.count, a.count)
        for i in 0..<n {
            let el = i < e.count ? e[i] : nil, al = i < a.count ? a[i] : nil
            if el == al { lines.append("    " + (el ?? "")); continue }
            if let el { lines.append("  - " + el) }
            if let al { lines.append("  + " + al) }
        }
        return lines.joined(separator: "\n")
    }
}
