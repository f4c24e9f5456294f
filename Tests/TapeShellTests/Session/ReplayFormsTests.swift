import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData
@testable import TapeShell

/// Every way of replaying a recorded session gives what the live session gave: `tape
/// FILE`, `replay "FILE"`, `--check`, `--update` and notebooks. The live session uses
/// each kind of effect a replay must reproduce: a random search (the seed), a load over
/// HTTP (the cache, offline once the server is gone), a chart (names by content) and
/// paper orders on a ledger that already held an account (the recorded ledger start).
final class ReplayFormsTests: XCTestCase {
    var server: MarketServer?
    var dir: String!
    var port = 0
    var previousDirectory = ""
    var savedEnvironment: [String: String?] = [:]

    /// The live session: what a person typed at the prompt.
    var lines: [String] {
        [
            "load AAPL from \"http://127.0.0.1:\(port)/csv/AAPL.csv\"",
            "optimize AAPL sma_cross fast 5..30 step 5 slow 40..100 step 10 method random trials 8 maximize sharpe show 3",
            "plot close 2017-01-01..2018-02-07",
            "paper step 3",
            "paper buy 10 AAPL",
            "paper step 2",
            "paper orders all",
            "paper fills",
            "paper",
        ]
    }

    override func setUpWithError() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }
        dir = NSTemporaryDirectory() + "tape-replay-forms-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        previousDirectory = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
        for (k, v) in ["XDG_DATA_HOME": dir + "/data", "XDG_STATE_HOME": dir + "/state"] {
            savedEnvironment[k] = ProcessInfo.processInfo.environment[k]
            setenv(k, v, 1)
        }
        let s = try MarketServer()
        server = s
        port = s.port
    }

    override func tearDown() {
        stopServer()
        _ = FileManager.default.changeCurrentDirectoryPath(previousDirectory)
        for (k, v) in savedEnvironment {
            if let v { setenv(k, v, 1) } else { unsetenv(k) }
        }
        try? FileManager.default.removeItem(atPath: dir)
    }

    func stopServer() {
        server?.stop()
    }

    var ledgerPath: String { dir + "/state/tape/paper.sqlite" }

    /// Runs the live session at a "prompt" (an interactive session, recorded) on a user
    /// ledger that already traded, and returns the session file and each line's output.
    func recordLive() throws -> (path: String, outputs: [[String]]) {
        // The user's account before the session: not the default one, so a replay that
        // started from an empty ledger would show other cash and other order ids.
        try FileManager.default.createDirectory(atPath: dir + "/state/tape", withIntermediateDirectories: true)
        let before = try Ledger(path: ledgerPath, pricer: BlackScholesPricer.pricer)
        var config = try before.broker().config
        config.startingCash = 25_000
        try before.reset(config: config)

        let out = CapturedOutput()
        let session = Session.interactive(seed: 424_242, terminal: .none)
        try FileManager.default.createDirectory(atPath: dir + "/sessions", withIntermediateDirectories: true)
        session.recorder = try SessionRecorder.create(in: dir + "/sessions", seed: session.seed, clock: session.clock)
        let shell = Shell(output: out, session: session)
        var outputs: [[String]] = []
        for l in lines {
            XCTAssertEqual(shell.run(line: l), .ok, "\(l): \(out.lines)")
            outputs.append(out.take())
        }
        let path = try XCTUnwrap(session.recorder?.path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("# seed: 424242"), text)
        XCTAssertTrue(text.contains("# fetched: http://127.0.0.1:\(port)/csv/AAPL.csv sha256:"), text)
        XCTAssertTrue(text.contains("# ledger: sha256:"), text)
        XCTAssertEqual(outputs[2].count, 1)
        XCTAssertTrue(outputs[2].first?.hasPrefix("chart: plots/price-") ?? false, "\(outputs[2])")
        return (path, outputs)
    }

    /// The user's ledger file's bytes: no replay may change them.
    func ledgerBytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: ledgerPath)) }

    func testTapeFileReproducesTheLiveSession() throws {
        let (path, live) = try recordLive()
        stopServer()
        let ledger = try ledgerBytes()
        // Renamed, as a shared file would be: the chart names follow the content.
        let copy = dir + "/shared copy.tape"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let out = CapturedOutput()
        XCTAssertTrue(SessionRunner.runFiles([copy], options: SessionRunner.Options(), output: out), "\(out.lines)")
        XCTAssertEqual(out.lines, live.flatMap { $0 })
        XCTAssertEqual(try ledgerBytes(), ledger, "the user's ledger is untouched")
    }

    func testReplayCommandReproducesTheLiveSession() throws {
        let (path, live) = try recordLive()
        stopServer()
        let ledger = try ledgerBytes()
        let out = CapturedOutput()
        // At a prompt of a later session, with another seed of its own.
        let shell = Shell(output: out, session: .interactive(seed: 1, terminal: .none))
        XCTAssertEqual(shell.run(line: "replay \"\(path)\""), .ok, "\(out.lines)")
        XCTAssertEqual(out.lines, live.flatMap { $0 })
        XCTAssertEqual(shell.session.seed, 1, "the prompt's own session is restored after the replay")
        XCTAssertEqual(try ledgerBytes(), ledger, "the user's ledger is untouched")
    }

    func testCheckPassesOnTheLiveOutputOffline() throws {
        let (path, live) = try recordLive()
        stopServer()
        let ledger = try ledgerBytes()
        let recorded = SessionFile.parse(try String(contentsOfFile: path, encoding: .utf8))
        let withOutput = recorded.rendered(outputs: live)
        let (result, _) = SessionChecker.check(text: withOutput, name: "elsewhere/renamed.tape")
        XCTAssertTrue(result.passed, result.differences.joined(separator: "\n"))
        XCTAssertEqual(result.commands, lines.count)
        XCTAssertEqual(try ledgerBytes(), ledger)
    }

    func testUpdateWritesTheLiveOutput() throws {
        let (path, live) = try recordLive()
        stopServer()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (_, rewritten) = SessionChecker.check(text: text, name: path, update: true)
        XCTAssertEqual(rewritten, SessionFile.parse(text).rendered(outputs: live))
    }

    func testNotebookShowsTheLiveOutputAndItsOwnPictures() throws {
        let (path, live) = try recordLive()
        stopServer()
        let pictures = dir + "/nb_files"
        let (_, cells) = Notebook.replay(text: try String(contentsOfFile: path, encoding: .utf8), name: path, pictures: pictures)
        XCTAssertEqual(cells.filter { !$0.command.isEmpty }.map(\.output), live)
        let charts = cells.flatMap(\.charts)
        XCTAssertEqual(charts.count, 2, "the heatmap of optimize and the price chart")
        XCTAssertTrue(charts.allSatisfy { $0.hasPrefix(pictures + "/") && FileManager.default.fileExists(atPath: $0) }, "\(charts)")
    }
}
