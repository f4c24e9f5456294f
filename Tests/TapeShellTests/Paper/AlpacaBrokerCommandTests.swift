import Foundation
import XCTest
@testable import TapeShell

/// `broker alpaca` then `paper ...` end to end: the shell, the Alpaca client and libcurl
/// against Tests/Servers/alpaca_paper_server.py on 127.0.0.1.
final class AlpacaBrokerCommandTests: XCTestCase {
    private var server: Process?
    private var stdin: Pipe?

    override func setUpWithError() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        let p = Process(), input = Pipe(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.path + "/Tests/Servers/alpaca_paper_server.py"]
        p.standardInput = input
        p.standardOutput = out
        try p.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            p.terminate()
            throw XCTSkip("alpaca_paper_server.py did not start (is python3 installed?): \(text)")
        }
        server = p
        stdin = input
        setenv("APCA_API_KEY_ID", "paper-key-id", 1)
        setenv("APCA_API_SECRET_KEY", "paper-secret", 1)
        setenv("APCA_API_BASE_URL", "http://127.0.0.1:\(port)/v2", 1)
    }

    override func tearDown() {
        unsetenv("APCA_API_KEY_ID")
        unsetenv("APCA_API_SECRET_KEY")
        unsetenv("APCA_API_BASE_URL")
        try? stdin?.fileHandleForWriting.close()
        server?.waitUntilExit()
    }

    func testPaperCommandsGoToAlpaca() throws {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        func run(_ line: String) -> [String] { shell.run(line: line); return out.take() }
        let port = String(cString: getenv("APCA_API_BASE_URL")).dropFirst("http://127.0.0.1:".count).prefix { $0 != "/" }
        XCTAssertEqual(run("broker alpaca"), ["broker: alpaca (http://127.0.0.1:\(port))"])
        XCTAssertEqual(run("paper"), ["alpaca paper account (USD)", "                 value", "status          ACTIVE",
                                      "cash          10000.00", "equity        10000.00", "buying power  10000.00"])
        let placed = run("paper buy 3 SPY id \"shell-1\"")
        XCTAssertEqual(placed.count, 1)
        XCTAssertTrue(placed[0].hasPrefix("alpaca order "), placed[0])
        XCTAssertTrue(placed[0].hasSuffix(" filled: buy 3 SPY market (client_order_id shell-1)"), placed[0])
        XCTAssertEqual(run("paper positions"), ["symbol  qty  avg entry   price   value  unrealised",
                                                "SPY       3     100.00  100.00  300.00        0.00"])
        XCTAssertEqual(run("paper buy 1000 AAPL").first,
                       "error: Alpaca refused the order: insufficient buying power (403: insufficient buying power)")
        XCTAssertEqual(run("paper step").first, "error: paper step works on the simulated broker only — switch with: broker sim")
        XCTAssertEqual(run("broker sim"), ["broker: sim"])
    }
}
