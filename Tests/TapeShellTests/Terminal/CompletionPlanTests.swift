import XCTest
@testable import TapeShell

final class CompletionPlanTests: XCTestCase {
    func testSingleCandidateReplacesWordAndAddsSpace() {
        XCTAssertEqual(CompletionPlan.make(line: "hel", cursor: 3, wordStart: 0, candidates: ["help"]),
                       CompletionPlan(deleteCount: 3, insert: "help ", list: []))
    }

    func testDirectoryCandidateGetsNoSpace() {
        let line = "load \"data/sp"
        XCTAssertEqual(CompletionPlan.make(line: line, cursor: line.utf8.count, wordStart: 6, candidates: ["data/spx/"]),
                       CompletionPlan(deleteCount: 7, insert: "data/spx/", list: []))
    }

    func testFileInsideOpenQuoteClosesTheQuote() {
        let line = "load \"data/sp"
        XCTAssertEqual(CompletionPlan.make(line: line, cursor: line.utf8.count, wordStart: 6, candidates: ["data/spy.csv"]),
                       CompletionPlan(deleteCount: 7, insert: "data/spy.csv\" ", list: []))
    }

    func testQuoteAlreadyClosedAfterTheCursorIsNotDoubled() {
        let line = "load \"data/sp\" as spy"
        XCTAssertEqual(CompletionPlan.make(line: line, cursor: 13, wordStart: 6, candidates: ["data/spy.csv"]),
                       CompletionPlan(deleteCount: 7, insert: "data/spy.csv", list: []))
    }

    func testCandidateThatClosesItsOwnQuoteGetsASpace() {
        let line = "load \"da"
        XCTAssertEqual(CompletionPlan.make(line: line, cursor: line.utf8.count, wordStart: 5, candidates: ["\"data.csv\""]),
                       CompletionPlan(deleteCount: 3, insert: "\"data.csv\" ", list: []))
    }

    func testSeveralCandidatesExtendToCommonPrefix() {
        XCTAssertEqual(CompletionPlan.make(line: "plot h", cursor: 6, wordStart: 5, candidates: ["history", "histogram"]),
                       CompletionPlan(deleteCount: 1, insert: "histo", list: []))
    }

    func testNoProgressListsCandidatesOnce() {
        XCTAssertEqual(CompletionPlan.make(line: "h", cursor: 1, wordStart: 0, candidates: ["help", "hello", "help", "history"]),
                       CompletionPlan(deleteCount: 0, insert: "", list: ["help", "hello", "history"]))
    }

    func testNoCandidatesDoesNothing() {
        XCTAssertEqual(CompletionPlan.make(line: "zz", cursor: 2, wordStart: 0, candidates: []), .none)
        XCTAssertFalse(CompletionPlan.none.changesLine)
    }

    /// libedit deletes by character, the source speaks UTF-8 bytes: "ü" is 2 bytes, 1 character.
    func testDeleteCountIsInCharactersNotBytes() {
        let line = "x = üb"
        XCTAssertEqual(CompletionPlan.make(line: line, cursor: line.utf8.count, wordStart: 4, candidates: ["über"]),
                       CompletionPlan(deleteCount: 2, insert: "über ", list: []))
    }

    func testCursorInsideTheLineOnlyReplacesUpToCursor() {
        XCTAssertEqual(CompletionPlan.make(line: "he x", cursor: 2, wordStart: 0, candidates: ["help"]),
                       CompletionPlan(deleteCount: 2, insert: "help ", list: []))
    }

    func testBadOffsetsFromASourceAreIgnored() {
        XCTAssertEqual(CompletionPlan.make(line: "ab", cursor: 2, wordStart: 3, candidates: ["abc"]), .none)
        XCTAssertEqual(CompletionPlan.make(line: "ab", cursor: 5, wordStart: 0, candidates: ["abc"]), .none)
        XCTAssertEqual(CompletionPlan.make(line: "ab", cursor: 2, wordStart: -1, candidates: ["abc"]), .none)
        // Offset 1 is inside the two bytes of "ü".
        XCTAssertEqual(CompletionPlan.make(line: "üb", cursor: 3, wordStart: 1, candidates: ["über"]), .none)
    }

    func testCommonPrefixNeverSplitsACharacter() {
        XCTAssertEqual(CompletionPlan.commonPrefix(["naïve", "naïf"]), "naï")
        XCTAssertEqual(CompletionPlan.commonPrefix(["abc"]), "abc")
        XCTAssertEqual(CompletionPlan.commonPrefix(["abc", "xyz"]), "")
        XCTAssertEqual(CompletionPlan.commonPrefix([]), "")
    }
}

final class CompletionListTests: XCTestCase {
    func testFillsDownThenAcrossWithinWidth() {
        // Widest is 7 + 2 gap = 9 per column; width 20 fits (20 + 2) / 9 = 2 columns.
        let rows = CompletionList.rows(["help", "hello", "history", "quit", "load"], width: 20)
        XCTAssertEqual(rows, ["help     quit",
                              "hello    load",
                              "history"])
    }

    func testLongListIsCutToHeightWithACount() {
        let names = (1...30).map { String(format: "f%02d", $0) }
        // Width 14 fits (14 + 2) / 5 = 3 columns; height 4 shows 3 rows of 3 and a count.
        XCTAssertEqual(CompletionList.rows(names, width: 14, height: 4),
                       ["f01  f04  f07",
                        "f02  f05  f08",
                        "f03  f06  f09",
                        "… 21 more; type more letters to narrow"])
    }

    func testListThatFitsTheHeightIsWhole() {
        let names = (1...9).map { String(format: "f%02d", $0) }
        XCTAssertEqual(CompletionList.rows(names, width: 14, height: 3).count, 3)
    }

    func testOneColumnWhenTooNarrow() {
        XCTAssertEqual(CompletionList.rows(["alpha", "beta"], width: 3), ["alpha", "beta"])
    }

    func testOneRowWhenEverythingFits() {
        XCTAssertEqual(CompletionList.rows(["a", "bb", "c"], width: 80), ["a   bb  c"])
        XCTAssertEqual(CompletionList.rows([], width: 80), [])
    }
}
