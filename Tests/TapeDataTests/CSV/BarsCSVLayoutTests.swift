import TapeCore
import XCTest
@testable import TapeData

/// Every layout BarsCSV claims to read, as small inline files with hand-checked values.
final class BarsCSVLayoutTests: XCTestCase {
    private func day(_ y: Int, _ m: Int, _ d: Int, _ hh: Int = 0, _ mm: Int = 0, _ ss: Int = 0) -> Int64 {
        CivilTime.timestamp(year: y, month: m, day: d, hour: hh, minute: mm, second: ss)
    }

    private func parse(_ text: String) throws -> Bars {
        try BarsCSV.parse(text: text, name: "X", source: "x.csv")
    }

    func testTapeLayoutWithAdjClose() throws {
        let b = try parse("date,open,high,low,close,volume,adj_close\n2020-01-02,1.5,2.25,1,2,100,1.9\n2020-01-03,2,3,1.75,2.5,200,2.4\n")
        XCTAssertEqual(b.symbol, "X")
        XCTAssertEqual(b.time, [day(2020, 1, 2), day(2020, 1, 3)])
        XCTAssertEqual(b.open, [1.5, 2])
        XCTAssertEqual(b.high, [2.25, 3])
        XCTAssertEqual(b.low, [1, 1.75])
        XCTAssertEqual(b.close, [2, 2.5])
        XCTAssertEqual(b.volume, [100, 200])
        XCTAssertEqual(b.adjClose, [1.9, 2.4])
    }

    func testYahooLayoutColumnOrderAndCase() throws {
        let b = try parse("Date,Open,High,Low,Close,Adj Close,Volume\r\n2018-01-18,179.369995,180.100006,178.25,179.259995,179.259995,31193400\r\n")
        XCTAssertEqual(b.close, [179.259995])
        XCTAssertEqual(b.adjClose, [179.259995])
        XCTAssertEqual(b.volume, [31_193_400])
        XCTAssertEqual(b.time, [day(2018, 1, 18)])
    }

    func testStooqLayouts() throws {
        let plain = try parse("Date,Open,High,Low,Close,Volume\n2024-01-02,472.16,473.67,470.49,472.65,123623700\n")
        XCTAssertEqual(plain.open, [472.16])
        XCTAssertNil(plain.adjClose)
        let tickers = try parse("<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"
            + "SPY.US,5,20240102,153000,472.1,472.2,471.9,472.0,1000,0\nSPY.US,5,20240102,153500,472.0,472.3,471.8,472.2,900,0\n")
        XCTAssertEqual(tickers.time, [day(2024, 1, 2, 15, 30), day(2024, 1, 2, 15, 35)])
        XCTAssertEqual(tickers.close, [472.0, 472.2])
        XCTAssertEqual(tickers.volume, [1000, 900])
    }

    func testAnyColumnOrderAndAliases() throws {
        let b = try parse("vol;Close;timestamp;LOW;High;open;adjclose\n5;10;2021-03-04 09:30;9;11;9.5;9.9\n")
        XCTAssertEqual(b.time, [day(2021, 3, 4, 9, 30)])
        XCTAssertEqual([b.open[0], b.high[0], b.low[0], b.close[0], b.volume[0]], [9.5, 11, 9, 10, 5])
        XCTAssertEqual(b.adjClose, [9.9])
        let c = try parse("datetime,adj_close,close\n2021-03-04T09:30:15,1,2\n")
        XCTAssertEqual(c.time, [day(2021, 3, 4, 9, 30, 15)])
        XCTAssertEqual(c.close, [2])
        XCTAssertEqual(c.adjClose, [1])
        let d = try parse("time,close\n2021-03-04T09:30,2\n")
        XCTAssertEqual(d.time, [day(2021, 3, 4, 9, 30)])
    }

    func testOnlyDateAndCloseRequired() throws {
        let b = try parse("Date,Price\n2020-01-02,3.5\n")
        XCTAssertEqual(b.close, [3.5])
        XCTAssertTrue(b.open[0].isNaN && b.high[0].isNaN && b.low[0].isNaN && b.volume[0].isNaN)
        XCTAssertNil(b.adjClose)
    }

    func testSeparateTimeColumn() throws {
        let b = try parse("Date,Time,Open,High,Low,Close\n2019-11-05,09:30,1,2,0.5,1.5\n2019-11-05,09:31:00,1,2,0.5,1.75\n")
        XCTAssertEqual(b.time, [day(2019, 11, 5, 9, 30), day(2019, 11, 5, 9, 31)])
    }

    func testDateForms() throws {
        let b = try parse("date,close\n20200102,1\n2020/01/03,2\n2020-01-06 10:00:00,3\n2020-01-06T11:00:00.250Z,4\n2020-01-06T12:00:00-05:00,5\n")
        XCTAssertEqual(b.time, [day(2020, 1, 2), day(2020, 1, 3), day(2020, 1, 6, 10), day(2020, 1, 6, 11), day(2020, 1, 6, 12)])
        let epoch = try parse("timestamp,close\n1577923200,1\n1577923260000,2\n")
        XCTAssertEqual(epoch.time, [day(2020, 1, 2), day(2020, 1, 2, 0, 1)])
    }

