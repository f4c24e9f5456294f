import Dispatch
import Foundation
import TapeCore

/// Issue 17's speed goals: historical VaR/CVaR of 20 years of daily returns (≤ 50 µs),
/// Monte Carlo with 100,000 paths (≤ 50 ms on both cores), a 3-state HMM fitted on 20
/// years (≤ 50 ms), and a monthly-rebalanced top-50 portfolio over 2,567 symbols × 22
/// years of daily bars (≤ 2 s: aligning the universe, the scores and the engine).
/// Synthetic data from a fixed seed; each line is the best of several runs, with the
/// worst beside it, since the machine is shared.
func benchRisk() {
    func measure(_ name: String, repeats: Int, goal: Double, unit: String = "ms", _ body: () throws -> Int) {
        var times: [Double] = []
        var sink = 0
        for _ in 0..<repeats {
            guard let (ns, s) = bestTime(name, repeats: 1, body) else { return }
            times.append(ns)
            sink &+= s
        }
        let scale = unit == "µs" ? 1e3 : 1e6
        let best = (times.min() ?? 0) / scale, worst = (times.max() ?? 0) / scale
        print("\(name): \(Format.fixed(best, 2)) \(unit) best, \(Format.fixed(worst, 2)) \(unit) worst of \(repeats) (goal ≤ \(Format.number(goal)) \(unit)) [\(sink % 10)]")
    }
    var rng = SplitMix64(seed: 17)
    func normal() -> Double { (-2 * log(1 - rng.unit())).squareRoot() * cos(2 * Double.pi * rng.unit()) }
    let days = 20 * 252
    let returns = (0..<days).map { _ in 0.0003 + 0.012 * normal() }
    let series = RiskSubject.series("bench", returns: returns)
    measure("risk.historical VaR+CVaR 99%, 5,040 daily returns", repeats: 200, goal: 50, unit: "µs") {
        let t = try RiskModel.tail(series, method: .historical, confidence: 0.99)
        return t.valueAtRisk < 0 ? 1 : 0
    }
    measure("risk.Monte Carlo VaR+CVaR, 100,000 paths, 1 day", repeats: 10, goal: 50) {
        let t = try RiskModel.tail(series, method: .monteCarlo, confidence: 0.99, paths: 100_000, seed: 3)
        return t.scenarios
    }
    measure("risk.Monte Carlo VaR+CVaR, 100,000 paths, 10 days", repeats: 5, goal: 50) {
        let t = try RiskModel.tail(series, method: .monteCarlo, confidence: 0.99, horizon: 10, paths: 100_000, seed: 3)
        return t.scenarios
    }
    // Regime-like returns for the HMM: calm, normal and turbulent stretches.
    var close = [100.0]
    for k in 0..<days {
        let sd = [0.006, 0.012, 0.03][(k / 300) % 3]
        close.append(close[close.count - 1] * (1 + 0.0003 + sd * normal()))
    }
    measure("risk.HMM 3 states, Baum-Welch on 5,040 daily returns", repeats: 10, goal: 50) {
        let fit = try HMMRegimes.fit(close: close, states: 3)
        return fit.iterations
    }
    if let fit = try? HMMRegimes.fit(close: close, states: 3) {
        print("risk.HMM iterations (at most 200, tolerance 1e-6): \(fit.iterations)")
    }
    // hmmlearn's default stopping rule: a gain in log-likelihood below 0.01.
    measure("risk.HMM 3 states, Baum-Welch to a gain below 0.01", repeats: 10, goal: 50) {
        let fit = try HMMRegimes.fit(close: close, states: 3, tolerance: 1e-2)
        return fit.iterations
    }
    if let fit = try? HMMRegimes.fit(close: close, states: 3, tolerance: 1e-2) {
        print("risk.HMM iterations (tolerance 0.01): \(fit.iterations)")
    }
    // The universe: 2,567 symbols over 22 years, a fifth of them listed later.
    let members = 2_567, bars = 22 * 252
    let start = CivilTime.days(year: 2002, month: 1, day: 2) * CivilTime.secondsPerDay
    var calendar: [Int64] = []
    var d = start
    while calendar.count < bars {
        let weekday = (CivilTime.day(d) + 4) % 7   // 0 Sunday
        if weekday != 0 && weekday != 6 { calendar.append(d) }
        d += CivilTime.secondsPerDay
    }
    let universe: [Bars] = (0..<members).map { j in
        let first = j % 5 == 0 ? Int(rng.unit() * Double(bars / 2)) : 0
        let n = bars - first
        var c = [Double](repeating: 0, count: n)
        var p = 20 + 80 * rng.unit()
        let drift = 0.0004 * (rng.unit() - 0.3), sd = 0.01 + 0.02 * rng.unit()
        for i in 0..<n { p *= 1 + drift + sd * normal(); c[i] = p }
        let o = c.enumerated().map { $0.offset == 0 ? $0.element : c[$0.offset - 1] }
        return Bars(symbol: "S\(j)", time: Array(calendar[first...]), open: o, high: c, low: c, close: c, volume: c.map { _ in 1e6 })
    }
    measure("portfolio.top 50 of 2,567 symbols x 22 years, monthly (align + 126-day momentum + engine)", repeats: 3, goal: 2000) {
        let panel = try UniversePanel.align(universe)
        var scores = [[Double]]()
        scores.reserveCapacity(members)
        for (j, b) in universe.enumerated() {
            var m = [Double](repeating: .nan, count: b.count)
            for i in 126..<max(b.count, 126) { m[i] = b.close[i] / b.close[i - 126] - 1 }
            scores.append(panel.spread(m, member: j))
        }
        let r = try RankedPortfolio.run(panel: panel, scores: scores,
                                        config: RankedPortfolioConfig(cash: 1_000_000, commission: Commission(percent: 0.001), long: 50))
        return r.fills.count
    }
}
