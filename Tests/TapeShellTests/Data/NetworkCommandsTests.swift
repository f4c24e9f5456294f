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
}
