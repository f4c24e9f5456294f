import Foundation
import XCTest
@testable import TapeShell

final class SessionFileTests: XCTestCase {
    let text = """
    # tape: 0.1.0 session
    # seed: 7
    # Moving averages
    load SPY
    #> SPY: 3 bars
    plot close, \\
      sma(close, 20)
    # failed: lod SPY
    describe
    #> a
    #>
    #> b
    """

    func testCellsCommentsOutputsAndHeader() {
        let f = SessionFile.parse(text)
        XCTAssertEqual(f.header, ["tape: 0.1.0 session", "seed: 7"])
        XCTAssertEqual(f.headerValues("seed"), ["7"])
        XCTAssertEqual(f.cells.map(\.command), ["load SPY", "plot close,    sma(close, 20)", "describe"])
        XCTAssertEqual(f.cells.map(\.lineNumber), [4, 6, 9])
        XCTAssertEqual(f.cells[0].comments, ["Moving averages"])
        XCTAssertEqual(f.cells[0].expected, ["SPY: 3 bars"])
        XCTAssertFalse(f.cells[1].hasExpected)
        XCTAssertEqual(f.cells[2].comments, ["failed: lod SPY"])
        XCTAssertEqual(f.cells[2].expected, ["a", "", "b"])
    }

    func testRenderRoundTrips() {
        let f = SessionFile.parse(text)
        XCTAssertEqual(f.rendered(outputs: f.cells.map(\.expected)), text + "\n")
    }

    func testCheckReportsDifferencesAndPassesExpectedErrors() {
        let good = "1 + 1\n#> 2\nsmaa(close)\n#> error: unknown function 'smaa' — did you mean 'sma'?\n#>   smaa(close)\n#>   ^^^^\n"
        let (r1, _) = SessionChecker.check(text: good, name: "good.tape")
        XCTAssertTrue(r1.passed, r1.differences.joined(separator: "\n"))
        let bad = "1 + 1\n#> 3\n"
        let (r2, _) = SessionChecker.check(text: bad, name: "bad.tape")
        XCTAssertFalse(r2.passed)
        XCTAssertEqual(r2.differences, ["bad.tape:1: output differs: 1 + 1\n  - 3\n  + 2"])
        let (_, updated) = SessionChecker.check(text: bad, name: "bad.tape", update: true)
        XCTAssertEqual(updated, "1 + 1\n#> 2\n")
    }

    func testRecorderKeepsFailuresAsCommentsAndFlushesEachLine() throws {
        let dir = NSTemporaryDirectory() + "tape-rec-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.tape"
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.session.recorder = try SessionRecorder(path: path, seed: 3, clock: "2026-01-01T00:00:00")
        shell.run(line: "let x = 2")
        // Read the file while the recorder is still open: the line must be there already.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("let x = 2\n"), text)
        shell.run(line: "x * 3; qqqqqq(1)")
        shell.run(line: "help")
        text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, """
        # tape: \(TapeVersion.string) session
        # recorded: 2026-01-01T00:00:00
        # seed: 3
        let x = 2
        x * 3
        # failed: qqqqqq(1)
        #   error: unknown function 'qqqqqq'

        """)
        // A header line added later rewrites the file atomically and keeps the body.
        shell.recorder?.addHeader("file: a.csv sha256:00")
        text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("# seed: 3\n# file: a.csv sha256:00\nlet x = 2\n"), text)
        // The recorded session replays cleanly.
        XCTAssertTrue(SessionChecker.check(text: text, name: path).0.passed)
    }

    /// "\r\n" is one Character: a file saved with Windows line ends once read as a
    /// single comment line, so it ran nothing and --check passed.
    func testWindowsLineEnds() {
        let f = SessionFile.parse(text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        XCTAssertEqual(f.header, ["tape: 0.1.0 session", "seed: 7"])
        XCTAssertEqual(f.cells.map(\.command), ["load SPY", "plot close,    sma(close, 20)", "describe"])
        XCTAssertEqual(f.cells.map(\.lineNumber), [4, 6, 9])
        XCTAssertEqual(f.cells[2].expected, ["a", "", "b"])
    }
}

final class UserCommandTests: XCTestCase {
    func testUsageLineParsingAndErrors() throws {
        let d = try UserCommands.parse("# usage: look SYMBOL [rows=5] [title]\n# summary: a look\nshow tail $rows\n", path: "commands/look.tape")
        XCTAssertEqual(d.name, "look")
        XCTAssertEqual(d.required, ["SYMBOL"])
        XCTAssertEqual(d.optional.map(\.0), ["rows", "title"])
        XCTAssertEqual(d.optional.map(\.1), ["5", ""])
        XCTAssertEqual(d.summary, "a look")
        // The same file saved with Windows line ends reads the same.
        let crlf = try UserCommands.parse("# usage: look SYMBOL [rows=5] [title]\r\n# summary: a look\r\nshow tail $rows\r\n", path: "commands/look.tape")
        XCTAssertEqual(crlf.usage, d.usage)
        XCTAssertEqual(crlf.summary, "a look")
        XCTAssertEqual(crlf.optional.map(\.1), ["5", ""])
        func message(_ text: String) -> String {
            do { _ = try UserCommands.parse(text, path: "commands/look.tape"); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(message("load SPY\n"), "commands/look.tape: no '# usage: look ...' line")
        XCTAssertEqual(message("# usage: other X\n"), "commands/look.tape: the usage line must start with 'look'")
        XCTAssertEqual(message("# usage: look []\n"), "commands/look.tape: empty option '[]' in the usage line")
    }

    /// A command that runs itself used to recurse until the stack overflowed.
    func testACommandThatRunsItselfStopsWithAnError() throws {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.commands.add(UserCommands.spec(for: try UserCommands.parse("# usage: loop\nloop\n", path: "commands/loop.tape")))
        XCTAssertEqual(shell.run(line: "loop"), .failed)
        let lines = out.take().filter { $0.contains("error:") }
        XCTAssertEqual(lines.first, "commands/loop.tape:2: error: commands nest more than 16 deep — does a user command or a replayed file run itself?")
        XCTAssertEqual(lines.count, 17, "the innermost error, then each of the 16 runs that stopped")
        XCTAssertEqual(lines.last, "error: loop stopped at a failed command (commands/loop.tape)")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-nesting-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("self.tape").path
        try "replay \"\(file)\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(shell.run(line: "replay \"\(file)\""), .failed)
        XCTAssertEqual(out.take().filter { $0.contains("error:") }.first,
                       "\(file):1: error: commands nest more than 16 deep — does a user command or a replayed file run itself?")
        // The depth is given back: nesting works again afterwards.
        XCTAssertEqual(shell.run(line: "time load SPY"), .ok)
    }
}
