import Foundation
import Synchronization
import XCTest
@testable import TapeCore

/// Ctrl-C reaches the core as a `cancel` closure: every long loop must poll it often,
/// stop with a typed error when it says so, and return nothing partial.
final class CancellationTests: XCTestCase {
    /// Counts polls; says "stop" from the `stopAt`-th poll on.
    final class Switch: Sendable {
        private let polls = Mutex(0)
        private let stopAt: Int
        init(stopAt: Int) { self.stopAt = stopAt }
        var count: Int { polls.withLock { $0 } }
        func poll() -> Bool {
            polls.withLock { n in
                n += 1
                return n >= stopAt
            }
        }
    }

    /// A long zig-zag series, so sma_cross trades all along it.
    static func longBars(_ n: Int) -> Bars {
        let p = (0..<n).map { 100 + 10 * sin(Double($0) / 50) }
        return BacktestEngineTests.flat(p)
    }

    static func strategy(_ bars: Bars) throws -> SignalStrategy {
        let info = try StrategyRegistry.named("sma_cross")
        return try info.make(bars: bars, parameters: ["fast": 10, "slow": 30])
    }

    func testEngineStopsInsideOneRunAndReturnsNothing() throws {
        let bars = Self.longBars(100_000)
        var s = try Self.strategy(bars)
        let stop = Switch(stopAt: 3)
        XCTAssertThrowsError(try Backtester.run(&s, bars: bars, config: BacktestConfig(), cancel: { stop.poll() })) { e in
            XCTAssertEqual(e as? BacktestError, .cancelled)
            XCTAssertEqual("\(e)", "interrupted")
        }
        // Polled every cancelStride bars: the third poll is at most 3 strides in, far
        // before the end of 100,000 bars.
        XCTAssertEqual(stop.count, 3)
        XCTAssertLessThan(3 * Engine.cancelStride, bars.count)
    }

    func testEnginePollsOftenEnoughOverAWholeRun() throws {
        let bars = Self.longBars(100_000)
        var s = try Self.strategy(bars)
        let never = Switch(stopAt: .max)
        let polled = try Backtester.run(&s, bars: bars, config: BacktestConfig(), cancel: { never.poll() })
        // One poll at each multiple of the stride the bar loop passes: 4096, 8192, ..., 98304.
        XCTAssertEqual(Engine.cancelStride, 4_096)
        XCTAssertEqual(never.count, 24)
        // A cancel that never fires changes nothing: same trades and equity as without one.
        var t = try Self.strategy(bars)
        let plain = try Backtester.run(&t, bars: bars, config: BacktestConfig())
        XCTAssertEqual(polled.equity, plain.equity)
        XCTAssertEqual(polled.trades.count, plain.trades.count)
        XCTAssertGreaterThan(plain.trades.count, 100)
    }

    /// One slow combination is enough to hold a Ctrl-C if the engine does not poll: here
    /// a single-trial search over 100,000 bars is stopped inside its only trial.
    func testOneSlowTrialIsStoppedFromInside() throws {
        let bars = Self.longBars(100_000)
        let stop = Switch(stopAt: 3)
        XCTAssertThrowsError(try Optimizer.optimize(strategy: try StrategyRegistry.named("sma_cross"), bars: bars,
                                                    config: BacktestConfig(), space: [ParameterRange("fast", 10, 10)],
                                                    fixed: ["slow": 30], method: .grid, cancel: { stop.poll() })) { e in
            XCTAssertEqual(e as? BacktestError, .cancelled)
        }
        // Two polls before the trial (the loop over candidates, then the trial guard), the
        // engine's first poll says stop, then the search's last check: 4. An engine that
        // did not poll would run the trial to its end and leave 3.
        XCTAssertEqual(stop.count, 4)
    }

    /// Before any trial, 160,000 grid candidates are deduplicated and checked against the
    /// constraint; a Ctrl-C then stops the search at its first check, not after that pass.
    func testPreparingCandidatesIsPolled() {
        let stop = Switch(stopAt: 1)
        let evaluations = Switch(stopAt: .max)
        XCTAssertThrowsError(try Optimizer.search(space: [ParameterRange("x", 1, 400), ParameterRange("y", 1, 400)], method: .grid,
                                                  constraint: { $0["x", default: 0] < $0["y", default: 0] },
                                                  cancel: { stop.poll() }) { _ in
            _ = evaluations.poll()
            return TrialOutcome(score: 1)
        }) { e in XCTAssertEqual(e as? BacktestError, .cancelled) }
        XCTAssertEqual(stop.count, 1)
        XCTAssertEqual(evaluations.count, 0)
    }

