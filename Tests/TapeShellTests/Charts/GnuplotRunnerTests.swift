import Foundation
import XCTest
@testable import TapeShell

final class GnuplotRunnerTests: XCTestCase {
    func testMissingGnuplotIsAClearErrorNotACrash() {
        XCTAssertThrowsError(try GnuplotRunner(executable: "/nonexistent/gnuplot").run("print 1\n")) { error in
            XCTAssertEqual(error as? ChartError, .gnuplotMissing)
            XCTAssertEqual("\(error)", "gnuplot is not installed: sudo apt-get install gnuplot-nox")
        }
    }

    func requireGnuplot() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }
    }

    func testFailureReportsGnuplotsMessage() throws {
        try requireGnuplot()
        XCTAssertThrowsError(try GnuplotRunner().run("set terminal dumb\nplot foo(x)\n")) { error in
            guard case let .gnuplotFailed(line) = error as? ChartError else { return XCTFail("\(error)") }
            XCTAssertEqual(line, "line 2: undefined function: foo")
        }
    }

    func testStdoutIsReturned() throws {
        try requireGnuplot()
        let out = try GnuplotRunner().run("print 6 * 7\nset print '-'\nprint 'answer'\n")
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "answer\n")
    }

    func testLargeOutputDoesNotDeadlock() throws {
        try requireGnuplot()
        // About a megabyte on stdout and thousands of lines on stderr together: both
        // pipes overflow their 64 KiB buffers unless drained while gnuplot runs.
        let script = "set terminal dumb size 1000,1000\nplot sin(x)\n" + String(repeating: "print 'noise on stderr'\n", count: 5000)
        let out = try GnuplotRunner(timeout: 20).run(script)
        XCTAssertGreaterThan(out.count, 1_000_000)
    }

    func testEarlyExitWithUnreadInputIsNotFatal() throws {
        try requireGnuplot()
        // gnuplot quits on the first line and never reads the rest: our write meets a
        // closed pipe (EPIPE, since SIGPIPE is ignored) and the run still ends cleanly.
        let script = "exit\n" + String(repeating: "# filler line to overflow the pipe buffer\n", count: 100_000)
        XCTAssertNoThrow(try GnuplotRunner().run(script))
    }

    func testTimeoutStopsGnuplot() throws {
        try requireGnuplot()
        let start = Date()
        XCTAssertThrowsError(try GnuplotRunner(timeout: 0.5).run("pause 30\n")) { error in
            XCTAssertEqual(error as? ChartError, .timedOut(seconds: 0.5))
            XCTAssertEqual("\(error)", "gnuplot did not finish within 0.5 s and was stopped")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "the run was waited on, not stopped")
    }

    func testFirstMessageSkipsEchoAndCaret() {
        let stderr = "\n\ngnuplot> plot foo(x)\n              ^\n         line 0: undefined function: foo\n\n"
        XCTAssertEqual(GnuplotRunner.firstMessage(Data(stderr.utf8), status: 1), "line 0: undefined function: foo")
        XCTAssertEqual(GnuplotRunner.firstMessage(Data("\"/dev/stdin\" line 7: x\n".utf8), status: 1), "line 7: x")
        XCTAssertEqual(GnuplotRunner.firstMessage(Data(), status: 3), "exit status 3")
        let warned = "\"/dev/stdin\" line 11: warning: Skipping data file with no valid points\n\nplot $d0 using 1:2\n     ^\n"
            + "\"/dev/stdin\" line 11: all points y value undefined!\n"
        XCTAssertEqual(GnuplotRunner.firstMessage(Data(warned.utf8), status: 1), "line 11: all points y value undefined!")
        XCTAssertEqual(GnuplotRunner.firstMessage(Data("\"/dev/stdin\" line 4: warning: w\n".utf8), status: 1), "line 4: warning: w")
    }
}
