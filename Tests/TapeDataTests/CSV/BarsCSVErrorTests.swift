import TapeCore
import XCTest
@testable import TapeData

/// Every error BarsCSV and CSVTable raise, with the exact one-line text a person sees.
final class BarsCSVErrorTests: XCTestCase {
    private func message(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            let b = try BarsCSV.parse(text: text, name: "X", source: "data/x.csv")
            XCTFail("parsed \(b.count) rows, expected an error", file: file, line: line)
            return ""
        } catch let e as CSVError {
            XCTAssertFalse(e.description.contains("\n"), file: file, line: line)
            return e.description
        } catch {
            XCTFail("not a CSVError: \(error)", file: file, line: line)
            return ""
        }
    }

    func testEmptyAndHeaderOnly() {
        XCTAssertEqual(message(""), "data/x.csv: empty file")
        XCTAssertEqual(message("\n\r\n  \n"), "data/x.csv: empty file")
        XCTAssertEqual(message("\u{FEFF}"), "data/x.csv: empty file")
        XCTAssertEqual(message("date,open,high,low,close,volume\n"), "data/x.csv:1: header only, no data rows")
        XCTAssertEqual(message("\ndate,close\n\n\n"), "data/x.csv:2: header only, no data rows")
    }

    func testMissingColumns() {
        XCTAssertEqual(message("Date,Open,High,Low\n2020-01-02,1,2,3\n"),
                       "data/x.csv:1: missing column close (found: Date, Open, High, Low)")
        XCTAssertEqual(message("when,open,shut\n2020-01-02,1,2\n"),
                       "data/x.csv:1: missing columns date, close (found: when, open, shut)")
        XCTAssertEqual(message("2020-01-02,1,2,0.5,1.5,100\n2020-01-03,1,2,0.5,1.5,100\n"),
                       "data/x.csv:1: missing columns date, close: the first line looks like data, not a header (expected e.g. date,open,high,low,close,volume)")
        XCTAssertEqual(message("\nDate Open High Low Close\n2020-01-02 1 2 0.5 1.5\n"),
                       "data/x.csv:2: missing columns date, close (found: Date Open High Low Close)")
        XCTAssertEqual(message("date,close,Close\n2020-01-02,1,2\n"),
                       "data/x.csv:1: column Close appears twice (columns 2 and 3)")
    }

    func testBadValues() {
        XCTAssertEqual(message("date,close\n2020-01-02,1\n2020-01-03,abc\n"),
                       "data/x.csv:3: bad number 'abc' in column close")
        XCTAssertEqual(message("Date,Close\n2020-01-02,0x1p3\n"), "data/x.csv:2: bad number '0x1p3' in column Close")
        XCTAssertEqual(message("Date,Close,Volume\n2020-01-02,1,1.2.3\n"), "data/x.csv:2: bad number '1.2.3' in column Volume")
        XCTAssertEqual(message("date,close\n2020-01-02,1e400\n"), "data/x.csv:2: number out of range '1e400' in column close")
        XCTAssertEqual(message("date,close\n2020-13-01,1\n"), "data/x.csv:2: bad date '2020-13-01' in column date")
        XCTAssertEqual(message("date,close\n01/02/2020,1\n"), "data/x.csv:2: bad date '01/02/2020' in column date")
        XCTAssertEqual(message("date,close\n,1\n"), "data/x.csv:2: missing date")
        XCTAssertEqual(message("date,open,close\n2020-01-02,1,\n"), "data/x.csv:2: missing close")
        XCTAssertEqual(message("Date,Time,Close\n2020-01-02,25:00,1\n"), "data/x.csv:2: bad time '25:00' in column Time")
        XCTAssertEqual(message("date,close\n2020-01-02,\"a\nb\"\n"), "data/x.csv:2: bad number 'a?b' in column close")
    }

    func testFieldCounts() {
        XCTAssertEqual(message("date,open,close\n2020-01-02,1\n"), "data/x.csv:2: row has 2 fields, header has 3")
        XCTAssertEqual(message("date,open,close\n2020-01-02\n"), "data/x.csv:2: row has 1 field, header has 3")
        XCTAssertEqual(message("date,open,close\n2020-01-02,1,2,3\n"), "data/x.csv:2: row has 4 fields, header has 3")
    }

    func testOrder() {
        XCTAssertEqual(message("date,close\n2020-01-02,1\n2020-01-03,1\n2020-01-06,1\n2020-01-03,1\n"),
                       "data/x.csv:5: unsorted: 2020-01-03 comes after 2020-01-06 (line 4); rows must be oldest first")
        XCTAssertEqual(message("date,close\n2020-01-02,1\n\n2020-01-02,1\n"),
                       "data/x.csv:4: duplicate date 2020-01-02 (also on line 2)")
        XCTAssertEqual(message("date,close\n2020-01-02T09:30,1\n2020-01-02T09:30:00,1\n"),
                       "data/x.csv:3: duplicate time 2020-01-02T09:30:00 (also on line 2)")
        XCTAssertEqual(message("date,close\n2020-01-06,1\n2020-01-03,1\n2020-01-07,1\n"),
                       "data/x.csv:4: unsorted: 2020-01-07 comes after 2020-01-03 (line 3) in a file that runs newest first")
    }

    func testQuoting() {
        XCTAssertEqual(message("date,close\n2020-01-02,\"1\n"), "data/x.csv:2: unterminated quoted field (column 2)")
        XCTAssertEqual(message("date,close\n2020-01-02,\"1\"x\n"), "data/x.csv:2: unexpected text after closing quote (column 2)")
    }

    func testLongFieldIsClipped() {
        let long = String(repeating: "z", count: 100)
        XCTAssertEqual(message("date,close\n2020-01-02,\(long)\n"),
                       "data/x.csv:2: bad number '\(String(repeating: "z", count: 40))…' in column close")
    }

    func testCSVTableErrors() {
        XCTAssertThrowsError(try CSVTable.parse(text: "", source: "t.csv")) {
            XCTAssertEqual(($0 as? CSVError)?.description, "t.csv: empty file")
        }
        XCTAssertThrowsError(try CSVTable.parse(text: "a,b,c\n1,2\n", source: "t.csv")) {
            XCTAssertEqual(($0 as? CSVError)?.description, "t.csv:2: row has 2 fields, header has 3")
        }
    }
}
