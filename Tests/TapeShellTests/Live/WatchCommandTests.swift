import Foundation
import Synchronization
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData
@testable import TapeShell

/// `watch` against Tests/Servers/alpaca_stream_server.py on loopback: the table it
/// prints, the recording a replay reads offline, Ctrl-C, and the stream's refusals.
final class WatchCommandTests: AlpacaStreamTestCase {
    func testLiveWatchIsRecordedAndReplaysOfflineToTheSameTable() throws {
        let (shell, out) = try shell("n=12")
        shell.session.recorder = try SessionRecorder(path: dir + "/s.tape", seed: 1, clock: "test")
        let line = "watch AAPL MSFT bars 1m show sma(close, 2) count 54"
        shell.run(line: line)
        let live = out.take()
        // 12 steps of a trade and a quote per symbol, and 3 minute bars per symbol.
        XCTAssertEqual(live.first, "watched AAPL MSFT: 24 trades, 24 quotes, 6 feed bars in 18 frames")
        XCTAssertEqual(live[1].split(separator: " ", omittingEmptySubsequences: true),
                       ["symbol", "last", "bid", "ask", "trades", "bars", "time", "sma(close,", "2)"])
        // The server's last AAPL bar closes at its 12th trade; the SMA of the last two closes.
        let aapl = try XCTUnwrap(live.first { $0.hasPrefix("AAPL") }).split(separator: " ").map(String.init)
        XCTAssertEqual(aapl[4], "12")
        XCTAssertEqual(aapl[5], "3")
        XCTAssertEqual(aapl[6], "2024-01-02T14:32:45")
        XCTAssertEqual(aapl[2], Format.fixed(try XCTUnwrap(Double(aapl[1])) - 0.01, 2))

        let session = try String(contentsOfFile: dir + "/s.tape", encoding: .utf8)
        let header = try XCTUnwrap(session.split(separator: "\n").first { $0.hasPrefix("# fetched: alpaca-stream:") })
        XCTAssertFalse(session.contains("test-secret"), "keys never reach the session file")

        server?.stop()
        let replay = Shell(output: out, session: .replaying(SessionFile.parse(String(header) + "\n"), path: dir + "/s.tape", mode: .check))
        replay.run(line: "set store \"\(dir!)/store.db\"")
        replay.run(line: line)
        XCTAssertEqual(out.take(), live)
    }

    func testSMAOverTheFeedBarsIsTheMeanOfTheLastTwoCloses() throws {
        let (shell, out) = try shell("n=8")
        shell.run(line: "watch AAPL bars 1m show sma(close, 2), close count 18")
        let lines = out.take()
        let row = try XCTUnwrap(lines.first { $0.hasPrefix("AAPL") }).split(separator: " ").map(String.init)
        // The walk's closes at trades 4 and 8 (Tests/Servers/alpaca_stream_server.py, price()).
        assertClose(Double(row[7]) ?? .nan, (walk(3) + walk(7)) / 2, rel: 1e-5, "sma(close, 2)")
        XCTAssertEqual(Double(row[8]), walk(7))
    }

