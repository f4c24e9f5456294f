import Foundation
import Synchronization
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

final class UniverseTests: XCTestCase {
    var dir: TempDir!
    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir.remove() }

    let fixtures = Repository.fixtures("universe").path

    func testLoadsEveryCSVAndSkipsBrokenOnes() throws {
        for s in ["AAPL", "FTV", "UA"] {
            try FileManager.default.copyItem(atPath: "\(fixtures)/\(s).csv", toPath: "\(dir.path)/\(s).csv")
        }
        try "date,open,high,low,close,volume\n2020-01-02,1,2,0.5,oops,10\n".write(toFile: dir.path + "/BAD.csv", atomically: true, encoding: .utf8)
        try "not a price file".write(toFile: dir.path + "/README.txt", atomically: true, encoding: .utf8)
        let u = try Universe.load(folder: dir.path, name: "mini")
        XCTAssertEqual(u.name, "mini")
        XCTAssertEqual(u.members.map(\.symbol), ["AAPL", "FTV", "UA"])
        XCTAssertEqual(u.members.map(\.count), [1259, 404, 464])
        XCTAssertEqual(u.failures.map(\.file), [dir.path + "/BAD.csv"])
        XCTAssertTrue(u.failures[0].message.hasPrefix(dir.path + "/BAD.csv:2: "), u.failures[0].message)
        XCTAssertEqual(u.member("aapl")?.close.first, 67.8542)
    }

    func testWholeFixtureUniverse() throws {
        let u = try Universe.load(folder: fixtures)
        XCTAssertEqual(u.name, "universe")
        XCTAssertEqual(u.members.count, 11)
        XCTAssertTrue(u.failures.isEmpty)
    }

    /// Two threads read the same universe as one, in symbol order, reporting every file
    /// once; a cancel stops the load with nothing returned.
    func testParallelLoadMatchesOneThreadWithProgressAndCancel() throws {
        let one = try Universe.load(folder: fixtures, workers: 1)
        let counter = Mutex((calls: 0, last: 0, total: 0))
        let two = try Universe.load(folder: fixtures, workers: 2, control: WorkControl(progress: { done, total in
            counter.withLock { c in c = (c.calls + 1, max(c.last, done), total) }
        }))
        XCTAssertEqual(two.members.map(\.symbol), one.members.map(\.symbol))
        XCTAssertEqual(two.members.map(\.count), one.members.map(\.count))
        XCTAssertEqual(zip(two.members, one.members).filter { $0.close.map(\.bitPattern) != $1.close.map(\.bitPattern) }.count, 0)
        XCTAssertEqual(two.barCount, 11611 - 11)   // every line of the 11 files but their headers
        let seen = counter.withLock { $0 }
        XCTAssertEqual(seen.calls, 11)
        XCTAssertEqual(seen.last, 11)
        XCTAssertEqual(seen.total, 11)
        XCTAssertThrowsError(try Universe.load(folder: fixtures, control: WorkControl(cancel: { true }))) { XCTAssertTrue($0 is WorkCancelled) }
    }

    func testMissingOrEmptyFolder() {
        XCTAssertThrowsError(try Universe.load(folder: dir.path + "/nope")) {
            XCTAssertEqual("\($0)", "no folder at \(self.dir.path)/nope; give a folder of CSV files, one per symbol")
        }
        XCTAssertThrowsError(try Universe.load(folder: dir.path)) { XCTAssertEqual($0 as? UniverseError, .empty(self.dir.path)) }
    }
}
