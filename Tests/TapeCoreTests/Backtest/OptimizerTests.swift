import Foundation
import Synchronization
import XCTest
@testable import TapeCore

final class OptimizerTests: XCTestCase {
    final class Counter: Sendable {
        private let state = Mutex((calls: 0, last: (0, 0)))
        var calls: Int { state.withLock { $0.calls } }
        var last: (Int, Int) { state.withLock { $0.last } }
        func record(_ done: Int, _ total: Int) {
            state.withLock { s in
                s.calls += 1
                if max(s.last.0, done) == done { s.last = (done, total) }
            }
        }
    }

    func testGridFindsTheTrueMaximumUnderAConstraint() throws {
        let counter = Counter()
        let result = try Optimizer.search(space: [ParameterRange("x", 1, 20), ParameterRange("y", 1, 30)], method: .grid,
                                          constraint: { $0["x", default: .nan] < $0["y", default: .nan] },
                                          progress: { counter.record($0, $1) }) { p in
            TrialOutcome(score: -pow(p["x", default: .nan] - 7, 2) - pow(p["y", default: .nan] - 13, 2))
        }
        var expectedTrials = 0
        for x in 1...20 { for y in 1...30 where x < y { expectedTrials += 1 } }
        XCTAssertEqual(result.trials.count, expectedTrials)
        XCTAssertEqual(result.rejected, 20 * 30 - expectedTrials)
        XCTAssertEqual(result.best.map { result.parameters($0) }, ["x": 7, "y": 13])
        XCTAssertEqual(result.best?.score, 0)
        XCTAssertEqual(counter.calls, expectedTrials)
        XCTAssertEqual(counter.last.0, expectedTrials)
        XCTAssertEqual(counter.last.1, expectedTrials)
        // Sorted best first.
        XCTAssertEqual(result.trials.map(\.score), result.trials.map(\.score).sorted(by: >))
    }

    func testSmaCrossGridAgreesWithAnExhaustiveLoop() throws {
        let bars = try BacktestFixtures.goog()
        let config = BacktestConfig(commission: Commission(percent: 0.002))
        let info = try StrategyRegistry.named("sma_cross")
        let cache = IndicatorCache()
        let result = try Optimizer.optimize(strategy: info, bars: bars, config: config,
                                            space: [ParameterRange("fast", 5, 15, step: 5), ParameterRange("slow", 20, 40, step: 10)],
                                            fixed: ["shorts": 1],
                                            method: .grid, maximize: "Return [%]", constraint: { $0["fast", default: .nan] < $0["slow", default: .nan] },
                                            cache: cache)
        // Nine trials, six distinct SMAs, each computed once.
        XCTAssertEqual(cache.count, 6)
        var best = (-Double.infinity, 0.0, 0.0)
        for f in [5.0, 10, 15] {
            for s in [20.0, 30, 40] {
                var strategy = try info.make(bars: bars, parameters: ["fast": f, "slow": s, "shorts": 1])
                let r = try Backtester.run(&strategy, bars: bars, config: config)
                let ret = BacktestStatistics.compute(r).number("Return [%]")
                if ret > best.0 { best = (ret, f, s) }
            }
        }
        XCTAssertEqual(result.trials.count, 9)
        XCTAssertEqual(result.best?.score, best.0)
        XCTAssertEqual(result.best.map { result.parameters($0) }, ["fast": best.1, "slow": best.2])
        // The reference run (10/20) is among the trials with its known return.
        let ref = result.trials.first { $0.values == [10, 20] }
        XCTAssertEqual(ref?.score ?? 0, 462.6351934000004, accuracy: 1e-9)
        XCTAssertEqual(result.deflatedSharpe?.trials, 9)
    }

    func testRandomAndLatinHypercubeAreSeededAndStratified() throws {
        let space = [ParameterRange("a", 0, 99), ParameterRange("b", 0, 1, integer: false)]
        func run(_ m: SearchMethod) throws -> [[Double]] {
            try Optimizer.search(space: space, method: m) { p in TrialOutcome(score: p["a", default: .nan] + p["b", default: .nan]) }.trials.map(\.values).sorted { $0.lexicographicallyPrecedes($1) }
        }
        XCTAssertEqual(try run(.random(trials: 50, seed: 7)), try run(.random(trials: 50, seed: 7)))
        XCTAssertNotEqual(try run(.random(trials: 50, seed: 7)), try run(.random(trials: 50, seed: 8)))
        let lhs = try run(.latinHypercube(trials: 10, seed: 3))
        XCTAssertEqual(lhs.count, 10)
        // Each tenth of each range holds exactly one trial.
        XCTAssertEqual(Set(lhs.map { min(Int($0[0] / 10), 9) }).count, 10)
        XCTAssertEqual(Set(lhs.map { min(Int($0[1] * 10), 9) }).count, 10)
        XCTAssertTrue(lhs.allSatisfy { $0[0] == $0[0].rounded() && (0...99).contains($0[0]) && (0...1).contains($0[1]) })
    }

