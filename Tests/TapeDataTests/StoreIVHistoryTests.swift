import GRDB
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// The store's implied-volatility history (`chain save`, read by `suggest`).
final class StoreIVHistoryTests: XCTestCase {
    var dir: TempDir!
    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir.remove() }

    func testSavedFiguresComeBackOldestFirstAndASecondSaveOfADateReplacesIt() throws {
        let path = dir.path + "/store.db"
        let store = try Store(path: path)
        let d1 = try XCTUnwrap(CivilTime.parse("2026-01-02")), d0 = try XCTUnwrap(CivilTime.parse("2025-12-26"))
        try store.saveIV(symbol: "DEMO", date: d1, days: 30, vol: 0.21, source: "a.csv")
        try store.saveIV(symbol: "DEMO", date: d0, days: 30, vol: 0.19, source: "b.csv")
        try store.saveIV(symbol: "OTHER", date: d0, days: 30, vol: 0.5, source: "c.csv")
        try store.saveIV(symbol: "DEMO", date: d1, days: 30, vol: 0.2, source: "d.csv")
        let h = try store.ivHistory(symbol: "DEMO")
        XCTAssertEqual(h.map(\.date), [d0, d1])
        XCTAssertEqual(h.map(\.vol), [0.19, 0.2])
        XCTAssertEqual(try store.ivHistory(symbol: "NONE").count, 0)
        // Reopened, the figures are still there (the migration runs once).
        let again = try Store(path: path)
        XCTAssertEqual(try again.ivHistory(symbol: "DEMO").map(\.vol), [0.19, 0.2])
    }

    func testTheTableRefusesANonPositiveVolAndABadSymbol() throws {
        let store = try Store(path: dir.path + "/store.db")
        XCTAssertThrowsError(try store.saveIV(symbol: "DEMO", date: 0, days: 30, vol: 0, source: "x"))
        XCTAssertThrowsError(try store.saveIV(symbol: "DEMO", date: 0, days: 30, vol: .nan, source: "x"))
        XCTAssertThrowsError(try store.saveIV(symbol: "no spaces", date: 0, days: 30, vol: 0.2, source: "x"))
        XCTAssertEqual(try store.ivHistory(symbol: "DEMO").count, 0)
    }
}
