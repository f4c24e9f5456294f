import XCTest
@testable import TapeCore

/// The statistics' fused per-bar passes against the plain definitions they replace:
/// period-return sums against the period-return array, the one-pass drawdown scan
/// against `drawdowns`/`drawdownPeriods`, Beta's paired logarithms against `log`.
final class StatisticsPassesTests: XCTestCase {
    func googRun() throws -> BacktestResult {
        let bars = try BacktestFixtures.goog()
        var s = try StrategyRegistry.named("sma_cross").make(bars: bars, parameters: ["fast": 10, "slow": 20])
        return try Backtester.run(&s, bars: bars, config: BacktestConfig(commission: Commission(percent: 0.002)))
    }

    func testLogRatioWithinFourUlpsOfTheLogarithm() {
        var rng = SeededRandom(seed: 11)
        for _ in 0..<100_000 {
            // Moves up to ±20%: most inside the series' range, some beyond it.
            let b = SIMD2(50 + 100 * rng.unit(), 1 + 1_000 * rng.unit())
            let a = b * SIMD2(1 + 0.4 * (rng.unit() - 0.5), 1 + 0.08 * (rng.unit() - 0.5))
            let got = StatsCalendar.logRatio(a, b)
            for k in 0..<2 {
                // The reference is log1p of the exact difference over b: log(a / b) in
                // Double rounds the ratio first, an error of up to an ulp of 1, far
                // above an ulp of a small logarithm.
                let want = log1p((a[k] - b[k]) / b[k])
                XCTAssertLessThanOrEqual(abs(got[k] - want), 4 * want.ulp, "ln(\(a[k]) / \(b[k]))")
            }
        }
        let odd = StatsCalendar.logRatio(SIMD2(0, .nan), SIMD2(5, 1))
        XCTAssertEqual(odd[0], -.infinity)
        XCTAssertTrue(odd[1].isNaN)
    }

    func testReturnSumsMatchTheReturnArray() throws {
        let r = try googRun()
        let returns = BacktestStatistics.periodReturns(time: r.time, equity: r.equity)
        let sums = StatsCalendar(time: r.time, close: r.close).periodReturnSums(r.equity)
        XCTAssertEqual(sums.count, returns.count)
        XCTAssertEqual(sums.sum, returns.reduce(0, +), accuracy: 1e-12)
        XCTAssertEqual(sums.sampleVariance, BacktestStatistics.sampleVariance(returns), accuracy: 1e-12 * sums.sampleVariance)
        XCTAssertEqual(sums.downsideSquares, returns.reduce(0) { $0 + min($1, 0) * min($1, 0) }, accuracy: 1e-14)
        let want = DeflatedSharpe.moments(returns), got = sums.moments
        XCTAssertEqual(got.sharpe, want.sharpe, accuracy: 1e-10 * abs(want.sharpe))
        XCTAssertEqual(got.skewness, want.skewness, accuracy: 1e-10 * abs(want.skewness))
        XCTAssertEqual(got.kurtosis, want.kurtosis, accuracy: 1e-10 * abs(want.kurtosis))
        XCTAssertFalse(sums.nonPositive)
    }

    func testBetaMatchesTwoPassCovariance() throws {
        let r = try googRun()
        let x = (1..<r.equity.count).map { log(r.equity[$0] / r.equity[$0 - 1]) }
        let y = (1..<r.close.count).map { log(r.close[$0] / r.close[$0 - 1]) }
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        let cov = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let varY = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
        let beta = StatsCalendar(time: r.time, close: r.close).beta(r.equity)
        XCTAssertEqual(beta, cov / varY, accuracy: 1e-12 * abs(cov / varY))
    }

    func testDrawdownScanMatchesTheDefinitions() throws {
        let goog = try googRun()
        var curves: [[Double]] = [goog.equity, [5], [5, 5, 5], [5, 4, 3], [5, 4, 6], [5, 6, 4], [5, 4, 5, 3, 6, 6, 2],
                                  [1, 2, 3, 4], [3, 1, 3, 1, 3], [10, 9, 8, 11, 7, 12, 12, 11]]
        var rng = SeededRandom(seed: 3)
        for _ in 0..<200 {
            var e = 100.0
            curves.append((0..<Int(2 + 60 * rng.unit())).map { _ in e *= 1 + 0.05 * (rng.unit() - 0.5); return e.rounded() })
        }
        for equity in curves {
            let time = (0..<Int64(equity.count)).map { $0 * 86_400 }
            let dd = BacktestStatistics.drawdowns(equity)
            let (peak, deepest, periods) = BacktestStatistics.drawdownScan(equity, time: time, n: equity.count)
            XCTAssertEqual(peak, equity.max())
            XCTAssertEqual(deepest, dd.max())
            XCTAssertEqual(periods, BacktestStatistics.drawdownPeriods(dd, time: time), "\(equity)")
        }
    }
}
