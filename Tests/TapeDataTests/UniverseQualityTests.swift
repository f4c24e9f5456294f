import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// The quirks /work/shared/data/PROVENANCE.md lists for the S&P 500 universe, found by
/// `DataQuality.validate` in the copied files (Tests/Fixtures/universe, MIT), and what
/// `clean` makes of them.
final class UniverseQualityTests: XCTestCase {
    func load(_ symbol: String) throws -> Bars {
        let path = Repository.fixtures("universe/\(symbol).csv").path
        return try BarsCSV.parse(text: try String(contentsOfFile: path, encoding: .utf8), name: symbol, source: path)
    }

    func days(_ r: QualityReport, _ k: QualityIssue.Kind) -> [String] { r.issues(k).map { CivilTime.format($0.time) } }

    func testBadTicksWhereHighLowDoNotBracket() throws {
        let expected = ["AOS": "2014-05-19", "BBY": "2016-03-14", "LNT": "2016-05-19", "UA": "2016-06-10", "WRK": "2016-05-13"]
        for (symbol, day) in expected {
            XCTAssertEqual(days(DataQuality.validate(try load(symbol)), .inconsistentOHLC), [day], symbol)
        }
        let aos = DataQuality.validate(try load("AOS")).issues(.inconsistentOHLC)[0]
        XCTAssertEqual(aos.line, "2014-05-19  row 321  inconsistent OHLC: high 23.595 < open 23.89")
    }

    func testEmptyOpenHighLowRows() throws {
        let expected = ["FTV": "2016-07-01", "REGN": "2015-06-09", "UA": "2016-04-07", "WRK": "2015-06-26"]
        for (symbol, day) in expected {
            let r = DataQuality.validate(try load(symbol))
            XCTAssertEqual(days(r, .missingField), [day], symbol)
            XCTAssertEqual(r.issues(.missingField).first?.detail, "empty open, high, low", symbol)
        }
    }

    func testLNTHalfPriceCloseIsASpikeNotASplit() throws {
        let r = DataQuality.validate(try load("LNT"))
        XCTAssertEqual(days(r, .spike), ["2016-05-19"])
        XCTAssertEqual(r.issues(.splitLike), [])
        XCTAssertEqual(r.issues(.spike)[0].detail, "close 35.35 -> 17.87 (ratio 1.978, like a 2:1 split), reversed on the next bar")
    }

    func testMissingTradingDays() throws {
        let r = DataQuality.validate(try load("ORCL"))
        XCTAssertEqual(r.rows, 1257)
        XCTAssertEqual(r.missingDays.map { CivilTime.format($0) }, ["2013-07-15", "2013-07-16"])
        // 2 missing of 1259 expected sessions: 100 × (1 − 2/1259) = 99.84 -> 99.8.
        XCTAssertEqual(r.score, 99.8)
    }

    func testCleanFilesAreClean() throws {
        for s in ["AAPL", "ADBE", "AMZN"] {
            let r = DataQuality.validate(try load(s))
            XCTAssertEqual(r.issues, [], s)
            XCTAssertEqual(r.score, 100, s)
            XCTAssertEqual(r.rows, 1259, s)
        }
    }

    func testScoresFollowTheDocumentedFormula() throws {
        // UA: row 1 (missing OHL, weight 1; zero volume 0.5 -> worst 1), row 46 (inconsistent, 1):
        // 100 × (1 − 2/464) = 99.57 -> 99.5.
        let ua = DataQuality.validate(try load("UA"))
        XCTAssertEqual(ua.counts.map(\.count), [1, 1, 1])
        XCTAssertEqual(ua.score, 99.5)
        // BBY: an inconsistent row (1) and its 2014-01-16 fall of 28.6% (outlier, 0.25):
        // 100 × (1 − 1.25/1259) = 99.90 -> 99.9. z checked with Python statistics (mean/stdev of
        // the other 1257 log returns): -14.58.
        let bby = DataQuality.validate(try load("BBY"))
        XCTAssertEqual(bby.issues(.outlier).map(\.detail), ["return -28.6% (z = -14.6)"])
        XCTAssertEqual(bby.score, 99.9)
        XCTAssertEqual(DataQuality.validate(try load("FTV")).score, 99.7)   // 1 − 1/404
    }

    func testCleanRepairsTheUniverseQuirks() throws {
        for s in ["AOS", "BBY", "FTV", "LNT", "REGN", "UA", "WRK"] {
            let (fixed, changes) = DataQuality.clean(try load(s))
            let after = DataQuality.validate(fixed)
            XCTAssertEqual(after.issues.filter { $0.kind.weight == 1 && $0.kind != .missingDay }, [], s)
            // Dropping LNT's bad print leaves its day missing, and says so.
            XCTAssertEqual(after.missingDays.map { CivilTime.format($0) }, s == "LNT" ? ["2016-05-19"] : [], s)
            XCTAssertFalse(changes.isEmpty, s)
        }
        let (lnt, changes) = DataQuality.clean(try load("LNT"))
        XCTAssertEqual(lnt.count, 1258)
        XCTAssertEqual(changes, ["2016-05-19: dropped a one-bar spike (close 17.87, undone the next bar)"])
        let (regn, rc) = DataQuality.clean(try load("REGN"))
        let i = try XCTUnwrap(regn.time.firstIndex(of: CivilTime.timestamp(year: 2015, month: 6, day: 9)))
        XCTAssertEqual([regn.open[i], regn.high[i], regn.low[i]], [regn.open[i - 1], regn.high[i - 1], regn.low[i - 1]].map { $0 })
        XCTAssertEqual(rc.first, "2015-06-09: filled empty open, high, low from 2015-06-08")
        // FTV's first bar has nothing before it to fill from: dropped.
        let (ftv, fc) = DataQuality.clean(try load("FTV"))
        XCTAssertEqual(ftv.count, 403)
        XCTAssertEqual(fc, ["2016-07-01: dropped the first bar: empty open, high, low and nothing before it to fill from"])
    }
}
