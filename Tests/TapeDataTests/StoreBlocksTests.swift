import Foundation
import GRDB
import Synchronization
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// The v2 store: bars in columnar blocks, the `bars` view over them, the migration from
/// the v1 row-per-bar table, and the whole-universe save and load.
final class StoreBlocksTests: XCTestCase {
    var dir: TempDir!
    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir.remove() }

    /// `n` daily bars from 2001-01-01 (weekends included: the store does not care), with
    /// values that differ per bar and column so a misplaced value shows.
    func series(_ symbol: String, _ n: Int, from day: Int = 0, adj: Bool = false) -> Bars {
        let t0 = CivilTime.timestamp(year: 2001, month: 1, day: 1)
        let time = (0..<n).map { t0 + Int64(day + $0) * 86_400 }
        func col(_ k: Double) -> [Double] { (0..<n).map { Double(day + $0) * 0.25 + k } }
        return Bars(symbol: symbol, time: time, open: col(1), high: col(2), low: col(0.5), close: col(1.5), volume: col(1000),
                    adjClose: adj ? col(1.25) : nil)
    }

    /// Equal bit for bit (NaN included, which `==` on Bars does not allow).
    func assertSame(_ a: Bars, _ b: Bars, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.symbol, b.symbol, file: file, line: line)
        XCTAssertEqual(a.time, b.time, file: file, line: line)
        let pairs = [(a.open, b.open), (a.high, b.high), (a.low, b.low), (a.close, b.close), (a.volume, b.volume),
                     (a.adjClose ?? [], b.adjClose ?? [])]
        for (x, y) in pairs { XCTAssertEqual(x.map(\.bitPattern), y.map(\.bitPattern), file: file, line: line) }
        XCTAssertEqual(a.adjClose == nil, b.adjClose == nil, file: file, line: line)
    }

    func blockCount(_ path: String, _ symbol: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM bar_blocks WHERE symbol = ?", arguments: [symbol]) ?? -1 }
    }

    func testBlocksRoundTripAcrossBoundariesAndRanges() throws {
        let path = dir.path + "/store.db"
        let store = try Store(path: path)
        let all = series("ABC", 2500, adj: true)
        XCTAssertEqual(try store.save(all).inserted, 2500)
        XCTAssertEqual(try blockCount(path, "ABC"), 3)  // 1024 + 1024 + 452
        assertSame(try store.load("ABC"), all)
        // A range over the first block boundary, and one inside the last block.
        assertSame(try store.load("ABC", from: all.time[1000], to: all.time[1100]), all.rows(1000..<1101))
        assertSame(try store.load("ABC", from: all.time[2400], to: nil), all.rows(2400..<2500))
        XCTAssertEqual(try store.load("ABC", from: all.time[2499] + 1).count, 0)
        XCTAssertEqual(try store.symbols(), [StoredSymbol(symbol: "ABC", source: "", rows: 2500, first: all.time[0], last: all.time[2499])])
    }

    func testDailyAppendsFillBlocksAndMiddleInsertsMerge() throws {
        let path = dir.path + "/store.db"
        let store = try Store(path: path)
        let all = series("ABC", 1100)
        try store.save(all.rows(0..<1000))
        // A day at a time: the partly filled block is topped up, not followed by one-bar blocks.
        for k in 1000..<1100 { XCTAssertEqual(try store.save(all.rows(k..<(k + 1))).inserted, 1) }
        XCTAssertEqual(try blockCount(path, "ABC"), 2)
        assertSame(try store.load("ABC"), all)
        // Bars with a hole, then the hole filled: the result is in time order.
        let other = series("XYZ", 300)
        try store.save(Bars(symbol: "XYZ", time: other.time.enumerated().filter { $0.offset % 3 != 1 }.map(\.element),
                            open: other.open.enumerated().filter { $0.offset % 3 != 1 }.map(\.element),
                            high: other.high.enumerated().filter { $0.offset % 3 != 1 }.map(\.element),
                            low: other.low.enumerated().filter { $0.offset % 3 != 1 }.map(\.element),
                            close: other.close.enumerated().filter { $0.offset % 3 != 1 }.map(\.element),
                            volume: other.volume.enumerated().filter { $0.offset % 3 != 1 }.map(\.element)))
        let r = try store.save(other)
        XCTAssertEqual(r.inserted, 100)
        XCTAssertEqual(r.unchanged, 200)
        assertSame(try store.load("XYZ"), other)
        // Unchanged input rewrites nothing.
        let before = try DatabaseQueue(path: path).read { try Int64.fetchOne($0, sql: "SELECT max(rowid) FROM bar_blocks") }
        XCTAssertEqual(try store.save(other).unchanged, 300)
        XCTAssertEqual(try DatabaseQueue(path: path).read { try Int64.fetchOne($0, sql: "SELECT max(rowid) FROM bar_blocks") }, before)
    }

    /// The view decodes every finite double exactly (subnormals, -0 and the largest
    /// included), and times before 1970.
    func testBarsViewReadsTheBlocksAsRows() throws {
        let path = dir.path + "/store.db"
        let store = try Store(path: path)
        let values: [Double] = [0, -0.0, 1, -1, 136.5625, 0.1, -123456.789, Double.leastNormalMagnitude / 3, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .leastNormalMagnitude,
                                .nan, 1e22, 3]
        let n = values.count
        let t0 = CivilTime.timestamp(year: 1962, month: 1, day: 2)
        let times = (0..<n).map { t0 + Int64($0) * 86_400 }
        let b = Bars(symbol: "V", time: times, open: values, high: values.reversed(), low: values.map { $0 * 2 },
                     close: values, volume: values.map { $0.isNaN ? $0 : abs($0) }, adjClose: values.map { -$0 })
        try store.save(b)
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT time, open, high, low, close, volume, adj_close FROM bars WHERE symbol = 'V' ORDER BY time")
        }
        XCTAssertEqual(rows.count, n)
        for (i, r) in rows.enumerated() {
            XCTAssertEqual(r[0] as Int64, times[i])
            for (k, column) in [b.open, b.high, b.low, b.close, b.volume, b.adjClose ?? []].enumerated() {
                let stored: Double? = r[k + 1]
                // NaN is NULL, as v1 stored it; so is an infinity (the view cannot tell the
                // two apart without decoding the value twice; Tape's own reads are exact).
                if !column[i].isFinite {
                    XCTAssertNil(stored, "row \(i) column \(k)")
                } else {
                    XCTAssertEqual(stored?.bitPattern, column[i].bitPattern, "row \(i) column \(k): \(String(describing: stored)) vs \(column[i])")
                }
            }
        }
        let dated = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "SELECT date FROM bars_dated WHERE symbol = 'V' ORDER BY date LIMIT 1") }
        XCTAssertEqual(dated, "1962-01-02")
    }

    /// A v1 file (row per bar) as an earlier Tape wrote it.
    func makeV1(_ path: String, _ series: [Bars]) throws {
        let q = try DatabaseQueue(path: path)
        try StoreSchema.migrator(path: path).migrate(q, upTo: "v1")
        try q.write { db in
            for b in series {
                try db.execute(sql: "INSERT INTO symbols(symbol, source, has_adj_close, updated_at) VALUES (?, 'old.csv', ?, 0)",
                               arguments: [b.symbol, b.adjClose == nil ? 0 : 1])
                for i in 0..<b.count {
                    func v(_ x: Double) -> Double? { x.isNaN ? nil : x }
                    try db.execute(sql: "INSERT INTO bars(symbol, time, open, high, low, close, volume, adj_close) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [b.symbol, b.time[i], v(b.open[i]), v(b.high[i]), v(b.low[i]), v(b.close[i]), v(b.volume[i]),
                                               b.adjClose.map { v($0[i]) } ?? nil])
                }
            }
        }
    }

    func testV1StoreIsMigratedIntoBlocks() throws {
        let path = dir.path + "/old.db"
        var a = series("AAA", 2100, adj: true)
        a.close[5] = .nan
        a.adjClose?[2000] = .nan
        let b = series("BBB", 10, from: 50)
        try makeV1(path, [a, b])
        let progress = ProgressCounter()
        let store = try Store(path: path, migration: WorkControl(progress: { done, total in progress.record(done, total) }))
        XCTAssertEqual(try store.appliedMigrations(), ["v1", "v2", "v3-iv-history"])
        XCTAssertEqual(progress.last?.total, 2)
        assertSame(try store.load("AAA"), a)
        assertSame(try store.load("BBB"), b)
        XCTAssertEqual(try blockCount(path, "AAA"), 3)
        XCTAssertEqual(try store.symbols().map(\.source), ["old.csv", "old.csv"])
        // The view still answers a v1 query, NULL where v1 had NULL.
        let row = try DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT close, adj_close FROM bars WHERE symbol = 'AAA' AND time = ?", arguments: [a.time[5]])
        }
        XCTAssertNil(row?[0] as Double?)
        XCTAssertEqual(row?[1] as Double?, a.adjClose?[5])
        // Reopening does not migrate again.
        XCTAssertEqual(try Store(path: path).load("AAA").count, 2100)
    }

    /// Text in a v1 time or value column stops the migration with the query that finds it,
    /// and the file stays a v1 file (never half moved, never misread).
    func testV1WithTextIsRefusedAndLeftAsItWas() throws {
        let path = dir.path + "/old.db"
        try makeV1(path, [series("SPY", 5)])
        try DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO bars(symbol, time, close) VALUES ('SPY', '2020-01-09', 1)") }
        XCTAssertThrowsError(try Store(path: path)) {
            XCTAssertEqual("\($0)", "the store at \(path) has a bar time of SPY that is not a whole number of seconds; "
                           + "find it with: SELECT * FROM bars WHERE typeof(time) != 'integer'")
        }
        let left = try DatabaseQueue(path: path).read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
             try String.fetchOne(db, sql: "SELECT type FROM sqlite_master WHERE name = 'bars'"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM bars"))
        }
        XCTAssertEqual(left.0, ["v1"])
        XCTAssertEqual(left.1, "table")
        XCTAssertEqual(left.2, 6)

        let path2 = dir.path + "/old2.db"
        try makeV1(path2, [series("QQQ", 3)])
        try DatabaseQueue(path: path2).write { try $0.execute(sql: "UPDATE bars SET high = 'n/a' WHERE time = (SELECT max(time) FROM bars)") }
        XCTAssertThrowsError(try Store(path: path2)) { XCTAssertEqual($0 as? StoreError, .badValue(symbol: "QQQ", path: path2)) }
    }

    func testCancelledMigrationChangesNothing() throws {
        let path = dir.path + "/old.db"
        try makeV1(path, [series("AAA", 20), series("BBB", 20)])
        XCTAssertThrowsError(try Store(path: path, migration: WorkControl(cancel: { true }))) { XCTAssertTrue($0 is WorkCancelled, "\($0)") }
        XCTAssertEqual(try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }, ["v1"])
        XCTAssertEqual(try Store(path: path).load("BBB").count, 20)
    }

    func testNewerSchemaIsRefused() throws {
        let path = dir.path + "/store.db"
        try Store(path: path).save(series("AAA", 3))
        try DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v9')") }
        XCTAssertThrowsError(try Store(path: path)) {
            XCTAssertEqual("\($0)", "the store at \(path) was written by a newer Tape (schema v9); update Tape to read it, or use another file with set store")
        }
    }

    func testDamagedBlockIsReportedNotRead() throws {
        let path = dir.path + "/store.db"
        let store = try Store(path: path)
        _ = try store.save([(series("AAA", 10), "a"), (series("BBB", 10), "b")])
        // Only possible by hand, past the table's CHECK constraints.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE bar_blocks SET close = substr(close, 1, 40) WHERE symbol = 'AAA'")
        }
        XCTAssertThrowsError(try store.load("AAA")) {
            XCTAssertEqual($0 as? StoreError, .corruptBlock(symbol: "AAA", firstTime: self.series("AAA", 1).time[0], path: path))
        }
        let u = try Universe.load(store: store, name: "u")
        XCTAssertEqual(u.members.map(\.symbol), ["BBB"])
        XCTAssertEqual(u.failures.map(\.file), ["AAA"])
        XCTAssertTrue(u.failures[0].message.contains("damaged block of AAA"), u.failures[0].message)
    }

    func testUniverseSaveAndLoadWithProgressAndCancel() throws {
        let path = dir.path + "/store.db"
        let store = try Store(path: path)
        let members = (0..<40).map { k in series("S\(k)", 50 + 37 * k, from: k, adj: k % 2 == 0) }
        // A cancelled save leaves the store as it was.
        let calls = ProgressCounter()
        XCTAssertThrowsError(try store.save(members.map { ($0, "gen") }, control: WorkControl(progress: { calls.record($0, $1) },
                                                                                             cancel: { calls.count >= 5 })))
        XCTAssertEqual(try store.symbols(), [])
        let progress = ProgressCounter()
        let reports = try store.save(members.map { ($0, "gen") }, control: WorkControl(progress: { progress.record($0, $1) }))
        XCTAssertEqual(reports.map(\.inserted), members.map(\.count))
        XCTAssertEqual(progress.count, 40)
        XCTAssertEqual(progress.last?.done, 40)
        let loaded = ProgressCounter()
        let u = try Universe.load(store: store, name: "u", control: WorkControl(progress: { loaded.record($0, $1) }))
        XCTAssertEqual(loaded.count, 40)
        XCTAssertEqual(u.failures.count, 0)
        XCTAssertEqual(u.members.map(\.symbol), members.map(\.symbol).sorted())
        for m in members { if let got = u.member(m.symbol) { assertSame(got, m) } else { XCTFail("missing \(m.symbol)") } }
        XCTAssertEqual(u.barCount, members.reduce(0) { $0 + $1.count })
        let some = try Universe.load(store: store, name: "u", only: ["S3", "S7"])
        XCTAssertEqual(some.members.map(\.symbol), ["S3", "S7"])
        XCTAssertThrowsError(try Universe.load(store: store, name: "u", control: WorkControl(cancel: { true }))) { XCTAssertTrue($0 is WorkCancelled) }
    }
}

/// Progress calls from any thread, counted.
final class ProgressCounter: Sendable {
    private let calls = Mutex<[(done: Int, total: Int)]>([])
    func record(_ done: Int, _ total: Int) { calls.withLock { $0.append((done, total)) } }
    var count: Int { calls.withLock { $0.count } }
    var last: (done: Int, total: Int)? { calls.withLock { $0.max { $0.done < $1.done } } }
}
