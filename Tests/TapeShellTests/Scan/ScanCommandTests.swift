import Foundation
import TapeCore
import TapeShellTestSupport
import XCTest
@testable import TapeData
@testable import TapeShell

/// `scan` as declared: help, the dispatcher's errors with their carets, Tab after
/// `scan `, and a ranking checked against the same return computed here from each
/// fixture file (Tests/Fixtures/universe, MIT).
final class ScanCommandTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/universe").path
    let t = Transcript(columns: 100)

    override func setUp() {
        XCTAssertEqual(t("load universe sp from \"\(Self.fixtures)\""), ["universe sp: 11 symbols, 11600 bars"])
    }

    func testHelpScan() {
        XCTAssertEqual(Array(t("help scan").prefix(16)), [
            "usage: scan UNIVERSE [where EXPR] [rank by EXPR [ascending]] [top N] [at DATE]",
            "  evaluate expressions across every symbol of a loaded universe, filter and rank them",
            "",
            "  arguments:",
            "    UNIVERSE  a universe of load universe (name)",
            "",
            "  options:",
            "    [where EXPR]  keep the symbols where this is true (not 0)",
            "    [rank]        sort by the expression after by (highest first)",
            "    [by EXPR]     what rank sorts by, printed as a column",
            "    [ascending]   rank lowest first",
            "    [top N]       print only the first N (whole number, from 1 to 100000)",
            "    [at DATE]     read each symbol at its last bar on or before this date (default: its last bar)",
            "                  (date)",
            "",
            "  load universe sp from \"data/universe/\"",
        ])
    }

    /// The 20-bar return of each symbol at its last bar on or before a date, from its
    /// file: the order and the values scan prints.
    func testRankingAgreesWithReturnsComputedFromTheFiles() throws {
        let date = try XCTUnwrap(CivilTime.parse("2016-06-30"))
        var expected: [(symbol: String, value: Double)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).sorted() where name.hasSuffix(".csv") {
            let bars = try BarsCSV.parse(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/" + name))),
                                         name: String(name.dropLast(4)), source: name)
            guard let i = bars.time.lastIndex(where: { $0 <= date }), i >= 20 else { continue }
            expected.append((String(name.dropLast(4)), bars.close[i] / bars.close[i - 20] - 1))
        }
        expected.sort { $0.value > $1.value }
        let lines = t("scan sp rank by pct(close, 20) top 3 at 2016-06-30")
        let missing = 11 - expected.count
        XCTAssertEqual(lines.first, "sp: 11 symbols, \(expected.count) pass" + (missing > 0 ? ", \(missing) without a value" : "") + "; top 3:")
        let rows = lines.dropFirst(2).map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(rows.map { $0[1] }, expected.prefix(3).map(\.symbol))
        for (row, e) in zip(rows, expected) {
            XCTAssertEqual(row[2], "2016-06-30")
            XCTAssertEqual(Double(row[4]) ?? .nan, e.value, accuracy: 1e-9, "\(row)")
        }
        let lowest = t("scan sp rank by pct(close, 20) ascending top 1 at 2016-06-30").dropFirst(2).first
        XCTAssertEqual(lowest?.split(separator: " ").dropFirst().first.map(String.init), expected.last?.symbol)
    }

    func testEachKindOfErrorWithItsCaret() {
        let usage = "usage: scan UNIVERSE [where EXPR] [rank by EXPR [ascending]] [top N] [at DATE]"
        let cases: [(String, [String])] = [
            ("scan", ["error: scan needs UNIVERSE — \(usage)", "  scan", "  ^^^^"]),
            ("scan nope", ["error: no universe named 'nope' — load one: load universe nope from \"folder/\"", "  scan nope", "       ^^^^"]),
            ("scan sp top 0", ["error: top must be from 1 to 100000 — got 0", "  scan sp top 0", "              ^"]),
            ("scan sp top 2.5", ["error: top must be a whole number — top is from 1 to 100000", "  scan sp top 2.5", "              ^^^"]),
            ("scan sp at 2016", ["error: at must be a date such as 2021-06-30", "  scan sp at 2016", "             ^^^^"]),
            ("scan sp rank top 2", ["error: rank needs 'by EXPR' — e.g. rank by pct(close, 126)", "  scan sp rank top 2", "          ^^^^"]),
            ("scan sp rnak by close", ["error: scan has no option 'rnak' — did you mean 'rank'? \(usage)", "  scan sp rnak by close", "          ^^^^"]),
            ("scan sp wher close > 1", ["error: scan has no option 'wher' — did you mean 'where'? \(usage)", "  scan sp wher close > 1", "          ^^^^"]),
            ("scan sp tops 3", ["error: scan has no option 'tops' — did you mean 'top'? \(usage)", "  scan sp tops 3", "          ^^^^"]),
        ]
        for (line, expected) in cases { XCTAssertEqual(t(line), expected, line) }
    }

    /// A universe's name is the universe, however near a flag it is (`banks` is two edits
    /// from `rank`).
    func testAUniverseNamedNearAFlagIsTheUniverse() {
        t("load universe banks from \"\(Self.fixtures)\"")
        XCTAssertEqual(t("scan banks rank by close top 1").first, "banks: 11 symbols, 11 pass; top 1:")
    }

    func testCompletion() {
        XCTAssertEqual(t.complete("scan "), ["ascending", "at", "by", "rank", "sp", "top", "where"])
        XCTAssertEqual(t.complete("scan s"), ["sp"])
        XCTAssertTrue(t.complete("scan sp where s").contains("sma"))
    }
}
