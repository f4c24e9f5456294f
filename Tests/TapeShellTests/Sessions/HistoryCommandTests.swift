import TapeShellTestSupport
import XCTest
@testable import TapeShell

final class HistoryCommandTests: XCTestCase {
    func testTheLastLinesTypedNumberedWithoutTheHistoryLineItself() {
        let t = Transcript()
        t("1 + 1")
        t("let x = 3")
        t("x * 2")
        XCTAssertEqual(t("history"), ["   1  1 + 1", "   2  let x = 3", "   3  x * 2"])
        XCTAssertEqual(t("history 2"), ["   3  x * 2", "   4  history"])
        XCTAssertEqual(t("history 1000000").count, 5)
    }

    func testTheCountIsAWholeNumberWithinItsBounds() {
        let t = Transcript()
        XCTAssertEqual(t("history 0"), [
            "error: lines must be from 1 to 1000000 — got 0",
            "  history 0",
            "          ^",
        ])
        XCTAssertEqual(t("history 2.5"), [
            "error: lines must be a whole number — lines is from 1 to 1000000",
            "  history 2.5",
            "          ^^^",
        ])
        XCTAssertEqual(t("history 3d"), [
            "error: lines is a plain whole number, not a duration — write lines 3",
            "  history 3d",
            "          ^^",
        ])
        XCTAssertEqual(t("history 1 2"), [
            "error: too many arguments for history — usage: history [LINES]",
            "  history 1 2",
            "            ^",
        ])
    }
}
