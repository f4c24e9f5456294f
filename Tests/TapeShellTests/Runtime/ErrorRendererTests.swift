import XCTest
@testable import TapeShell

final class ErrorRendererTests: XCTestCase {
    func render(_ line: String, _ start: Int, _ end: Int) -> [String] {
        ErrorRenderer.render(TapeError("bad", span: Span(start, end)), line: line)
    }

    func testCaretStaysUnderTheFaultAfterTabsAndAccents() {
        XCTAssertEqual(render("load SPY", 5, 8), ["error: bad", "  load SPY", "       ^^^"])
        // A tab under a tab: the terminal expands both to the same column.
        XCTAssertEqual(render("\t\tfoo bar", 2, 5), ["error: bad", "  \t\tfoo bar", "  \t\t^^^"])
        // e + combining acute is one column on screen.
        XCTAssertEqual(render("e\u{301}e\u{301} x", 5, 6), ["error: bad", "  e\u{301}e\u{301} x", "     ^"])
        // Past the end: one caret after the last character.
        XCTAssertEqual(render("ab", 9, 12), ["error: bad", "  ab", "    ^"])
        // "\r\n" is one Character; no caret line for a line that holds one.
        XCTAssertEqual(render("a\r\nb", 0, 1), ["error: bad"])
    }
}
