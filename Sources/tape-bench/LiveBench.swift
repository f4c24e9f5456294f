import Foundation
import TapeData

/// The live stream against Tests/Servers/alpaca_stream_server.py on loopback: from a
/// frame's arrival to the decision on its trades (the book updated and a moving-average
/// rule evaluated), p50/p99, at a paced 20,000 trades a second; and the most trades a
/// second read when the server sends as fast as it can. Resident memory before and after.
func benchLive() {
    guard let server = try? BenchServer(script: "Tests/Servers/alpaca_stream_server.py") else {
        print("live: skipped (python3 or Tests/Servers/alpaca_stream_server.py missing; run from the checkout)")
        return
    }
    defer { server.stop() }
    let rss0 = residentMB()
    for (label, query, total) in [("paced 20k/s", "flood=200000&rate=20000", 200_000), ("flood", "flood=200000", 200_000)] {
        var config = AlpacaStreamConfig(url: "ws://127.0.0.1:\(server.port)/v2/test?\(query)", keyID: "test-key-id", secret: "test-secret")
        config.trades = ["SPY"]
        let client = AlpacaStreamClient(config: config)
        var book = LiveBook(), latencies: [Int64] = [], decisions = 0
        latencies.reserveCapacity(total / 100 + 16)
        var fast = 0.0, slow = 0.0, firstTrade: Int64 = -1, lastTrade: Int64 = 0
        client.start()
        let deadline = Date().addingTimeInterval(60)
        while book.marketMessages < total && Date() < deadline {
            let (items, finished) = client.inbox.drain(waiting: .milliseconds(20))
            for item in items {
                for m in book.apply(item) {
                    guard case .trade(_, let p, _, _) = m else { continue }
                    // An exponential fast/slow crossover: the "decision" of a strategy.
                    fast += 0.2 * (p - fast); slow += 0.02 * (p - slow)
                    if (fast > slow) != (decisions % 2 == 0) { decisions += 1 }
                }
                if item.kind == .frame, item.text.hasPrefix("[{\"T\":\"t\"") {
                    let now = client.inbox.elapsed()
                    latencies.append(now - item.arrival)
                    if firstTrade < 0 { firstTrade = item.arrival }
                    lastTrade = now
                }
            }
            if finished && items.isEmpty { break }
        }
        client.stop()
        latencies.sort()
        func pct(_ q: Double) -> Double { latencies.isEmpty ? .nan : Double(latencies[min(latencies.count - 1, Int(q * Double(latencies.count)))]) / 1000 }
        let seconds = Double(lastTrade - firstTrade) / 1e9
        print("live \(label): \(book.marketMessages) trades in \(String(format: "%.2f", seconds)) s = "
              + "\(String(format: "%.0f", Double(book.marketMessages) / max(seconds, 1e-9))) msg/s; arrival to decision "
              + "p50 \(String(format: "%.1f", pct(0.5))) µs, p99 \(String(format: "%.1f", pct(0.99))) µs, max \(String(format: "%.1f", pct(1.0))) µs "
              + "(per frame of 100 trades, \(latencies.count) frames); decisions \(decisions)")
    }
    print("live: resident memory \(String(format: "%.1f", rss0)) MB before, \(String(format: "%.1f", residentMB())) MB after 400,000 trades")
}

/// A loopback test server from the checkout, as the tests start it.
final class BenchServer {
    let process = Process(), stdin = Pipe()
    let port: Int

    init(script: String) throws {
        guard FileManager.default.fileExists(atPath: script) else { throw CocoaError(.fileNoSuchFile) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = stdin
        try process.run()
        var line = Data()
        while !line.contains(10) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let p = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        port = p
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// Resident set size of this process, from /proc (Linux); NaN elsewhere.
func residentMB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8), let pages = s.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else {
        return .nan
    }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}
