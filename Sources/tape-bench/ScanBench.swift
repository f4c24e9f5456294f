import Foundation
import TapeShell

/// `scan` over the 101-symbol, 5-year universe in Tests/Fixtures/universe-full (run from
/// the repository root, as `make bench` does). Goal from the data issue: well under a
/// second for 100 symbols x 5 years.
func benchScan() {
    let folder = "Tests/Fixtures/universe-full/"
    guard FileManager.default.fileExists(atPath: folder) else { print("scan: \(folder) not found (run from the repository root)"); return }
    let out = CapturedOutput()
    let shell = Shell(output: out)
    let clock = ContinuousClock()
    let loadStart = clock.now
    guard shell.run(line: "load universe sp from \"\(folder)\"") == .ok else { print("scan: load failed: \(out.take())"); return }
    let load = clock.now - loadStart
    var best = Duration.seconds(1000)
    for _ in 0..<5 {
        _ = out.take()
        let start = clock.now
        guard shell.run(line: "scan sp where close > sma(close, 200) and rsi(close, 14) < 70 rank by pct(close, 126) top 10") == .ok else {
            print("scan: failed: \(out.take())"); return
        }
        best = min(best, clock.now - start)
    }
    func ms(_ d: Duration) -> String { String(format: "%.1f", Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15) }
    print("scan.load universe of 101 symbols x 5 years: \(ms(load)) ms")
    print("scan.sma200 + rsi14 filter, 126-bar return rank, 101 symbols: \(ms(best)) ms (best of 5)")
}
