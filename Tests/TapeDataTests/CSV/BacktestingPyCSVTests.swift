import TapeCore
import XCTest

/// backtesting.py's own data files (its bundled GOOG.csv, EURUSD.csv) are pandas frames
/// written with an unnamed index: the header's first cell is empty and holds the dates.
/// The rows below are in that layout, values hand-written.
final class BacktestingPyCSVTests: XCTestCase {
    private func day(_ y: Int, _ m: Int, _ d: Int, _ hh: Int = 0) -> Int64 {
        CivilTime.timestamp(year: y, month: m, day: d, hour: hh, minute: 0, second: 0)
    }

    func testUnnamedFirstColumnIsTheDate() throws {
        let daily = try BarsCSV.parse(text: ",Open,High,Low,Close,Volume\n2004-08-19,100.0,104.06,95.96,100.34,22351900\n"
                                          + "2004-08-20,101.01,109.08,100.5,108.31,11428600\n", name: "GOOG", source: "GOOG.csv")
        XCTAssertEqual(daily.time, [day(2004, 8, 19), day(2004, 8, 20)])
        XCTAssertEqual(daily.open, [100.0, 101.01])
        XCTAssertEqual(daily.close, [100.34, 108.31])
        XCTAssertEqual(daily.volume, [22_351_900, 11_428_600])
        let hourly = try BarsCSV.parse(text: ",Open,High,Low,Close,Volume\n2017-04-19 09:00:00,1.0716,1.07276,1.07162,1.07266,1413\n"
                                           + "2017-04-19 10:00:00,1.07266,1.07345,1.07258,1.0729,1241\n", name: "EURUSD", source: "EURUSD.csv")
        XCTAssertEqual(hourly.time, [day(2017, 4, 19, 9), day(2017, 4, 19, 10)])
        XCTAssertEqual(hourly.high, [1.07276, 1.07345])
    }

    /// A named date column still wins over an unnamed first one, and a file with neither
    /// is still refused for its missing date.
    func testNamedDateWinsAndMissingDateIsStillAnError() throws {
        let b = try BarsCSV.parse(text: ",date,close\n7,2020-01-02,5\n8,2020-01-03,6\n", name: "X", source: "x.csv")
        XCTAssertEqual(b.time, [day(2020, 1, 2), day(2020, 1, 3)])
        XCTAssertThrowsError(try BarsCSV.parse(text: "open,close\n1,2\n", name: "X", source: "x.csv")) {
            XCTAssertTrue("\($0)".contains("missing column date"), "\($0)")
        }
    }
}