    func testGeneticSearchStopsBetweenGenerations() {
        let evaluations = Switch(stopAt: .max)
        let stop = Switch(stopAt: 50)
        XCTAssertThrowsError(try Optimizer.search(space: [ParameterRange("x", 1, 10_000), ParameterRange("y", 1, 10_000)],
                                                  method: .genetic(population: 20, generations: 1_000, seed: 1),
                                                  cancel: { stop.poll() }) { p in
            _ = evaluations.poll()
            return TrialOutcome(score: -abs(p["x", default: 0] - 5_000) - abs(p["y", default: 0] - 5_000))
        }) { e in XCTAssertEqual(e as? BacktestError, .cancelled) }
        // 1,000 generations of 20 would be 20,000 evaluations; none ran after the stop
        // (two polls per evaluation), and no later generation was bred and polled
        // through (each would add 20 polls).
        XCTAssertLessThan(evaluations.count, 25)
        XCTAssertLessThan(stop.count, 70)
    }

    func testWalkForwardStopsAndReturnsNoSteps() throws {
        let bars = try BacktestFixtures.goog()
        let stop = Switch(stopAt: 40)
        XCTAssertThrowsError(try WalkForward.run(strategy: try StrategyRegistry.named("sma_cross"), bars: bars, config: BacktestConfig(),
                                                 space: [ParameterRange("fast", 5, 20, step: 5), ParameterRange("slow", 20, 60, step: 20)],
                                                 method: .grid, train: .years(2), test: .years(1), cancel: { stop.poll() })) { e in
            XCTAssertEqual(e as? BacktestError, .cancelled)
        }
        // After the stop: at most the 12 candidates of the window under way poll once
        // more each, then the search's last check; no further window is started.
        XCTAssertLessThan(stop.count, 40 + 12 + 2)
    }

    func testBinomialTreeStops() {
        let stop = Switch(stopAt: 2)
        XCTAssertThrowsError(try BinomialTree.crr(.put, spot: 100, strike: 105, years: 1, rate: 0.04, vol: 0.25, steps: 20_000,
                                                  cancel: { stop.poll() })) { e in
            XCTAssertEqual(e as? OptionError, .cancelled)
        }
        XCTAssertEqual(stop.count, 2)
        // Never firing, it prices as without one.
        let never = Switch(stopAt: .max)
        XCTAssertEqual(try BinomialTree.crr(.put, spot: 100, strike: 105, years: 1, rate: 0.04, vol: 0.25, steps: 200,
                                            cancel: { never.poll() }).price,
                       try BinomialTree.crr(.put, spot: 100, strike: 105, years: 1, rate: 0.04, vol: 0.25, steps: 200).price)
        XCTAssertEqual(never.count, 13, "layers 192, 176, ..., 16, 0")
    }

    func testOptionBatchStopsBetweenRows() throws {
        let rows = (0..<2_000).map { "call,\(90 + $0 % 20),100,30,0.2,0.04" }
        let csv = "type,spot,strike,days,vol,rate\n" + rows.joined(separator: "\n") + "\n"
        let stop = Switch(stopAt: 3)
        XCTAssertThrowsError(try GreeksBatch.run(csv: csv, cancel: { stop.poll() })) { e in
            XCTAssertEqual(e as? OptionError, .cancelled)
        }
        XCTAssertEqual(stop.count, 3, "rows 0, 256 and 512")
        // CRLF and blank lines are read as before the byte-wise line split.
        let r = try GreeksBatch.run(csv: "type,spot,strike,days,vol,rate\r\n\r\ncall,100,100,30,0.2,0.04\r\n  \nput,100,100,30,0.2,0.04")
        XCTAssertEqual(r.rows, 2)
        XCTAssertEqual(r.failed, 0)
        XCTAssertFalse(r.csv.contains("\r"))
    }
}