    func testGeneticSearchClimbsToTheMaximum() throws {
        let result = try Optimizer.search(space: [ParameterRange("x", 1, 100), ParameterRange("y", 1, 100)],
                                          method: .genetic(population: 24, generations: 20, seed: 42)) { p in
            TrialOutcome(score: -pow(p["x", default: .nan] - 30, 2) - pow(p["y", default: .nan] - 60, 2))
        }
        XCTAssertGreaterThanOrEqual(result.best?.score ?? -.infinity, -2)
        XCTAssertLessThanOrEqual(result.trials.count, 24 * 20)
        let again = try Optimizer.search(space: [ParameterRange("x", 1, 100), ParameterRange("y", 1, 100)],
                                         method: .genetic(population: 24, generations: 20, seed: 42)) { p in
            TrialOutcome(score: -pow(p["x", default: .nan] - 30, 2) - pow(p["y", default: .nan] - 60, 2))
        }
        XCTAssertEqual(again.trials.map(\.values), result.trials.map(\.values))
    }

    func testDeflatedSharpeMatchesThePapersExample() {
        // Bailey & López de Prado (2014), section "A numerical example": annualised SR 2.5
        // over T = 1250 daily returns (250 a year), N = 100 trials whose annualised Sharpe
        // ratios have variance 0.5, skewness -3, kurtosis 10. Per period: SR = 2.5/√250,
        // V = 0.5/250. By hand with Φ⁻¹(0.99) = 2.326347874040839 and
        // Φ⁻¹(1 − 1/(100e)) = 2.6802104449668827 (γ = 0.5772156649015329):
        // SR0 = √V((1−γ)2.32635 + γ2.68021) = 0.11317200186513199, z = 1.283816036533659,
        // DSR = Φ(z) = 0.9003968344493911 (the paper reports 0.9004).
        let v = 0.5 / 250
        let a = (v * 99 / 100).squareRoot()       // ±a, 50 each: sample variance exactly v
        let sharpes = (0..<100).map { $0 % 2 == 0 ? a : -a }
        let d = DeflatedSharpe(sharpe: 2.5 / 250.0.squareRoot(), trialSharpes: sharpes, skewness: -3, kurtosis: 10, observations: 1250)
        XCTAssertEqual(d.trials, 100)
        XCTAssertEqual(d.trialVariance, v, accuracy: 1e-15)
        XCTAssertEqual(DeflatedSharpe.normalQuantile(0.99), 2.326347874040839, accuracy: 1e-12)
        XCTAssertEqual(DeflatedSharpe.normalQuantile(1 - 1 / (100 * M_E)), 2.6802104449668827, accuracy: 1e-12)
        XCTAssertEqual(d.expectedMaxSharpe, 0.11317200186513199, accuracy: 1e-12)
        XCTAssertEqual(d.probability, 0.9003968344493911, accuracy: 1e-10)
        XCTAssertEqual(d.probability, 0.9004, accuracy: 5e-5)
    }

    func testMomentsOfAKnownSample() {
        // 1, 2, 3, 10: mean 4, population m2 = 12.5, m3 = 45, m4 = 1060.25 ... checked by hand.
        let m = DeflatedSharpe.moments([1, 2, 3, 10])
        XCTAssertEqual(m.sharpe, 4 / (50.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(m.skewness, 45 / pow(12.5, 1.5), accuracy: 1e-12)
        XCTAssertEqual(m.kurtosis, ((81.0 + 16 + 1 + 1296) / 4) / (12.5 * 12.5), accuracy: 1e-12)
    }

    func testCancellationStopsTheSearch() {
        let counter = Counter()
        XCTAssertThrowsError(try Optimizer.search(space: [ParameterRange("x", 1, 1000)], method: .grid,
                                                  cancel: { counter.calls >= 10 }) { p in
            counter.record(1, 1)
            return TrialOutcome(score: p["x", default: .nan])
        }) { e in XCTAssertEqual(e as? BacktestError, .cancelled) }
        XCTAssertLessThan(counter.calls, 1000)
    }

    func testOptimizeRejectsUnknownNames() {
        let bars = BacktestEngineTests.flat([1, 2, 3])
        XCTAssertThrowsError(try Optimizer.optimize(strategy: try StrategyRegistry.named("sma_cross"), bars: bars, config: BacktestConfig(),
                                                    space: [ParameterRange("fast", 1, 2)], method: .grid, maximize: "Sharp Ratio")) { e in
            XCTAssertEqual("\(e)", "parameter: cannot maximise 'Sharp Ratio' (did you mean 'Sharpe Ratio'?)")
        }
        XCTAssertThrowsError(try Optimizer.optimize(strategy: try StrategyRegistry.named("sma_cross"), bars: bars, config: BacktestConfig(),
                                                    space: [ParameterRange("slwo", 1, 2)], method: .grid)) { e in
            XCTAssertEqual("\(e)", "parameter: sma_cross has no parameter 'slwo' (did you mean 'slow'?); it takes fast, slow, shorts")
        }
    }
}
