import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// Real files from the shared data (copied to Tests/Fixtures/csv, see PROVENANCE.md).
final class BarsCSVRealFileTests: XCTestCase {
    static func fixture(_ name: String) throws -> String {
        let url = Repository.fixtures("csv/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    private func load(_ file: String) throws -> Bars {
        try BarsCSV.parse(text: Self.fixture(file), name: file, source: file)
    }

    private func row(_ b: Bars, _ i: Int) -> [Double] {
        [b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]] + (b.adjClose.map { [$0[i]] } ?? [])
    }

    func testSPY() throws {
        let b = try load("SPY.csv")
        XCTAssertEqual(b.count, 5241)
        XCTAssertNil(b.adjClose)
        XCTAssertEqual(CivilTime.format(b.time[0]), "1999-11-01")
        XCTAssertEqual(row(b, 0), [136.5, 137.0, 135.5625, 135.5625, 4_006_500])
        XCTAssertEqual(CivilTime.format(b.time[5240]), "2020-08-28")
        XCTAssertEqual(row(b, 5240), [349.44, 350.72, 348.15, 350.58, 48_588_940])
        XCTAssertFalse(b.isIntraday)
    }

    func testAAPLAndGOOG() throws {
        let a = try load("AAPL.csv")
        XCTAssertEqual(a.count, 3379)
        XCTAssertEqual(CivilTime.format(a.time[0]), "2004-08-19")
        XCTAssertEqual(row(a, 0), [2.250714, 2.275714, 2.168571, 2.193571, 97_230_000, 1.966391])
        XCTAssertEqual(CivilTime.format(a.time[3378]), "2018-01-19")
        XCTAssertEqual(row(a, 3378), [178.610001, 179.580002, 177.410004, 178.460007, 31_269_600, 178.460007])
        let g = try load("GOOG.csv")
        XCTAssertEqual(g.count, 3379)
        XCTAssertEqual(row(g, 0), [49.676899, 51.693783, 47.669952, 49.845802, 44_994_500, 49.845802])
        XCTAssertEqual(row(g, 3378), [1131.829956, 1137.859985, 1128.300049, 1137.510010, 1_387_700, 1137.510010])
    }

    func testIntradaySPX() throws {
        let b = try load("SPX_1min.csv")
        XCTAssertEqual(b.count, 1563)
        XCTAssertTrue(b.isIntraday)
        XCTAssertEqual(CivilTime.format(b.time[0]), "2019-11-05T09:30:00")
        XCTAssertEqual(row(b, 0), [3080.8, 3081.47, 3080.3, 3080.49, 0])
        XCTAssertEqual(CivilTime.format(b.time[1562]), "2019-11-08T15:59:00")
        XCTAssertEqual(row(b, 1562), [3091.16, 3092.91, 3090.96, 3092.91, 0])
    }

    func testFTVBlankFieldsAreNaN() throws {
        let b = try load("FTV.csv")
        XCTAssertEqual(b.count, 404)
        XCTAssertEqual(CivilTime.format(b.time[0]), "2016-07-01")
        XCTAssertTrue(b.open[0].isNaN && b.high[0].isNaN && b.low[0].isNaN)
        XCTAssertEqual(b.close[0], 49.54)
        XCTAssertEqual(b.volume[0], 0)
        XCTAssertEqual(row(b, 403), [71.92, 73.05, 71.68, 71.69, 2_533_280])
        XCTAssertEqual(b.open.filter(\.isNaN).count, 1)
    }

    /// Every cell of every fixture against an independent reading: a plain split on
    /// commas and Foundation's own Double and date conversion.
    func testEveryCellMatchesIndependentReading() throws {
        for file in ["SPY.csv", "AAPL.csv", "GOOG.csv", "SPX_1min.csv", "FTV.csv"] {
            let text = try Self.fixture(file)
            let b = try load(file)
            let lines = text.split(separator: "\n").dropFirst()
            XCTAssertEqual(lines.count, b.count, file)
            for (i, line) in lines.enumerated() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                XCTAssertEqual(CivilTime.parse(Substring(f[0])), b.time[i], "\(file) row \(i)")
                let expected = f.dropFirst().map { Double($0) ?? .nan }
                let got = row(b, i)
                XCTAssertEqual(expected.count, got.count, "\(file) row \(i)")
                for (e, g) in zip(expected, got) where !(e.isNaN && g.isNaN) {
                    XCTAssertEqual(e.bitPattern, g.bitPattern, "\(file) row \(i): \(e) vs \(g)")
                }
            }
        }
    }

    /// CSVWriter output reads back to the identical bars, NaN cells included.
    func testWriterRoundTrip() throws {
        for file in ["SPY.csv", "AAPL.csv", "SPX_1min.csv", "FTV.csv"] {
            let b = try load(file)
            let text = CSVWriter.write(b)
            let back = try BarsCSV.parse(text: text, name: file, source: "written")
            XCTAssertEqual(back.time, b.time, file)
            for (x, y) in zip([b.open, b.high, b.low, b.close, b.volume, b.adjClose ?? []],
                              [back.open, back.high, back.low, back.close, back.volume, back.adjClose ?? []]) {
                XCTAssertEqual(x.map(\.bitPattern), y.map(\.bitPattern), file)
            }
        }
        let spy = try load("SPY.csv")
        XCTAssertTrue(CSVWriter.write(spy).hasPrefix("date,open,high,low,close,volume\n1999-11-01,136.5,137,135.5625,135.5625,4006500\n"))
        let intraday = try load("SPX_1min.csv")
        XCTAssertTrue(CSVWriter.write(intraday).hasPrefix("date,open,high,low,close,volume\n2019-11-05T09:30:00,3080.8,"))
    }

    func testWriterNumberForms() {
        XCTAssertEqual(CSVWriter.number(100), "100")
        XCTAssertEqual(CSVWriter.number(-0.0), "-0")
        XCTAssertEqual(CSVWriter.number(.nan), "")
        XCTAssertEqual(CSVWriter.number(0.1), "0.1")
        XCTAssertEqual(CSVWriter.number(1e-5), "1e-05")
        XCTAssertEqual(CSVWriter.number(1e20), "1e+20")
        XCTAssertEqual(CSVWriter.number(.infinity), "inf")
        for x in [100.0, -0.0, 0.1, 1e-5, 1e20, .infinity, -.infinity, 0.1 + 0.2, 123_456_789.123] {
            XCTAssertEqual(CSVValue.number(CSVWriter.number(x))?.bitPattern, x.bitPattern, "\(x)")
        }
        XCTAssertEqual(CSVWriter.write(times: [0, 86_400], columns: [(name: "a,b", values: [1.5])]),
                       "date,\"a,b\"\n1970-01-01,1.5\n1970-01-02,\n")
    }
}
