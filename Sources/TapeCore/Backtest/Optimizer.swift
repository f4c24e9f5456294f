import Foundation
import Synchronization

/// What evaluating one parameter set produced.
public struct TrialOutcome: Sendable, Codable {
    /// The value maximised (NaN ranks last).
    public var score: Double
    public var statistics: Statistics?
    /// Per-period Sharpe, skewness, kurtosis and count of the trial's returns (for the
    /// deflated Sharpe ratio); NaN / 0 when not available.
    public var sharpe: Double
    public var skewness: Double
    public var kurtosis: Double
    public var observations: Int

    public init(score: Double, statistics: Statistics? = nil, sharpe: Double = .nan, skewness: Double = .nan,
                kurtosis: Double = .nan, observations: Int = 0) {
        self.score = score
        self.statistics = statistics
        self.sharpe = sharpe
        self.skewness = skewness
        self.kurtosis = kurtosis
        self.observations = observations
    }
}

/// One evaluated parameter set.
public struct Trial: Sendable, Codable {
    /// Values in the order of the search space's names.
    public var values: [Double]
    public var outcome: TrialOutcome
    public var score: Double { outcome.score }
}

/// All trials, best first, and the best with its deflated Sharpe ratio.
public struct OptimizationResult: Sendable, Codable {
    public var names: [String]
    public var objective: String
    public var method: SearchMethod
    public var trials: [Trial]
    /// Candidates the constraint rejected (never evaluated).
    public var rejected: Int
    public var deflatedSharpe: DeflatedSharpe?
    /// Candidates the whole search evaluates (every shard's, when sharded: SearchShard).
    public var candidates = 0

    public var best: Trial? { trials.first { $0.score.isFinite } }

    /// A trial's parameters by name.
    public func parameters(_ t: Trial) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(names, t.values))
    }
}

/// Parameter search: grid, random, Latin hypercube or genetic, evaluating candidates on
/// every core (`DispatchQueue.concurrentPerform`) and reporting progress.
public enum Optimizer {
    public typealias Constraint = @Sendable ([String: Double]) -> Bool
    /// Called with (trials done, trials planned) after each trial, from worker threads.
    public typealias Progress = @Sendable (Int, Int) -> Void
    /// Polled before each trial, between generations and inside each trial's bar loop;
    /// returning true skips the rest and the search throws `BacktestError.cancelled`,
    /// returning no partial result (the shell passes its Ctrl-C flag).
    public typealias Cancel = Backtester.Cancel

