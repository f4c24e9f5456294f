import XCTest
@testable import TapeCore

final class GreeksBatchTests: XCTestCase {
    func testRowsArePricedAndBadRowsExplained() throws {
        let csv = """
        strike,type,spot,days,vol,rate,div_yield,note
        105,call,100,30,0.25,0.04,0.01,a
        95,put,100,365,0.3,0.02,0,b
        95,put,-3,365,0.3,0.02,0,c
        95,swap,100,365,0.3,0.02,0,d
        """
        let r = try GreeksBatch.run(csv: csv)
        XCTAssertEqual(r.rows, 4)
        XCTAssertEqual(r.failed, 2)
        let lines = r.csv.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "strike,type,spot,days,vol,rate,div_yield,note," + GreeksBatch.outputColumns.joined(separator: ","))
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let g = try BlackScholes.greeks(.call, spot: 100, strike: 105, years: 30.0 / 365, rate: 0.04, dividendYield: 0.01, vol: 0.25)
        XCTAssertEqual(Double(first[8]), g.price)
        XCTAssertEqual(Double(first[9]), g.delta)
        XCTAssertEqual(Double(first[13]), g.vega)
        XCTAssertEqual(first.last, "")
        XCTAssertTrue(lines[3].hasSuffix("spot must be positive; got -3.0"), lines[3])
        XCTAssertTrue(lines[4].hasSuffix("type must be call or put"), lines[4])
        XCTAssertEqual(lines[3].split(separator: ",", omittingEmptySubsequences: false).count, 8 + GreeksBatch.outputColumns.count)
    }

    func testNeedsTimeColumn() {
        XCTAssertThrowsError(try GreeksBatch.run(csv: "type,spot,strike,vol,rate\ncall,1,1,1,1\n")) {
            XCTAssertEqual("\($0)", "greeks CSV header needs a days or years column (has: type, spot, strike, vol, rate)")
        }
    }

    /// The batch reads with the one CSV reader: a quoted cell may hold the separator and
    /// comes back as written; a `;` file is answered in `;`; a broken quote names the
    /// file and line.
    func testQuotedCellsSeparatorsAndErrorsNamingFileAndLine() throws {
        let r = try GreeksBatch.run(csv: "note,type,spot,strike,days,vol,rate\n\"a, b\",call,100,105,30,0.25,0.04\n", source: "in.csv")
        let lines = r.csv.split(separator: "\n").map(String.init)
        XCTAssertEqual(r.failed, 0)
        XCTAssertTrue(lines[1].hasPrefix("\"a, b\",call,100,105,30,0.25,0.04,"), lines[1])
        let g = try BlackScholes.greeks(.call, spot: 100, strike: 105, years: 30.0 / 365, rate: 0.04, dividendYield: 0, vol: 0.25)
        XCTAssertTrue(lines[1].contains(",\(g.price),"), lines[1])
        let semicolons = try GreeksBatch.run(csv: "type;spot;strike;days;vol;rate\nput;100;95;365;0.3;0.02\n")
        XCTAssertTrue(semicolons.csv.hasPrefix("type;spot;strike;days;vol;rate;price;delta;"), semicolons.csv)
        XCTAssertThrowsError(try GreeksBatch.run(csv: "type,spot,strike,days,vol,rate\ncall,100,105,30,0.25,0.04\n\"call,1\n", source: "in.csv")) {
            XCTAssertEqual("\($0)", "in.csv:3: unterminated quoted field (column 1)")
        }
    }
}
