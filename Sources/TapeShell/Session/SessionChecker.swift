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
    public static func check(text: String, name: String, update: Bool = false) -> (Result, String?) {
        let file = SessionFile.parse(text)
        let capture = CapturedOutput()
        let shell = Shell(output: capture)
        shell.prepareReplay(of: file, path: name)
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
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let actual = SHA256.hex(Array(data))
            if actual != expected {
                out.append("file \(path) has changed since the session was recorded (sha256 \(actual.prefix(12))…, recorded \(expected.prefix(12))…)")
            }
        }
        return out
    }

    static func diff(cell: SessionFile.Cell, name: String, actual: [String], failed: Bool) -> String {
        var lines = ["\(name):\(cell.lineNumber): \(failed ? "command failed" : "output differs"): \(cell.command)"]
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
