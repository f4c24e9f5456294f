import XCTest
@testable import TapeShell

/// `time time ... 1` nests like a command that runs itself (the self-replaying file and
/// the self-calling user command are in UserCommandTests): past `Shell.maxNesting`
/// levels it is one error, not a stack overflow.
final class ShellNestingTests: XCTestCase {
    func testTimeInsideTime() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        XCTAssertEqual(shell.run(line: String(repeating: "time ", count: Shell.maxNesting) + "1"), .ok)
        XCTAssertEqual(out.take().first, "1")
        XCTAssertEqual(shell.run(line: String(repeating: "time ", count: Shell.maxNesting + 1) + "1"), .failed)
        XCTAssertEqual(out.take().first, "error: commands nest more than 16 deep"
                       + " — does a user command or a replayed file run itself?")
        // The shell carries on.
        XCTAssertEqual(shell.run(line: "1 + 1"), .ok)
        XCTAssertEqual(out.take(), ["2"])
    }
}
