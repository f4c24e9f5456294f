import TapeCore
import XCTest
@testable import TapeShell

final class LexerTests: XCTestCase {
    func kinds(_ s: String) throws -> [TokenKind] { try Lexer.tokenize(s).map(\.kind) }

    func testNumbersWithUnits() throws {
        XCTAssertEqual(try kinds("25% 10bp 30d 2w 6m 1y 4h 1.5e3"), [
            .number(25, .percent), .number(10, .basisPoints), .number(30, .days), .number(2, .weeks),
            .number(6, .months), .number(1, .years), .number(4, .hours), .number(1500, nil), .end])
    }

    func testRangeDoesNotSwallowDots() throws {
        XCTAssertEqual(try kinds("80..120 step 5"), [.number(80, nil), .symbol(".."), .number(120, nil), .identifier("step"), .number(5, nil), .end])
    }

    func testDatesAndDateRanges() throws {
        let a = CivilTime.timestamp(year: 2020, month: 1, day: 1)
        let b = CivilTime.timestamp(year: 2021, month: 6, day: 30)
        XCTAssertEqual(try kinds("2020-01-01..2021-06-30"), [.date(a), .symbol(".."), .date(b), .end])
        XCTAssertEqual(try kinds("2019-11-05T09:30"), [.date(CivilTime.timestamp(year: 2019, month: 11, day: 5, hour: 9, minute: 30)), .end])
    }

    func testInvalidDateIsArithmetic() throws {
        // 2019-02-30 is not a date, so it reads as numbers and minus signs.
        XCTAssertEqual(try kinds("2019-02-30").first, .number(2019, nil))
    }

    func testWordsStringsAndComments() throws {
        XCTAssertEqual(try kinds("1Day 800x600 \"a \\\"b\\\"\" # comment"), [.word("1Day"), .word("800x600"), .string("a \"b\""), .end])
    }

    func testOperators() throws {
        XCTAssertEqual(try kinds("a>=b != c; x=1"), [.identifier("a"), .symbol(">="), .identifier("b"), .symbol("!="), .identifier("c"),
                                                      .symbol(";"), .identifier("x"), .symbol("="), .number(1, nil), .end])
    }

    func testErrorsCarryPositions() {
        XCTAssertThrowsError(try Lexer.tokenize("load \"unterminated")) { e in
            let t = e as? TapeError
            XCTAssertEqual(t?.message, "unterminated string: add a closing \"")
            XCTAssertEqual(t?.span, Span(5, 18))
        }
        XCTAssertEqual(try kinds("a @"), [.identifier("a"), .invalid("@"), .end])
        XCTAssertThrowsError(try Parser.parse("close @ 2", grammar: TestGrammar())) { e in
            XCTAssertEqual((e as? TapeError)?.message, "unexpected character '@'")
            XCTAssertEqual((e as? TapeError)?.span, Span(6, 7))
        }
    }
}