    /// Maximises `evaluate` over `space`. Trials come back sorted best first.
    /// With `shard`, only that slice of the candidates is evaluated (SearchShard.swift).
    public static func search(space: [ParameterRange], method: SearchMethod, objective: String = "score",
                              constraint: Constraint? = nil, shard: SearchShard? = nil, progress: Progress? = nil, cancel: Cancel? = nil,
                              evaluate: @escaping @Sendable ([String: Double]) -> TrialOutcome) throws -> OptimizationResult {
        let guarded: @Sendable ([String: Double]) -> TrialOutcome = { p in
            cancel?() == true ? TrialOutcome(score: .nan) : evaluate(p)
        }
        guard !space.isEmpty else { throw BacktestError.invalidParameter("nothing to optimise: give at least one parameter range") }
        for r in space { try r.validate() }
        let names = space.map(\.name)
        guard Set(names).count == names.count else { throw BacktestError.invalidParameter("a parameter appears twice in the search") }
        func allowed(_ v: [Double]) -> Bool {
            constraint.map { $0(Dictionary(uniqueKeysWithValues: zip(names, v))) } ?? true
        }
        var trials: [Trial] = []
        var candidates: [[Double]] = []
        var rejected = 0, planned = 0
        switch method {
        case .grid, .random, .latinHypercube:
            switch method {
            case .grid:
                candidates = try ParameterSampler.grid(space)
            case .random(let n, let seed):
                guard n >= 1 else { throw BacktestError.invalidParameter("random search needs at least 1 trial") }
                var rng = SeededRandom(seed: seed)
                candidates = ParameterSampler.random(space, count: n, rng: &rng)
            case .latinHypercube(let n, let seed):
                guard n >= 1 else { throw BacktestError.invalidParameter("Latin hypercube search needs at least 1 trial") }
                var rng = SeededRandom(seed: seed)
                candidates = ParameterSampler.latinHypercube(space, count: n, rng: &rng)
            case .genetic:
                candidates = []
            }
            (candidates, rejected) = try distinctAllowed(candidates, allowed: allowed, cancel: cancel)
            planned = candidates.count
            if let shard { candidates = shard.slice(candidates) }
            trials = evaluateAll(candidates, names: names, done: 0, total: candidates.count, progress: progress, cancel: cancel,
                                 evaluate: guarded)
        case .genetic(let population, let generations, let seed):
            if shard != nil { throw BacktestError.invalidParameter(SearchShard.geneticRefusal) }
            guard population >= 4, generations >= 1 else {
                throw BacktestError.invalidParameter("genetic search needs a population of at least 4 and at least 1 generation")
            }
            (trials, rejected) = genetic(space, names: names, population: population, generations: generations, seed: seed,
                                         allowed: allowed, progress: progress, cancel: cancel, evaluate: guarded)
        }
        if cancel?() == true {
            Discard.later((candidates, trials))
            candidates = []
            trials = []
            throw BacktestError.cancelled
        }
        if case .genetic = method { planned = trials.count }
        return finish(OptimizationResult(names: names, objective: objective, method: method, trials: trials, rejected: rejected,
                                         candidates: planned))
    }

    /// Sorts the trials best first and computes the deflated Sharpe ratio over all of
    /// them: the last step of a search, and of joining a sharded one's parts.
    static func finish(_ unsorted: OptimizationResult) -> OptimizationResult {
        var result = unsorted
        // Ties broken by the values so the order is the same on every run.
        result.trials.sort { rank($0.score) != rank($1.score) ? rank($0.score) > rank($1.score) : $0.values.lexicographicallyPrecedes($1.values) }
        let trials = result.trials
        if let best = result.best, best.outcome.sharpe.isFinite, best.outcome.observations >= 2 {
            result.deflatedSharpe = DeflatedSharpe(sharpe: best.outcome.sharpe, trialSharpes: trials.map(\.outcome.sharpe),
                                                   skewness: best.outcome.skewness, kurtosis: best.outcome.kurtosis,
                                                   observations: best.outcome.observations)
        }
        return result
    }

