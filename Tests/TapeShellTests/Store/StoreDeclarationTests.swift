import Foundation
import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// `save`, `symbols`, `ls`, `validate` and `clean` as declared: help, the dispatcher's
/// errors with their carets and "did you mean", and Tab. What they do to a store and to
/// data is tested end to end in Data/StoreCommandsTests and Tests/Sessions/data-quality.tape.
final class StoreDeclarationTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/universe").path
    let t = Transcript(columns: 100)

    func testHelpCleanWordForWord() {
        XCTAssertEqual(t("help clean"), [
            "usage: clean [NAME] [inconsistent fix|drop] [adjust_splits] [keep_spikes]",
            "  repair a dataset in place: order, duplicates, empty prices, spikes, impossible bars; lists every",
            "  change",
            "",
            "  arguments:",
            "    [NAME]  a loaded dataset (default: the current one) (name)",
            "",
            "  options:",
            "    [inconsistent fix|drop]  what to do with a bar whose high and low do not bracket open and close",
            "                             (default fix: widen them)",
            "    [adjust_splits]          divide prices before each split-like jump by its ratio",
            "    [keep_spikes]            keep one-bar spikes instead of dropping them",
            "",
            "  clean                     sort, drop duplicates, forward-fill empty prices, drop one-bar",
            "                            spikes, widen high/low to bracket open and close",
            "  clean inconsistent drop   drop impossible bars instead of widening them",
            "  clean adjust_splits       also divide prices before each split-like jump by its ratio",
            "  clean keep_spikes         keep one-bar spikes (bad prints) instead of dropping them",
            "  Volume is never invented. See docs/DATA.md.",
        ])
    }

    func testEachKindOfErrorWithItsCaret() {
        t("load LNT from \"\(Self.fixtures)/LNT.csv\"")
        let cases: [(String, [String])] = [
            ("validate limit 2.5", ["error: limit must be a whole number — limit is from 0 to 1000000", "  validate limit 2.5", "                 ^^^"]),
            ("validate limit -1", ["error: limit must be from 0 to 1000000 — got -1", "  validate limit -1", "                 ^^"]),
            ("validate limt 3", ["error: validate has no option 'limt' — did you mean 'limit'? usage: validate [NAME] [limit N]",
                                 "  validate limt 3", "           ^^^^"]),
            ("clean inconsistent maybe", ["error: unknown inconsistent 'maybe' — one of: fix, drop", "  clean inconsistent maybe", "                     ^^^^^"]),
            ("clean inconsistent drp", ["error: unknown inconsistent 'drp' — did you mean 'drop'?", "  clean inconsistent drp", "                     ^^^"]),
            ("clean LNT keep_spike", ["error: clean has no option 'keep_spike' — did you mean 'keep_spikes'? usage: clean [NAME] [inconsistent fix|drop] [adjust_splits] [keep_spikes]",
                                      "  clean LNT keep_spike", "            ^^^^^^^^^^"]),
            ("save LNT replac", ["error: save has no option 'replac' — did you mean 'replace'? usage: save [NAME ...] [replace]",
                                 "  save LNT replac", "           ^^^^^^"]),
            ("symbols all", ["error: symbols takes no arguments — usage: symbols", "  symbols all", "          ^^^"]),
            ("ls", ["error: ls needs s3://BUCKET/PREFIX/ — usage: ls s3://BUCKET/PREFIX/", "  ls", "  ^^"]),
            ("ls \"http://x\"", ["error: ls needs an s3:// address — e.g. ls s3://my-bucket/prices/", "  ls \"http://x\"", "     ^^^^^^^^^^"]),
        ]
        for (line, expected) in cases { XCTAssertEqual(t(line), expected, line) }
    }

    /// `limit N` lists at most N issues under the summary line, and counts the rest.
    func testValidateLimit() {
        t("load LNT from \"\(Self.fixtures)/LNT.csv\"")
        let all = t("validate")
        XCTAssertEqual(all.count, 3)
        XCTAssertEqual(t("validate limit 1"), Array(all.prefix(2)) + ["  ... 1 more"])
        XCTAssertEqual(t("validate LNT limit=0"), Array(all.prefix(1)) + ["  ... 2 more"])
    }

    func testCompletion() {
        t("load SPY 2018-01-02..2018-01-10")
        XCTAssertEqual(t.complete("save "), ["SPY", "replace", "universe"])
        XCTAssertEqual(t.complete("clean inconsistent "), ["drop", "fix"])
        XCTAssertTrue(t.complete("clean SPY a").contains("adjust_splits"))
        XCTAssertTrue(t.complete("validate SPY l").contains("limit"))
    }
}
