import TapeShellTestSupport
import XCTest
@testable import TapeShell

final class QuitCommandTests: XCTestCase {
    func testQuitAndExitEndTheLoopAndTakeNoArguments() {
        let t = Transcript()
        XCTAssertEqual(t.shell.run(line: "quit"), .quit)
        XCTAssertEqual(t.shell.run(line: "exit"), .quit)
        XCTAssertEqual(t.shell.run(line: "quit now"), .failed)
        XCTAssertEqual(t.out.take(), [
            "error: quit takes no arguments — usage: quit",
            "  quit now",
            "       ^^^",
        ])
        // A script stops at quit: the lines after it do not run.
        XCTAssertTrue(t.shell.runScript("let a = 1\nquit\nlet a = 2\n", name: "q.tape"))
        XCTAssertEqual(t("a"), ["1"])
    }
}
