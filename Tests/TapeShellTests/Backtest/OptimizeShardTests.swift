import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeShell

/// `optimize ... shard I/N` and `optimize merge`: the merged result is the one-machine
/// result exactly, on GOOG (Tests/Fixtures/backtests, backtesting.py's test data).
final class OptimizeShardTests: XCTestCase {
    var dir: TempDir!
    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir.remove() }

    let search = "optimize GOOG sma_cross fast 5..30 step 5 slow 20..80 step 10 commission 0.1%"

    func shell() -> (Shell, CapturedOutput) {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.run(line: "load GOOG from \"\(Repository.fixtures("backtests").appendingPathComponent("GOOG.csv").path)\"")
        _ = out.take()
        return (shell, out)
    }

    /// Every trial bit for bit, statistics included (their descriptions print every
    /// field, NaN as nan, each double in its shortest exact form).
    func fingerprint(_ r: OptimizationResult?) -> [String] {
        (r?.trials ?? []).map { "\($0.values) \($0.outcome)" }
    }

    func testThreeShardsMergeIntoTheOneMachineResult() throws {
        let (one, oneOut) = shell()
        one.run(line: search)
        let whole = oneOut.take()
        let wholeResult = one.workspace.state { BacktestState() }.optimization
        XCTAssertEqual(wholeResult?.trials.count, 38)   // 6 × 7 grid less the 4 with fast >= slow

        // Each shard on a shell of its own, as on three machines; given out of order.
        var files: [String] = []
        for i in [3, 1, 2] {
            let (s, out) = shell()
            let file = dir.path + "/s\(i).json"
            s.run(line: search + " shard \(i)/3 out \"\(file)\"")
            let lines = out.take()
            XCTAssertEqual(lines.count, 1, "\(lines)")
            XCTAssertTrue(lines[0].hasPrefix("shard \(i)/3 of GOOG sma_cross: \(i == 3 ? 12 : 13) of 38 trials written to \(file)"), lines[0])
            files.append(file)
        }
        let (merger, out) = shell()
        merger.run(line: "optimize merge " + files.map { "\"\($0)\"" }.joined(separator: " "))
        let merged = out.take()
        let mergedResult = merger.workspace.state { BacktestState() }.optimization
        XCTAssertEqual(fingerprint(mergedResult), fingerprint(wholeResult))
        XCTAssertEqual(mergedResult?.deflatedSharpe, wholeResult?.deflatedSharpe)
        XCTAssertEqual(mergedResult?.deflatedSharpe?.trials, 38)
        XCTAssertEqual(mergedResult?.rejected, wholeResult?.rejected)
        // The printout: the title names the shards, the table, best and DSR lines are
        // the same, and so is the heatmap that follows them.
        XCTAssertEqual(merged.first, "GOOG sma_cross (3 shards): 38 trials (grid), 4 excluded by the constraint")
        XCTAssertEqual(whole.first, "GOOG sma_cross: 38 trials (grid), 4 excluded by the constraint")
        let tableAndBest = Array(whole.dropFirst().prefix { !$0.hasPrefix("deflated") })
        XCTAssertEqual(Array(merged.dropFirst().prefix(tableAndBest.count + 1)), tableAndBest + [whole[tableAndBest.count + 1]])
        XCTAssertTrue(merged.contains { $0.hasPrefix("deflated Sharpe ratio") && $0.contains("over 38 trials") })
        // The heatmap is drawn from the same grid (its file is named per session).
        XCTAssertEqual(merged.count, tableAndBest.count + 3)
        XCTAssertTrue(merged.last?.hasPrefix("chart: plots/heatmap-") ?? false, "\(merged)")
        let a = try XCTUnwrap(mergedResult.flatMap { HeatmapChart($0) }), b = try XCTUnwrap(wholeResult.flatMap { HeatmapChart($0) })
        XCTAssertEqual(a.z.flatMap { $0 }.map(\.bitPattern), b.z.flatMap { $0 }.map(\.bitPattern))
        XCTAssertEqual(a.xValues, b.xValues)
        XCTAssertEqual(a.yValues, b.yValues)
    }

    func testMergeRefusesAnotherSearchAndMissingOrRepeatedShards() throws {
        let (s, out) = shell()
        let a1 = dir.path + "/a1.json", a2 = dir.path + "/a2.json", b2 = dir.path + "/b2.json"
        s.run(line: search + " shard 1/2 out \"\(a1)\"")
        s.run(line: search + " shard 2/2 out \"\(a2)\"")
        // Another engine setting: the same ranges, other trials.
        s.run(line: search.replacingOccurrences(of: "0.1%", with: "0.2%") + " shard 2/2 out \"\(b2)\"")
        _ = out.take()
        s.run(line: "optimize merge \"\(a1)\" \"\(b2)\"")
        let refused = out.take().first ?? ""
        XCTAssertTrue(refused.hasPrefix("error: \(b2) is a shard of another search than \(a1) — they differ in: engine "), refused)
        s.run(line: "optimize merge \"\(a1)\"")
        XCTAssertEqual(out.take().first, "error: shard 2 missing — merge every shard 1..N of the search once")
        s.run(line: "optimize merge \"\(a1)\" \"\(a1)\" \"\(a2)\"")
        XCTAssertEqual(out.take().first, "error: shard 1 is given twice — merge every shard 1..N of the search once")
        try "{}".write(toFile: dir.path + "/x.json", atomically: true, encoding: .utf8)
        s.run(line: "optimize merge \"\(dir.path)/x.json\"")
        XCTAssertEqual(out.take().first, "error: \(dir.path)/x.json is not a shard file of optimize ... shard I/N")
        s.run(line: search + " shard 3/2")
        XCTAssertEqual(out.take().first, "error: shard must be I/N with whole numbers, 1 ≤ I ≤ N — e.g. shard 2/4 runs the second quarter")
        s.run(line: "optimize GOOG sma_cross fast 5..30 method genetic shard 1/2")
        XCTAssertEqual(out.take().first,
                       "error: parameter: a genetic search cannot be sharded (each generation is bred from the last); use method grid, random or lhs")
        s.run(line: search + " out \"x.json\"")
        XCTAssertEqual(out.take().first, "error: out names a shard's file: give shard I/N too")
    }

    /// A random search's draws come from its seed: shards of it merge into it too.
    func testRandomSearchShards() throws {
        let random = "optimize GOOG sma_cross fast 2..40 slow 10..120 method random trials 30 seed 7"
        let (one, _) = shell()
        one.run(line: random)
        let whole = one.workspace.state { BacktestState() }.optimization
        let (s, out) = shell()
        for i in 1...4 { s.run(line: random + " shard \(i)/4 out \"\(dir.path)/r\(i).json\"") }
        _ = out.take()
        s.run(line: "optimize merge " + (1...4).map { "\"\(dir.path)/r\($0).json\"" }.joined(separator: " "))
        XCTAssertFalse(out.take().contains { $0.hasPrefix("error") })
        XCTAssertEqual(fingerprint(s.workspace.state { BacktestState() }.optimization), fingerprint(whole))
        XCTAssertFalse(fingerprint(whole).isEmpty)
    }
}
