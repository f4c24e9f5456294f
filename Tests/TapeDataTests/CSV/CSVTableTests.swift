import TapeCore
import XCTest
@testable import TapeData

final class CSVTableTests: XCTestCase {
    func testQuotesSeparatorsAndLineNumbers() throws {
        let text = "quote_date;\"type\";strike\r\n2021-11-22;\"call; \"\"weekly\"\"\";100,5\r\n\r\n2021-11-22;\"put\nmulti\";105;\n2021-11-23;put;110\n"
        let t = try CSVTable.parseNumbered(text: text, source: "o.csv")
        XCTAssertEqual(t.header, ["quote_date", "type", "strike"])
        XCTAssertEqual(t.rows, [["2021-11-22", "call; \"weekly\"", "100,5"],
                                ["2021-11-22", "put\nmulti", "105"],
                                ["2021-11-23", "put", "110"]])
        XCTAssertEqual(t.lines, [2, 4, 6])
    }

    func testHeaderOnlyGivesNoRows() throws {
        let t = try CSVTable.parse(text: "a,b\n", source: "t.csv")
        XCTAssertEqual(t.header, ["a", "b"])
        XCTAssertTrue(t.rows.isEmpty)
    }

    func testWriterRoundTripsTextCells() throws {
        let header = ["name", "note"]
        let rows = [["a,b", "say \"hi\""], [" padded ", "line\nbreak"], ["plain", ""]]
        let text = CSVWriter.write(header: header, rows: rows)
        let back = try CSVTable.parse(text: text, source: "w.csv")
        XCTAssertEqual(back.header, header)
        XCTAssertEqual(back.rows, rows)
    }

    func testValueHelpers() {
        XCTAssertEqual(CSVValue.number("12.5"), 12.5)
        XCTAssertEqual(CSVValue.number("1,5", decimalComma: true), 1.5)
        XCTAssertEqual(CSVValue.number("-inf"), -.infinity)
        XCTAssertTrue(CSVValue.number("")?.isNaN == true)
        XCTAssertNil(CSVValue.number("x"))
        XCTAssertNil(CSVValue.number("-nan"))
        XCTAssertEqual(CSVValue.time("2021-11-26"), 1_637_884_800)
        XCTAssertNil(CSVValue.time("2021-02-29"))
        XCTAssertNil(CSVValue.time("123456789012345678901234567890"))
    }
}