    func testQuotingBOMBlankLinesAndSpaces() throws {
        let text = "\u{FEFF}\"date\", \"close\" ,\"volume\"\r\n\r\n\"2020-01-02\",\"1,5\",\" 7 \"\r\n2020-01-03 , 2 ,\"8\"\r\n\r\n\n"
        XCTAssertThrowsError(try parse(text))   // "1,5" is not a number with a comma separator
        let b = try parse(text.replacingOccurrences(of: "\"1,5\"", with: "\"1.5\""))
        XCTAssertEqual(b.time, [day(2020, 1, 2), day(2020, 1, 3)])
        XCTAssertEqual(b.close, [1.5, 2])
        XCTAssertEqual(b.volume, [7, 8])
    }

    func testSemicolonWithDecimalComma() throws {
        let b = try parse("Date;Open;High;Low;Close;Volume\n2020-01-02;1,5;2;1;1,75;100\n")
        XCTAssertEqual(b.open, [1.5])
        XCTAssertEqual(b.close, [1.75])
    }

    func testTabSeparatorAndTrailingSeparator() throws {
        let b = try parse("date\tclose\tvolume\n2020-01-02\t1.25\t3\t\n")
        XCTAssertEqual(b.close, [1.25])
        XCTAssertEqual(b.volume, [3])
    }

    func testMissingMarkersBecomeNaN() throws {
        let b = try parse("date,open,high,low,close,volume\n2020-01-02,,NA,null,4,NaN\n2020-01-03,N/A,#N/A,none,5,\n")
        for col in [b.open, b.high, b.low, b.volume] {
            XCTAssertTrue(col.allSatisfy(\.isNaN), "\(col)")
        }
        XCTAssertEqual(b.close, [4, 5])
    }

    func testNewestFirstIsReversed() throws {
        let b = try parse("date,close\n2020-01-06,3\n2020-01-03,2\n2020-01-02,1\n")
        XCTAssertEqual(b.time, [day(2020, 1, 2), day(2020, 1, 3), day(2020, 1, 6)])
        XCTAssertEqual(b.close, [1, 2, 3])
    }

    func testBannerLineAboveHeaderIsSkipped() throws {
        // CryptoDataDownload puts its URL above the header.
        let b = try parse("https://www.CryptoDataDownload.com\nDate,Symbol,Open,High,Low,Close,Volume BTC\n2019-10-17 09-AM,BTCUSD,1,2,0.5,1.5,3\n".replacingOccurrences(of: "09-AM", with: "09:00"))
        XCTAssertEqual(b.time, [day(2019, 10, 17, 9)])
        XCTAssertTrue(b.volume[0].isNaN)   // "Volume BTC" is not a volume alias: not guessed
    }

    func testNumberForms() throws {
        let b = try parse("date,close\n2020-01-02,1e-05\n2020-01-03,+2.5E+3\n2020-01-06,.5\n2020-01-07,12345678901234567890\n2020-01-08,-0.1000000000000000055511151231257827\n")
        XCTAssertEqual(b.close, [1e-05, 2500, 0.5, 1.234_567_890_123_456_789_0e19, -0.1])
    }

    func testNumberParserMatchesStandardLibraryOnManyValues() {
        // The fast path must give exactly what Double(String) gives (correct rounding).
        var rng = SplitMix64(seed: 42)
        for _ in 0..<50_000 {
            let digits = Int(rng.next() % 17) + 1
            var s = ""
            for _ in 0..<digits { s += String(rng.next() % 10) }
            let dot = Int(rng.next() % UInt64(digits + 1))
            if dot < digits { s.insert(".", at: s.index(s.startIndex, offsetBy: dot)) }
            if rng.next() % 4 == 0 { s += "e" + String(Int(rng.next() % 40) - 20) }
            XCTAssertEqual(CSVValue.number(s), Double(s), s)
        }
    }

    func testDateParserAgreesWithCivilTimeOnISOForms() {
        // CSVValue.time reads bytes without allocating; on every ISO form CivilTime.parse
        // knows (valid or not) it must give the same answer.
        var rng = SplitMix64(seed: 2026)
        func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        for _ in 0..<50_000 {
            var s = "\(1900 + rng.next() % 200)-\(two(rng.next() % 14))-\(two(rng.next() % 33))"
            switch rng.next() % 4 {
            case 0: break
            case 1: s += "T\(two(rng.next() % 26)):\(two(rng.next() % 62))"
            case 2: s += " \(two(rng.next() % 26)):\(two(rng.next() % 62)):\(two(rng.next() % 62))"
            default: s += "T\(two(rng.next() % 24)):\(two(rng.next() % 60)):\(two(rng.next() % 60)).5Z"
            }
            XCTAssertEqual(CSVValue.time(s), CivilTime.parse(Substring(s)), s)
        }
    }

    func testBytesEntryPointMatchesText() throws {
        let text = "date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,10\n"
        XCTAssertEqual(try BarsCSV.parse(bytes: Array(text.utf8), name: "X", source: "x.csv"), try parse(text))
    }
}
