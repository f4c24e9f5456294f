import Foundation
import TapeCore

/// A seeded mean-reverting log-price walk (it stays near 100, so an all-in strategy keeps
/// trading for every bar), the same on every run.
private func series(_ n: Int, seed: UInt64) -> Bars {
    var rng = SeededRandom(seed: seed)
    var close = [Double](repeating: 0, count: n), open = close, high = close, low = close
    var logp = log(100.0), p = 100.0
    for i in 0..<n {
        let o = p
        // Box–Muller normal daily move of 1.5%, pulled back towards 100.
        let z = (-2 * log(max(rng.unit(), 1e-300))).squareRoot() * cos(2 * Double.pi * rng.unit())
        logp += 0.015 * z - 0.001 * (logp - log(100.0))
        p = exp(logp)
        open[i] = o
        close[i] = p
        high[i] = max(o, p) * (1 + 0.005 * rng.unit())
        low[i] = min(o, p) * (1 - 0.005 * rng.unit())
    }
    let day0 = CivilTime.days(year: 1990, month: 1, day: 1)
    return Bars(symbol: "SYN", time: (0..<Int64(n)).map { (day0 + $0) * 86_400 }, open: open, high: high, low: low,
                close: close, volume: [Double](repeating: 1e6, count: n))
}

/// One sma_cross run over 1,000,000 synthetic bars (goal ≤ 20 ns per bar), release build.
/// Times are CPU time (this thread's, or the process's for the parallel sweep) as well as
/// wall time, because the build machine is shared and wall time there measures the load.
func benchBacktest() {
    func now() -> UInt64 { cpuTime(CLOCK_THREAD_CPUTIME_ID) }

    do {
        let big = series(1_000_000, seed: 1)
        let info = try StrategyRegistry.named("sma_cross")
        // Fractional units: with whole units the 0.1% commission of ~30,000 round trips
        // would shrink equity below one unit's price and stop the trading being timed.
        let config = BacktestConfig(commission: Commission(percent: 0.001), wholeUnits: false)
        // Best of five: the first run also pays for page faults of fresh arrays. The total
        // is the best whole run, not the sum of the parts' bests.
        var buildBest = UInt64.max, runBest = UInt64.max, statsBest = UInt64.max, totalBest = UInt64.max
        var trades = 0, faults = 0, firstTotal: UInt64 = 0, firstFaults = 0
        for run in 0..<5 {
            let f0 = minorFaults()
            let t0 = now()
            // Stop-and-reverse, as backtesting.py's SmaCross: the run the goal was set on.
            var s = try info.make(bars: big, parameters: ["fast": 10, "slow": 20, "shorts": 1])
            let t1 = now()
            let r = try Backtester.run(&s, bars: big, config: config)
            let t2 = now()
            let stats = BacktestStatistics.compute(r)
            let t3 = now()
            trades = Int(stats.number("# Trades"))
            buildBest = min(buildBest, t1 - t0); runBest = min(runBest, t2 - t1); statsBest = min(statsBest, t3 - t2)
            if t3 - t0 < totalBest { totalBest = t3 - t0; faults = minorFaults() - f0 }
            if run == 0 { firstTotal = t3 - t0; firstFaults = minorFaults() - f0 }
        }
        let n = Double(big.count)
        print("backtest sma_cross 1M bars, engine: \(fmt(Double(runBest) / n)) ns/bar (\(trades) trades)")
        print("backtest sma_cross 1M bars, indicators+signals: \(fmt(Double(buildBest) / n)) ns/bar")
        print("backtest sma_cross 1M bars, statistics: \(fmt(Double(statsBest) / n)) ns/bar")
        print("backtest sma_cross 1M bars, total: \(fmt(Double(totalBest) / n)) ns/bar (\(faults) page faults)")
        print("backtest sma_cross 1M bars, first run: \(fmt(Double(firstTotal) / n)) ns/bar (\(firstFaults) page faults: fresh memory)")
    } catch {
        print("backtest bench failed: \(error)")
    }
}

/// The 10,000-combination sma_cross grid over 5,000 bars on every core (goal ≤ 1 s).
func benchSweep() {
    do {
        let info = try StrategyRegistry.named("sma_cross")
        let config = BacktestConfig(commission: Commission(percent: 0.001), wholeUnits: false)
        let small = series(5_000, seed: 2)
        let w0 = DispatchTime.now().uptimeNanoseconds
        let t0 = cpuTime(CLOCK_PROCESS_CPUTIME_ID)
        let result = try Optimizer.optimize(strategy: info, bars: small, config: config,
                                            space: [ParameterRange("fast", 2, 101), ParameterRange("slow", 102, 201)],
                                            fixed: ["shorts": 1],
                                            method: .grid, maximize: "Sharpe Ratio")
        let t1 = cpuTime(CLOCK_PROCESS_CPUTIME_ID)
        let w1 = DispatchTime.now().uptimeNanoseconds
        let combos = Double(result.trials.count)
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        print("optimize sma_cross \(result.trials.count) combinations x 5000 bars: \(fmt(Double(t1 - t0) / 1e6)) ms CPU"
              + " = \(fmt(Double(t1 - t0) / 1e6 / cores)) ms on \(Int(cores)) free cores (\(fmt(Double(w1 - w0) / 1e6)) ms wall here)")
        print("optimize sma_cross per combination: \(fmt(Double(t1 - t0) / combos)) ns/op CPU")
        if let d = result.deflatedSharpe, let best = result.best {
            print("optimize best Sharpe \(fmt(best.score)), deflated Sharpe \(fmt(d.probability)) over \(d.trials) trials")
        }
    } catch {
        print("backtest bench failed: \(error)")
    }
}

/// Minor page faults of the process so far (fresh memory the kernel had to map).
private func minorFaults() -> Int {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)   // the benchmark runs on one thread here
    return u.ru_minflt
}

private func fmt(_ x: Double) -> String { String(format: "%.2f", x) }
