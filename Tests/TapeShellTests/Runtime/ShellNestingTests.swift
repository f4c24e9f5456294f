import XCTest
@testable import TapeShell

final class ShellNestingTests: XCTestCase {
    /// A session file that replays itself once recursed until the stack overflowed.
    func testSelfReplayingFileStopsWithAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-nesting-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("self.tape").path
        try "replay \"\(path)\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let out = CapturedOutput()
        let shell = Shell(output: out)
        XCTAssertEqual(shell.run(line: "replay \"\(path)\""), .failed)
        let printed = out.take()
        XCTAssertEqual(printed.first, "\(path):1: error: commands run inside commands more than 32 deep"
                       + " — does a replayed file or a user command run itself?")
        XCTAssertEqual(printed.filter { $0.contains("stopped at a failed command") }.count, 32)
        // The shell carries on.
        XCTAssertEqual(shell.run(line: "1 + 1"), .ok)
        XCTAssertEqual(out.take(), ["2"])
    }

    func testTimeInsideTime() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        XCTAssertEqual(shell.run(line: String(repeating: "time ", count: 31) + "1"), .ok)
        XCTAssertEqual(out.take().first, "1")
        XCTAssertEqual(shell.run(line: String(repeating: "time ", count: 32) + "1"), .failed)
        XCTAssertEqual(out.take().first, "error: commands run inside commands more than 32 deep"
                       + " — does a replayed file or a user command run itself?")
    }
}
