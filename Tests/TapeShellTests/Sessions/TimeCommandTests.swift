import TapeShellTestSupport
import XCTest
@testable import TapeShell

final class TimeCommandTests: XCTestCase {
    /// At the prompt the duration is printed; every other mode replays a file or runs a
    /// script whose output must not change from run to run.
    func testTimeRunsTheCommandAndPrintsItsDuration() {
        let t = Transcript(session: .interactive(seed: 1, ledger: "unused.sqlite", terminal: .none))
        let out = t("time 6 * 7")
        XCTAssertEqual(out.count, 2, "\(out)")
        XCTAssertEqual(out.first, "42")
        XCTAssertTrue(out[1].hasPrefix("time: ") && out[1].hasSuffix(" ms"), out[1])
    }

    /// A replay prints no duration: it would differ on every run and fail --check. Lines
    /// typed on the command line (`tape -c`) are not a replay and print it.
    func testAReplayPrintsNoDuration() {
        let typed = Transcript()("time 2")
        XCTAssertEqual(typed.first, "2")
        XCTAssertTrue(typed.count == 2 && typed[1].hasPrefix("time: ") && typed[1].hasSuffix(" ms"), "\(typed)")
        let out = CapturedOutput()
        let session = Session.replaying(SessionFile.parse(""), path: "x.tape", mode: .check)
        let shell = Shell(output: out, session: session)
        shell.run(line: "time 1 + 1")
        XCTAssertEqual(out.take(), ["2", "time: (not shown in replays)"])
    }

    func testErrors() {
        let t = Transcript()
        XCTAssertEqual(t("time"), [
            "error: time needs COMMAND — usage: time COMMAND",
            "  time",
            "  ^^^^",
        ])
        XCTAssertEqual(t("time nosuch 1"), [
            "error: unknown command 'nosuch'",
            "  nosuch 1",
            "  ^^^^^^",
            "error: the timed command failed",
            "  time nosuch 1",
            "       ^^^^^^^^",
        ])
    }
}
