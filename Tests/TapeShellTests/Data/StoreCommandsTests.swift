import Foundation
import TapeCore
import TapeShellTestSupport
import TapeTestSupport
import XCTest
@testable import TapeData
@testable import TapeShell

/// The data commands end to end through `Shell.run`, on a temporary store and the
/// universe fixtures (Tests/Fixtures/universe, MIT).
final class StoreCommandsTests: XCTestCase {
    var transcript: Transcript!
    var shell: Shell { transcript.shell }
    var dir: String!
    static let fixtures = Repository.fixtures("universe").path

    override func setUpWithError() throws {
        dir = try TempDir().path
        transcript = Transcript()
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    @discardableResult
    func run(_ line: String) -> [String] { transcript(line) }

    /// An empty store gives an error, not a universe of no symbols that every scan
    /// would silently find nothing in.
    func testAUniverseFromAnEmptyStoreIsAnError() {
        XCTAssertEqual(run("set store \"\(dir!)/empty.db\""), [])
        XCTAssertEqual(run("load universe u from store").first,
                       "error: the store has no bars — save some first: load SPY; save (or save universe NAME after load universe NAME from \"folder/\")")
        let state = shell.workspace.state { DataSourcesState() }
        XCTAssertNil(state.universes["u"])
    }

    func testSaveIsIncrementalAndLoadsBack() {
        XCTAssertEqual(run("set store \"\(dir!)/s.db\""), [])
        run("load AOS from \"\(Self.fixtures)/AOS.csv\" 2013-02-08..2013-02-28")
        XCTAssertEqual(run("save"), ["AOS: 14 new bars, 0 unchanged"])
        run("load AOS from \"\(Self.fixtures)/AOS.csv\" 2013-02-08..2013-03-08")
        XCTAssertEqual(run("save"), ["AOS: 6 new bars, 14 unchanged"])
        let table = run("symbols").map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(table, [["symbol", "bars", "range", "source"],
                               ["AOS", "20", "2013-02-08..2013-03-08", "file", "\(Self.fixtures)/AOS.csv"]])
        run("drop AOS")
        XCTAssertEqual(run("load AOS from store"), ["AOS: 20 bars 2013-02-08..2013-03-08 (store)"])
        XCTAssertEqual(run("load QQQ from store").first, "error: no bars for QQQ in the store at \(dir!)/s.db; save them first (`save`) or check `symbols`")
    }

    func testValidateAndClean() {
        run("load LNT from \"\(Self.fixtures)/LNT.csv\"")
        XCTAssertEqual(run("validate"), [
            "LNT: 1259 bars, score 99.9/100; 1 inconsistent OHLC, 1 one-bar spike",
            "  2016-05-19  row 826  inconsistent OHLC: low 35.085 > close 17.87",
            "  2016-05-19  row 826  one-bar spike: close 35.35 -> 17.87 (ratio 1.978, like a 2:1 split), reversed on the next bar",
        ])
        XCTAssertEqual(run("clean"), ["LNT: 1 change, 1259 -> 1258 bars",
                                      "  2016-05-19: dropped a one-bar spike (close 17.87, undone the next bar)"])
        XCTAssertEqual(run("validate").first, "LNT: 1258 bars, score 99.9/100; 1 missing day")
        XCTAssertEqual(run("clean"), ["LNT: nothing to clean"])
        XCTAssertEqual(run("clean inconsistent maybe").first, "error: unknown inconsistent 'maybe' — one of: fix, drop")
    }

    func testLoadUniverseReportsSkippedFiles() throws {
        for s in ["AAPL", "REGN"] {
            try FileManager.default.copyItem(atPath: "\(Self.fixtures)/\(s).csv", toPath: "\(dir!)/\(s).csv")
        }
        try "date,close\nnot-a-date,1\n".write(toFile: dir + "/BAD.csv", atomically: true, encoding: .utf8)
        let lines = run("load universe mini from \"\(dir!)\"")
        XCTAssertEqual(lines.first, "universe mini: 2 symbols, 2518 bars, 1 file skipped")
        XCTAssertTrue(lines.count == 2 && lines[1].hasPrefix("  skipped \(dir!)/BAD.csv:2: "), "\(lines)")
        let state = shell.workspace.state { DataSourcesState() }
        XCTAssertEqual(state.universes["mini"]?.members.map(\.symbol), ["AAPL", "REGN"])
    }

    func testSaveUniverseAndLoadItBackFromStore() throws {
        for s in ["AAPL", "REGN"] {
            try FileManager.default.copyItem(atPath: "\(Self.fixtures)/\(s).csv", toPath: "\(dir!)/\(s).csv")
        }
        run("set store \"\(dir!)/s.db\"")
        run("load AOS from \"\(Self.fixtures)/AOS.csv\" 2013-02-08..2013-02-28")
        run("save")
        XCTAssertEqual(run("load universe mini from \"\(dir!)\""), ["universe mini: 2 symbols, 2518 bars"])
        XCTAssertEqual(run("save universe mini"), ["universe mini: 2 symbols saved, 2518 new bars, 0 unchanged"])
        XCTAssertEqual(run("save universe mini"), ["universe mini: 2 symbols saved, 0 new bars, 2518 unchanged"])
        XCTAssertEqual(run("save universe nope").first, "error: no universe named 'nope' — load one: load universe nope from \"folder/\"")
        let state = shell.workspace.state { DataSourcesState() }
        let fromFiles = try XCTUnwrap(state.universes["mini"])
        // Saved under its name: just its members come back, bar for bar.
        XCTAssertEqual(run("load universe mini from store"), ["universe mini: 2 symbols, 2518 bars"])
        let fromStore = try XCTUnwrap(state.universes["mini"])
        XCTAssertEqual(fromStore.members.map(\.symbol), fromFiles.members.map(\.symbol))
        for (a, b) in zip(fromStore.members, fromFiles.members) {
            // Bit for bit: REGN has a missing value (NaN, which == does not match).
            XCTAssertEqual(a.time, b.time)
            for (x, y) in [(a.open, b.open), (a.high, b.high), (a.low, b.low), (a.close, b.close), (a.volume, b.volume)] {
                XCTAssertEqual(x.map(\.bitPattern), y.map(\.bitPattern), a.symbol)
            }
        }
        // A name never saved: every symbol in the store.
        XCTAssertEqual(run("load universe everything from store"), ["universe everything: 3 symbols, 2532 bars"])
    }

    func testNetworkSourcesFailClearly() {
        XCTAssertEqual(run("load SPY from alpaca").first, "error: load from alpaca needs a date range — e.g. load SPY from alpaca 2020-01-01..2024-12-31 (a fixed range replays exactly)")
        XCTAssertEqual(run("ls \"http://x\"").first, "error: ls needs an s3:// address — e.g. ls s3://my-bucket/prices/")
    }

    func testReplaySavesToScratchAndServesOnlyFromCache() {
        transcript = Transcript(session: .replaying(SessionFile(), path: "replayed.tape", mode: .check))
        run("load AOS from \"\(Self.fixtures)/AOS.csv\" 2013-02-08..2013-02-12")
        XCTAssertEqual(run("save"), ["AOS: 3 new bars, 0 unchanged"])
        let state = shell.workspace.state { DataSourcesState() }
        let scratch = state.lastBarStorePath ?? ""
        XCTAssertTrue(scratch.hasPrefix(NSTemporaryDirectory() + "tape-replay-"), scratch)
        XCTAssertNotEqual(scratch, Store.defaultPath())
        state.storePath = dir + "/cache.db"
        XCTAssertEqual(run("load X from \"http://127.0.0.1:9/x.csv\"").first,
                       "error: offline: nothing cached for http://127.0.0.1:9/x.csv; run once online to fetch it")
    }
}
