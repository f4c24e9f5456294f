import GRDB
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

final class StoreTests: XCTestCase {
    var dir: TempDir!
    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir.remove() }

    /// SPY's first five bars (/work/shared/data/SPY.csv, MIT; see Tests/Fixtures/data/PROVENANCE.md).
    func spy() -> Bars {
        let d = ["1999-11-01", "1999-11-02", "1999-11-03", "1999-11-04", "1999-11-05"]
        return Bars(symbol: "SPY", time: d.map { CivilTime.parse(Substring($0)) ?? 0 },
                    open: [136.5, 135.9687, 136.0, 136.75, 138.625],
                    high: [137.0, 137.25, 136.375, 137.3593, 139.1093],
                    low: [135.5625, 134.5937, 135.125, 135.7656, 136.7812],
                    close: [135.5625, 134.5937, 135.5, 136.5312, 137.875],
                    volume: [4006500, 6516900, 7222300, 7907500, 7431500])
    }

    func testSaveLoadRoundTripAndIncrementalAppend() throws {
        let store = try Store(path: dir.path + "/sub/store.db")
        let all = spy()
        let r1 = try store.save(all.rows(0..<3), source: "SPY.csv")
        XCTAssertEqual(r1.inserted, 3)
        let r2 = try store.save(all, source: "SPY.csv")
        XCTAssertEqual(r2.inserted, 2)
        XCTAssertEqual(r2.unchanged, 3)
        XCTAssertEqual(r2.conflicts, [])
        XCTAssertEqual(try store.load("SPY"), all)
        XCTAssertEqual(try store.symbols(), [StoredSymbol(symbol: "SPY", source: "SPY.csv", rows: 5,
                                                          first: all.time[0], last: all.time[4])])
        let part = try store.load("SPY", from: all.time[1], to: all.time[2])
        XCTAssertEqual(part.close, [134.5937, 135.5])
    }

    func testChangedBarIsReportedAndKeptUnlessReplace() throws {
        let store = try Store(path: dir.path + "/store.db")
        try store.save(spy())
        var changed = spy()
        changed.close[2] = 135.75
        let r = try store.save(changed)
        XCTAssertEqual(r.conflicts, [.init(time: changed.time[2], columns: ["close"])])
        XCTAssertEqual(r.replaced, 0)
        XCTAssertTrue(r.summary.contains("1999-11-03: close"), r.summary)
        XCTAssertEqual(try store.load("SPY").close[2], 135.5)
        let r2 = try store.save(changed, replace: true)
        XCTAssertEqual(r2.replaced, 1)
        XCTAssertEqual(try store.load("SPY").close[2], 135.75)
    }

    func testNaNAndAdjCloseSurviveAndSchemaIsPlainSQL() throws {
        let path = dir.path + "/store.db"
        let store = try Store(path: path)
        var b = spy()
        b.open[1] = .nan
        b.adjClose = [1, 2, 3, 4, .nan]
        try store.save(b)
        let back = try store.load("SPY")
        XCTAssertTrue(back.open[1].isNaN)
        XCTAssertEqual(back.adjClose?.prefix(4), [1, 2, 3, 4])
        XCTAssertTrue(back.adjClose?[4].isNaN ?? false)
        XCTAssertEqual(try store.journalMode(), "wal")
        XCTAssertEqual(try store.appliedMigrations(), ["v1", "v2", "v3-iv-history"])
        // What a person typing into `sqlite3 store.db` sees.
        let q = try DatabaseQueue(path: path)
        let rows = try q.read { db in
            try Row.fetchAll(db, sql: "SELECT date, close, open FROM bars_dated WHERE symbol='SPY' ORDER BY date LIMIT 2")
        }
        XCTAssertEqual(rows[0]["date"] as String?, "1999-11-01")
        XCTAssertEqual(rows[1]["close"] as Double?, 134.5937)
        XCTAssertNil(rows[1]["open"] as Double?)
    }

    func testReopenKeepsDataAndMissingSymbolIsClear() throws {
        let path = dir.path + "/store.db"
        try Store(path: path).save(spy())
        let again = try Store(path: path)
        XCTAssertEqual(try again.load("SPY").count, 5)
        XCTAssertThrowsError(try again.load("QQQ")) { e in
            XCTAssertEqual("\(e)", "no bars for QQQ in the store at \(path); save them first (`save`) or check `symbols`")
        }
        XCTAssertTrue(try again.delete("SPY"))
        XCTAssertEqual(try again.symbols(), [])
    }

    func testBadSymbolAndUnwritablePathAreErrors() throws {
        let store = try Store(path: dir.path + "/store.db")
        var b = spy()
        b.symbol = "DROP TABLE;"
        XCTAssertThrowsError(try store.save(b)) { XCTAssertEqual($0 as? StoreError, .badSymbol("DROP TABLE;")) }
        var ragged = spy()
        ragged.close.removeLast()
        XCTAssertThrowsError(try store.save(ragged)) { XCTAssertEqual("\($0)", "cannot save SPY: its columns have different lengths") }
        XCTAssertThrowsError(try Store(path: "/proc/no/store.db")) { e in
            XCTAssertTrue("\(e)".hasPrefix("cannot open the store at /proc/no/store.db: "), "\(e)")
        }
    }

    func testDefaultPathFollowsXDG() {
        XCTAssertEqual(Store.defaultPath(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/h"]), "/x/data/tape/store.db")
        XCTAssertEqual(Store.defaultPath(environment: ["HOME": "/h"]), "/h/.local/share/tape/store.db")
        XCTAssertEqual(Store.defaultPath(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]), "/h/.local/share/tape/store.db")
    }
}
