import Foundation
import XCTest

/// Runs Tests/Servers/market_server.py on a free loopback port for one test class.
/// The server exits when our end of its stdin closes, so a crashed test run leaves no
/// process behind; `stop()` ends it at once.
final class MarketServer {
    let process = Process()
    let stdin = Pipe()
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    static var repoRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    init(extraArguments: [String] = []) throws {
        let root = MarketServer.repoRoot
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root + "/Tests/Servers/market_server.py", root + "/Tests/Fixtures/universe"]
            + extraArguments
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = stdin
        try process.run()
        // First line: "PORT <n>".
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let p = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw XCTSkip("market_server.py did not start (is python3 installed?): \(text)")
        }
        port = p
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