    /// The polling source: each new latest bar once (the server repeats each twice), read,
    /// recorded and replayed like the stream's bars.
    func testPollingSourceReadsEachNewBarOnceAndReplays() throws {
        let (shell, out) = try shell("n=4")
        setenv("APCA_DATA_URL", "http://127.0.0.1:\(try XCTUnwrap(server?.port))", 1)
        shell.session.recorder = try SessionRecorder(path: dir + "/p.tape", seed: 1, clock: "test")
        let line = "watch AAPL poll 0.5 count 3 show close, sma(close, 3)"
        shell.run(line: line)
        let live = out.take()
        XCTAssertEqual(live.first, "watched AAPL: 0 trades, 0 quotes, 3 feed bars in 3 frames")
        let row = try XCTUnwrap(live.first { $0.hasPrefix("AAPL") }).split(separator: " ").map(String.init)
        // symbol, last, trades, bars, time, close, sma (no bid or ask without quotes)
        XCTAssertEqual(row[1], Format.fixed(walk(11), 2))
        XCTAssertEqual(row[3], "3")
        XCTAssertEqual(row[4], "2024-01-02T14:32:00")
        XCTAssertEqual(Double(row[5]), walk(11))
        assertClose(Double(row[6]) ?? .nan, (walk(3) + walk(7) + walk(11)) / 3, rel: 1e-5, "sma(close, 3)")
        let session = try String(contentsOfFile: dir + "/p.tape", encoding: .utf8)
        let header = try XCTUnwrap(session.split(separator: "\n").first { $0.hasPrefix("# fetched: alpaca-poll:") })
        server?.stop()
        let replay = Shell(output: out, session: .replaying(SessionFile.parse(String(header) + "\n"), path: dir + "/p.tape", mode: .check))
        replay.run(line: "set store \"\(dir!)/store.db\"")
        replay.run(line: line)
        XCTAssertEqual(out.take(), live)
    }

    func testScriptWatchNeedsAnEnd() throws {
        let (shell, out) = try shell("n=4")
        shell.run(line: "watch AAPL")
        XCTAssertEqual(out.take().first, "error: watch in a script needs an end — add count N or seconds N (Ctrl-C ends it at the prompt)")
        shell.run(line: "watch AAPL bars 5m count 3")
        XCTAssertEqual(out.take().first, "error: the stream's bars are minute bars: bars 1m — watch AAPL bars 1m")
    }

    func testReplayWithoutARecordingSaysSo() throws {
        let out = CapturedOutput()
        let replay = Shell(output: out, session: .replaying(SessionFile.parse(""), path: dir + "/s.tape", mode: .check))
        replay.run(line: "watch AAPL count 5")
        XCTAssertEqual(out.take().first, "error: this watch was not recorded: a replay has no stream to read — run the session live once (online), so its stream is recorded")
    }

    func testBadKeysAreReportedOnceWithoutTheKey() throws {
        let (shell, out) = try shell("n=4", key: "not-the-key")
        shell.run(line: "watch AAPL seconds 10")
        let lines = out.take()
        XCTAssertTrue(lines.contains("stream: error 402: auth failed"), "\(lines)")
        XCTAssertTrue(lines.contains("stream gave up: error 402: auth failed"), "\(lines)")
        XCTAssertFalse(lines.joined().contains("not-the-key"))
    }

    func testMalformedMessagesAreReportedOncePerKind() throws {
        let (shell, out) = try shell("n=4&malformed=1")
        shell.run(line: "watch AAPL count 8")
        let lines = out.take()
        XCTAssertEqual(lines.filter { $0.hasPrefix("stream: ") },
                       ["stream: malformed JSON (counted; reported once)", "stream: unknown message \"zz\" (counted; reported once)",
                        "stream: unknown message \"t (incomplete)\" (counted; reported once)"])
        XCTAssertTrue(lines.contains("skipped 2 × malformed JSON"), "\(lines)")
    }

    func testCtrlCEndsTheWatchAtOnceAndKeepsTheWorkspace() throws {
        let (shell, out) = try shell("silent=1")
        shell.run(line: "load AAPL")
        _ = out.take()
        let asked = Mutex<ContinuousClock.Instant?>(nil)
        let t = Thread {
            usleep(400_000)
            asked.withLock { $0 = .now }
            Interrupts.request()
        }
        t.start()
        shell.run(line: "watch AAPL seconds 30")
        let returned = ContinuousClock.now
        let lines = out.take()
        XCTAssertEqual(lines.first, "watched AAPL: 0 trades, 0 quotes, 0 feed bars in 3 frames")
        let waited = returned - (asked.withLock { $0 } ?? returned)
        XCTAssertLessThan(waited, .milliseconds(200))
        XCTAssertNotNil(shell.workspace.datasets["AAPL"], "the workspace is intact")
        XCTAssertFalse(Interrupts.cancelRequested)
    }
}