    /// Optimises a built-in strategy's parameters on `bars[range]`, maximising the
    /// statistic `maximize` (any numeric key of `BacktestStatistics`). Parameters not in
    /// `space` take `fixed` values or their defaults. Each distinct indicator is computed
    /// once and shared by all trials.
    public static func optimize(strategy info: StrategyInfo, bars: Bars, config: BacktestConfig, range: Range<Int>? = nil,
                                space: [ParameterRange], fixed: [String: Double] = [:], method: SearchMethod,
                                maximize: String = "Sharpe Ratio", constraint: Constraint? = nil, shard: SearchShard? = nil,
                                progress: Progress? = nil, cancel: Cancel? = nil,
                                cache: IndicatorCache = IndicatorCache()) throws -> OptimizationResult {
        guard let objective = Statistics.field(named: maximize), objective.isNumeric else {
            let hint = StrategyRegistry.nearest(maximize, among: BacktestStatistics.numericKeys)
            throw BacktestError.invalidParameter("cannot maximise '\(maximize)'" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        guard info.kind == .singleSymbol else { throw BacktestError.invalidStrategy("\(info.name) cannot be optimised on one symbol") }
        try config.validate()
        _ = try info.resolve(fixed)
        for r in space where !info.parameters.contains(where: { $0.name == r.name }) {
            _ = try info.resolve([r.name: r.lower])   // throws the "no parameter" error with a suggestion
        }
        let r = range ?? 0..<bars.count
        guard !r.isEmpty, r.lowerBound >= 0, r.upperBound <= bars.count else {
            throw BacktestError.invalidData("range \(r.lowerBound)..<\(r.upperBound) is empty or outside the \(bars.count) bars")
        }
        let calendar = StatsCalendar(time: Array(bars.time[r]), close: Array(bars.close[r]))
        do {
            return try search(space: space, method: method, objective: maximize, constraint: constraint, shard: shard,
                              progress: progress, cancel: cancel) { p in
                evaluateStrategy(info, bars: bars, config: config, range: r, parameters: fixed.merging(p) { $1 }, maximize: objective,
                                 cache: cache, calendar: calendar, cancel: cancel)
            }
        } catch BacktestError.cancelled {
            // Hundreds of cached series: freed in the background too (see Discard).
            Discard.later(cache)
            throw BacktestError.cancelled
        }
    }

    /// Each distinct candidate once (snapping can make random draws coincide), without
    /// those the constraint rejects, in their order, and how many it rejected. Polled:
    /// hashing and checking 200,000 candidates takes a loaded machine longer than a
    /// Ctrl-C may wait. The set of those seen is freed here, before any trial runs.
    static func distinctAllowed(_ candidates: [[Double]], allowed: ([Double]) -> Bool,
                                cancel: Cancel?) throws -> ([[Double]], rejected: Int) {
        var seen = Set<[Double]>(), kept: [[Double]] = [], rejected = 0
        kept.reserveCapacity(candidates.count)
        for (k, c) in candidates.enumerated() {
            if k & 1023 == 0, cancel?() == true { throw BacktestError.cancelled }
            guard seen.insert(c).inserted else { continue }
            if allowed(c) { kept.append(c) } else { rejected += 1 }
        }
        return (kept, rejected)
    }

    /// One backtest trial; any error (e.g. a parameter below its minimum) scores NaN. A
    /// cancelled trial scores NaN too; `search` then throws instead of returning it.
    static func evaluateStrategy(_ info: StrategyInfo, bars: Bars, config: BacktestConfig, range: Range<Int>,
                                 parameters: [String: Double], maximize: Statistics.Field, cache: IndicatorCache,
                                 calendar: StatsCalendar, cancel: Cancel? = nil) -> TrialOutcome {
        do {
            var s = try info.make(StrategyInputs(bars: bars, convention: config.convention, cache: cache), parameters: parameters)
            let result = try Backtester.run(&s, bars: bars, config: config, range: range, cancel: cancel)
            // The statistics take about twice the run's time: not worth starting after a Ctrl-C.
            if cancel?() == true { throw BacktestError.cancelled }
            let (stats, returns) = BacktestStatistics.compute(trades: result.trades, equity: result.equity, calendar: calendar,
                                                              barOffset: range.lowerBound,
                                                              benchmarkIndex: result.benchmarkBar - range.lowerBound)
            let m = returns.moments
            return TrialOutcome(score: maximize.number(in: stats), statistics: stats, sharpe: m.sharpe, skewness: m.skewness,
                                kurtosis: m.kurtosis, observations: max(result.time.count - 1, 0))
        } catch {
            return TrialOutcome(score: .nan)
        }
    }

    static func rank(_ x: Double) -> Double { x.isNaN ? -.infinity : x }

    /// Evaluates candidates concurrently; results keep the candidates' order. Once
    /// `cancel` says so, the remaining iterations return at once (concurrentPerform
    /// cannot be left early, and building each trial's dictionary for 200,000 skipped
    /// candidates would take a debug build half a second).
    static func evaluateAll(_ candidates: [[Double]], names: [String], done: Int, total: Int, progress: Progress?,
                            cancel: Cancel? = nil,
                            evaluate: @escaping @Sendable ([String: Double]) -> TrialOutcome) -> [Trial] {
        let box = TrialBox(count: candidates.count, done: done)
        DispatchQueue.concurrentPerform(iterations: candidates.count) { k in
            if let cancel, cancel() { return }
            let outcome = evaluate(Dictionary(uniqueKeysWithValues: zip(names, candidates[k])))
            let n = box.store(k, Trial(values: candidates[k], outcome: outcome))
            progress?(n, total)
        }
        return box.trials()
    }

    static func genetic(_ space: [ParameterRange], names: [String], population: Int, generations: Int, seed: UInt64,
                        allowed: ([Double]) -> Bool, progress: Progress?, cancel: Cancel? = nil,
                        evaluate: @escaping @Sendable ([String: Double]) -> TrialOutcome) -> ([Trial], Int) {
        var rng = SeededRandom(seed: seed)
        var evaluated: [[Double]: Trial] = [:]
        var rejected = 0
        let total = population * generations
        var done = 0
        func draw(_ n: Int) -> [[Double]] {
            var out: [[Double]] = []
            var attempts = 0
            while out.count < n && attempts < 100 * n {
                for c in ParameterSampler.latinHypercube(space, count: n, rng: &rng) where out.count < n {
                    if allowed(c) { out.append(c) } else { rejected += 1 }
                }
                attempts += n
            }
            return out
        }
        func run(_ cands: [[Double]]) -> [Trial] {
            // A set, not `unique.contains`: that is quadratic in the population (10,000 from the shell).
            var unique: [[Double]] = [], seen = Set<[Double]>()
            for c in cands where evaluated[c] == nil && seen.insert(c).inserted { unique.append(c) }
            for t in evaluateAll(unique, names: names, done: done, total: total, progress: progress, cancel: cancel,
                                 evaluate: evaluate) {
                evaluated[t.values] = t
            }
            done += unique.count
            return cands.compactMap { evaluated[$0] }
        }
        var current = run(draw(population))
        for _ in 1..<max(generations, 1) {
            // Breeding the next generation costs little, but thousands of them add up.
            guard !current.isEmpty, cancel?() != true else { break }
            current.sort { rank($0.score) > rank($1.score) }
            var next = Array(current.prefix(2).map(\.values))   // elites survive unchanged
            func tournament() -> [Double] {
                let a = current[Int(rng.next() % UInt64(current.count))], b = current[Int(rng.next() % UInt64(current.count))]
                return rank(a.score) >= rank(b.score) ? a.values : b.values
            }
            let mutationRate = max(0.2, 1 / Double(space.count))
            var attempts = 0
            while next.count < population && attempts < 100 * population {
                attempts += 1
                let p1 = tournament(), p2 = tournament()
                var child = zip(p1, p2).map { rng.unit() < 0.5 ? $0 : $1 }
                for d in 0..<space.count where rng.unit() < mutationRate {
                    let r = space[d]
                    // Box–Muller normal step of a fifth of the range.
                    let g = (-2 * log(max(rng.unit(), 1e-300))).squareRoot() * cos(2 * Double.pi * rng.unit())
                    var v = r.snap(child[d] + g * 0.2 * (r.upper - r.lower))
                    if v == child[d], let s = r.effectiveStep { v = r.snap(child[d] + (rng.unit() < 0.5 ? -s : s)) }
                    child[d] = v
                }
                if allowed(child) { next.append(child) } else { rejected += 1 }
            }
            current = run(next)
        }
        return (Array(evaluated.values), rejected)
    }
}

/// Collects trials written from concurrent workers (each index written once).
final class TrialBox: Sendable {
    private let state: Mutex<(items: [Trial?], done: Int)>

    init(count: Int, done: Int) {
        state = Mutex((items: [Trial?](repeating: nil, count: count), done: done))
    }

    /// Stores a trial; returns the number of trials done so far.
    func store(_ k: Int, _ t: Trial) -> Int {
        state.withLock { s in
            s.items[k] = t
            s.done += 1
            return s.done
        }
    }

    func trials() -> [Trial] {
        state.withLock { $0.items.compactMap { $0 } }
    }
}
