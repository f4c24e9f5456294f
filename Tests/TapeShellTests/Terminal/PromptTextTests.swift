import XCTest
@testable import TapeShell

final class PromptTextTests: XCTestCase {
    func testPlainPromptIsUnchanged() {
        XCTAssertEqual(PromptText.markingEscapes("tape> "), "tape> ")
        XCTAssertEqual(PromptText.markingEscapes("über> "), "über> ")
    }

    func testColourSequencesAreEnclosed() {
        XCTAssertEqual(PromptText.markingEscapes("\u{1B}[1;32mtape\u{1B}[0m> "),
                       "\u{1}\u{1B}[1;32m\u{1}tape\u{1}\u{1B}[0m\u{1}> ")
    }

    func testTwoByteEscapeAndTruncatedSequence() {
        XCTAssertEqual(PromptText.markingEscapes("\u{1B}7x"), "\u{1}\u{1B}7\u{1}x")
        XCTAssertEqual(PromptText.markingEscapes("x\u{1B}[1;3"), "x\u{1}\u{1B}[1;3\u{1}")
        XCTAssertEqual(PromptText.markingEscapes("x\u{1B}"), "x\u{1}\u{1B}\u{1}")
    }

    func testStrayMarkersAreDropped() {
        XCTAssertEqual(PromptText.markingEscapes("a\u{1}b"), "ab")
    }
}
