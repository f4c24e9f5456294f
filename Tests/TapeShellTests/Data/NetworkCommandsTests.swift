import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData
@testable import TapeShell

/// `load ... from "http://..."` against Tests/Servers/market_server.py on a loopback port:
/// the session header names the body by hash, and a replay serves it from the cache with
/// the server gone.
final class NetworkCommandsTests: XCTestCase {
    var server: MarketServer?
    var port = 0
    var dir: String!

    override func setUpWithError() throws {
        dir = try TempDir().path
        let s = try MarketServer()
        server = s
        port = s.port
    }

    override func tearDown() {
        server?.stop()
        try? FileManager.default.removeItem(atPath: dir)
    }

    func testFetchIsRecordedByHashAndReplaysOffline() throws {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.session.recorder = try SessionRecorder(path: dir + "/s.tape", seed: 1, clock: "test")
        let url = "http://127.0.0.1:\(port)/csv/AAPL.csv"
        shell.run(line: "set store \"\(dir!)/store.db\"")
        shell.run(line: "load AAPL from \"\(url)\"")
        XCTAssertEqual(out.take(), ["AAPL: 1259 bars 2013-02-08..2018-02-07 (\(url))"])
        let body = try Data(contentsOf: Repository.fixtures("universe/AAPL.csv"))
        let session = try String(contentsOfFile: dir + "/s.tape", encoding: .utf8)
        let entry = "# fetched: \(url) sha256:\(SHA256.hex(body))"
        XCTAssertTrue(session.contains(entry), session)

        server?.stop()
        let recorded = SessionFile.parse("# fetched: \(url) sha256:\(SHA256.hex(body))\n")
        let replay = Shell(output: out, session: .replaying(recorded, path: dir + "/s.tape", mode: .check))
        XCTAssertEqual(replay.session.pins[url], SHA256.hex(body))
        replay.run(line: "set store \"\(dir!)/store.db\"")
        replay.run(line: "load AAPL from \"\(url)\"")
        XCTAssertEqual(out.take(), ["AAPL: 1259 bars 2013-02-08..2018-02-07 (\(url))"])
    }

    func testEnvironmentVariablesInURLsStayOutOfTheSession() throws {
        setenv("TAPE_TEST_FILE", "AAPL.csv", 1)
        defer { unsetenv("TAPE_TEST_FILE") }
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.session.recorder = try SessionRecorder(path: dir + "/s.tape", seed: 1, clock: "test")
        shell.run(line: "set store \"\(dir!)/store.db\"")
        shell.run(line: "load A from \"http://127.0.0.1:\(port)/csv/${TAPE_TEST_FILE}\"")
        XCTAssertEqual(out.take(), ["A: 1259 bars 2013-02-08..2018-02-07 (http://127.0.0.1:\(port)/csv/${TAPE_TEST_FILE})"])
        let session = try String(contentsOfFile: dir + "/s.tape", encoding: .utf8)
        XCTAssertTrue(session.contains("load A from \"http://127.0.0.1:\(port)/csv/${TAPE_TEST_FILE}\""), session)
        XCTAssertTrue(session.contains("# fetched: http://127.0.0.1:\(port)/csv/${TAPE_TEST_FILE} sha256:"), session)
        XCTAssertFalse(session.contains("AAPL.csv"), session)
        shell.run(line: "load B from \"http://127.0.0.1:\(port)/csv/${TAPE_NOT_SET_ANYWHERE}\"")
        XCTAssertEqual(out.take().first, "error: the URL uses ${TAPE_NOT_SET_ANYWHERE} but that environment variable is not set")
    }

    func testHTTPErrorsAreOneLineAtTheURL() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.run(line: "set store \"\(dir!)/store.db\"")
        let url = "http://127.0.0.1:\(port)/status/403"
        shell.run(line: "load X from \"\(url)\"")
        XCTAssertEqual(out.take().first, "error: HTTP 403 Forbidden from \(url): the credentials are not allowed to read this; check the key's permissions and the account's data subscription")
    }

    /// `timeframe` reaches Alpaca's request as Alpaca spells it, and the bars keep their
    /// UTC times; without it the request asks for days, as before.
    func testAlpacaTimeframeIsSentAsAlpacaSpellsIt() throws {
        let (shell, out) = shell(with: ["APCA_API_KEY_ID": "test-key-id", "APCA_API_SECRET_KEY": "test-secret",
                                        "APCA_DATA_URL": "http://127.0.0.1:\(port)"])
        shell.session.recorder = try SessionRecorder(path: dir + "/s.tape", seed: 1, clock: "test")
        shell.run(line: "load AAPL from alpaca 2013-02-08..2013-02-12")
        XCTAssertEqual(out.take(), ["AAPL: 3 bars 2013-02-08..2013-02-12 (alpaca (iex feed, split-adjusted))"])
        shell.run(line: "load AAPL from alpaca 2013-02-08..2013-02-12 timeframe 1Hour")
        XCTAssertEqual(out.take(), ["AAPL: 3 bars 2013-02-08T05:00:00..2013-02-12T05:00:00 (alpaca (iex feed, split-adjusted, 1Hour bars))"])
        let session = try String(contentsOfFile: dir + "/s.tape", encoding: .utf8)
        XCTAssertTrue(session.contains("&timeframe=1Day&"), session)
        XCTAssertTrue(session.contains("&timeframe=1Hour&"), session)
    }

    /// `load ... from "s3://BUCKET/KEY"` through the shell: the path-style request for the
    /// key (the market server answers `/csv/NAME` without checking the signature, which
    /// TapeDataTests' SeaweedFS does), the body read as bars and named by its s3:// URL.
    func testS3SourceReadsTheKey() {
        let (shell, out) = shell(with: ["AWS_ACCESS_KEY_ID": "TESTKEY", "AWS_SECRET_ACCESS_KEY": "test-secret",
                                        "AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)"])
        shell.run(line: "load AAPL from \"s3://csv/AAPL.csv\" 2013-02-08..2013-02-12")
        XCTAssertEqual(out.take(), ["AAPL: 3 bars 2013-02-08..2013-02-12 (s3://csv/AAPL.csv)"])
        shell.run(line: "load X from \"s3://csv/\"")
        XCTAssertEqual(out.take().first, "error: s3://csv/ names a folder, not a file — list it with: ls \"s3://csv/\"")
        shell.run(line: "load X from \"s3://csv/NOPE.csv\"")
        XCTAssertEqual(out.take().first?.hasPrefix("error: HTTP 404 Not Found"), true)
    }

    /// A shell on this test's store, with `env` set in the process until the test ends.
    func shell(with env: [String: String]) -> (Shell, CapturedOutput) {
        for (k, v) in env { setenv(k, v, 1) }
        addTeardownBlock { for k in env.keys { unsetenv(k) } }
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.run(line: "set store \"\(dir!)/store.db\"")
        return (shell, out)
    }
}
