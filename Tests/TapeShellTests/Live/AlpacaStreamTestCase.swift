import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeShell

/// The set-up the live tests share: Tests/Servers/alpaca_stream_server.py on loopback, a
/// shell whose stream URL names the scenario, and the server's price walk as the reference.
class AlpacaStreamTestCase: XCTestCase {
    var server: LoopbackServer?
    var dir: String!

    override func setUpWithError() throws {
        dir = try TempDir().path
        server = try LoopbackServer(script: "alpaca_stream_server.py", arguments: [])
    }

    override func tearDown() {
        server?.stop()
        for k in ["APCA_API_KEY_ID", "APCA_API_SECRET_KEY", "APCA_STREAM_URL", "APCA_DATA_URL", "APCA_API_BASE_URL"] { unsetenv(k) }
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A shell on the stream server; `query` picks the scenario (the server's docstring).
    func shell(_ query: String, key: String = "test-key-id", secret: String = "test-secret") throws -> (Shell, CapturedOutput) {
        let port = try XCTUnwrap(server?.port)
        setenv("APCA_API_KEY_ID", key, 1)
        setenv("APCA_API_SECRET_KEY", secret, 1)
        setenv("APCA_STREAM_URL", "ws://127.0.0.1:\(port)/v2/test?\(query)&case=\(name.filter(\.isLetter))", 1)
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.run(line: "set store \"\(dir!)/store.db\"")
        _ = out.take()
        return (shell, out)
    }

    /// The server's price walk for AAPL at trade `k` (Tests/Servers/alpaca_stream_server.py, price()).
    func walk(_ k: Int) -> Double {
        let seed = 65 + 65 + 80 + 76
        var p = 100.0 + Double(seed % 7)
        for i in stride(from: 1, through: k, by: 1) { p += Double((i * 7919 + seed * 31) % 21 - 10) / 100 }
        return (p * 100).rounded() / 100
    }
}
