import Foundation
import XCTest

/// A test server from Tests/Servers/ (a Python script) on a free loopback port. The
/// script prints "PORT <n>" first and exits when our end of its stdin closes, so a
/// crashed test run leaves no process behind; `stop()` ends it at once.
public final class LoopbackServer: Sendable {
    public let process = Process()
    public let stdin = Pipe()
    public let port: Int
    public var base: String { "http://127.0.0.1:\(port)" }

    /// `skipIfMissing`: a server that does not start skips the test (python3 absent)
    /// instead of failing it.
    public init(script: String, arguments: [String], skipIfMissing: Bool = true) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.path("Tests/Servers/" + script)] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = stdin
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let p = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            if skipIfMissing { throw XCTSkip("\(script) did not start (is python3 installed?): \(text)") }
            throw NSError(domain: script, code: 1, userInfo: [NSLocalizedDescriptionKey: "\(script): \(text)"])
        }
        port = p
    }

    /// The market-data server: Alpaca bars, CSV files, error codes, slow and truncated
    /// bodies, serving Tests/Fixtures/universe.
    public convenience init(extraArguments: [String] = []) throws {
        try self.init(script: "market_server.py", arguments: [Repository.fixtures("universe").path] + extraArguments)
    }

    public func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// The market-data server is the common case.
public typealias MarketServer = LoopbackServer
