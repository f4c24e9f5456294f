import TapeCore

/// What `optimize` and `walkforward` share: the parameter ranges searched (`fast 5..50
/// step 5`), the search method, the statistic maximised and the `where` constraint, all
/// declared; and the request read from them.
enum SearchOptions {
    /// Short names for the statistics most often maximised; any statistic's own name
    /// (`maximize "Return [%]"`) is accepted too.
    static let objectiveAliases: KeyValuePairs<String, String> = [
        "sharpe": "Sharpe Ratio", "sortino": "Sortino Ratio", "calmar": "Calmar Ratio", "return": "Return [%]",
        "cagr": "CAGR [%]", "sqn": "SQN", "profit_factor": "Profit Factor", "win_rate": "Win Rate [%]",
        "expectancy": "Expectancy [%]", "equity": "Equity Final [$]",
    ]

    /// Single-symbol strategies: the search runs the single-symbol engine.
    static let strategies = StrategyRegistry.all.filter { $0.kind == .singleSymbol }

    static let declared: [OptionSpec] = [
        OptionSpec("maximize", .choice(objectiveAliases.map(\.key) + BacktestStatistics.numericKeys.map { $0.lowercased() }),
                   placeholder: "STAT", help: "the statistic to maximise (default sharpe), or any statistic of stats in quotes",
                   completions: { _ in objectiveAliases.map(\.key) }),
        .choice("method", ["grid", "random", "lhs", "genetic"], "every combination (default), random draws, a Latin hypercube, or a genetic search"),
        .count("trials", "draws of random and lhs (default 200)", bounds: .from(1, to: 200_000)),
        .count("population", "parameter sets per generation of genetic (default 30)", bounds: .from(4, to: 10_000)),
        .count("generations", "generations of genetic (default 20)", bounds: .from(1, to: 10_000)),
        .count("seed", "the random searches' seed (default the session's, set seed)", bounds: .from(0, to: 9_000_000_000_000_000)),
        .expression("where", "a constraint on the parameters, e.g. fast < slow (assumed when both are searched)"),
        .count("show", "trials shown, best first (default 10)", bounds: .from(1, to: 1_000)),
    ]

    static let parameterHelp = "the dataset (default: the current one), then the strategy; after it each parameter as a range, fast 5..50 step 5, or a fixed value"

    /// The statistic `maximize` names, by its name in the statistics table.
    static func objective(_ c: CommandContext) -> String {
        guard let w = c.text("maximize") else { return "Sharpe Ratio" }
        if let alias = objectiveAliases.first(where: { $0.key == w }) { return alias.value }
        return BacktestStatistics.numericKeys.first { $0.lowercased() == w } ?? "Sharpe Ratio"
    }

    static func method(_ c: CommandContext) throws -> SearchMethod {
        let seed = c.value("seed").map { UInt64($0) } ?? c.session.seed
        let trials = c.int("trials") ?? 200
        switch c.text("method") {
        case "random": return .random(trials: trials, seed: seed)
        case "lhs": return .latinHypercube(trials: trials, seed: seed)
        case "genetic":
            let pop = c.int("population") ?? 30, gens = c.int("generations") ?? 20
            // The grid's limit: more trials than that look like a hang.
            guard pop * gens <= 200_000 else {
                throw TapeError("population × generations is \(pop * gens) trials; at most 200000", span: c.option("population")?.span)
            }
            return .genetic(population: pop, generations: gens, seed: seed)
        default: return .grid
        }
    }

    /// The strategy and dataset: `[SYMBOL] STRATEGY`.
    static func target(_ c: CommandContext) throws -> (StrategyInfo, Dataset) {
        if let model = c.text("model") { return try ModelBacktest.target(c, model: model) }
        try ModelBacktest.refuseWithoutModel(c)
        let p = c.positionals
        guard let k = p.lastIndex(where: { e in e.word.map { StrategyRegistry.names.contains($0.lowercased()) } ?? false }) else {
            let hint = p.last.flatMap { $0.word }.flatMap { Suggest.hint($0, in: strategies.map(\.name)) }
            throw TapeError("which strategy? e.g. sma_cross", span: p.last?.span ?? c.span, hint: hint ?? "strategies lists them")
        }
        let info = try StrategyRegistry.named(try c.word(p[k], "a strategy name"))
        guard info.kind == .singleSymbol else { throw TapeError("\(info.name) cannot be optimised here yet", span: p[k].span) }
        guard k <= 1, p.count == k + 1 else {
            throw TapeError("expected: [SYMBOL] STRATEGY then PARAM ranges", span: p[p.count == k + 1 ? 0 : k + 1].span)
        }
        return (info, try c.dataset(named: k == 1 ? p[0] : nil))
    }

    /// Ranges (`fast 5..50 step 5`) are searched; single values (`slow 20`) are fixed.
    /// The dispatcher has checked every value of a range by the strategy's own bounds;
    /// the search needs the range itself (a real range without a step is sampled, not
    /// stepped), so it is read from the expression.
    static func space(_ c: CommandContext, _ info: StrategyInfo) throws -> ([ParameterRange], [String: Double]) {
        var space: [ParameterRange] = [], fixed: [String: Double] = [:]
        let given = try StrategyOptions.values(c, info, range: true)
        for p in info.parameters {
            guard let e = given[p.name] else { continue }
            switch try c.evaluate(e) {
            case .numberRange(let a, let b, let step):
                var explicitStep = false
                if case .range(_, _, .some, _) = e { explicitStep = true }
                space.append(ParameterRange(p.name, a, b, step: explicitStep ? step : nil, integer: p.isInteger))
            case .number(let x): fixed[p.name] = x
            case let v: throw TapeError("\(p.name) must be a range like 5..50 step 5 or a number, got \(v.typeName)", span: e.span)
            }
        }
        guard !space.isEmpty else {
            throw TapeError("give at least one parameter range", span: c.span,
                            hint: "e.g. " + (info.parameters.first.map { "\($0.name) 5..50 step 5" } ?? ""))
        }
        return (space, fixed)
    }

    /// `where EXPR` over parameter names (`fast < slow and slow <= 4 * fast`); without it,
    /// fast < slow when both are searched.
    static func constraint(_ c: CommandContext, _ info: StrategyInfo, _ space: [ParameterRange],
                           _ fixed: [String: Double]) throws -> Optimizer.Constraint? {
        // Parameters not searched keep their fixed or default values.
        let base = Dictionary(uniqueKeysWithValues: info.parameters.map { ($0.name, $0.defaultValue) }).merging(fixed) { $1 }
        guard let e = c.option("where") else {
            let searched = Set(space.map(\.name))
            if searched.contains("fast") || searched.contains("slow"), base["fast"] != nil, base["slow"] != nil {
                return { p in (p["fast"] ?? base["fast"] ?? 0) < (p["slow"] ?? base["slow"] ?? 0) }
            }
            return nil
        }
        // Checked once so a typo fails before thousands of trials.
        _ = try Constraint.evaluate(e, base)
        return { p in ((try? Constraint.evaluate(e, base.merging(p) { $1 })) ?? 0) != 0 }
    }

    /// Runs a search with a progress line (not in replays) that Ctrl-C can stop.
    static func withProgress<T>(_ c: CommandContext, _ label: String,
                                _ body: (_ progress: @escaping @Sendable (Int, Int) -> Void, _ cancel: @escaping @Sendable () -> Bool) throws -> T) throws -> T {
        let progress = ProgressLine(label: label, enabled: c.session.terminal.progress && !c.session.replaysAFile)
        defer { progress.finish() }
        return try BacktestRun.core(c) { try body({ progress.update($0, $1) }, Interrupts.cancelCheck) }
    }
}

/// What optimize and walkforward both read: the strategy and dataset, the parameter
/// space, the search method, the objective, the constraint and the engine settings.
struct SearchRequest {
    let info: StrategyInfo, dataset: Dataset
    let space: [ParameterRange], fixed: [String: Double]
    let method: SearchMethod, objective: String
    let constraint: Optimizer.Constraint?
    let config: BacktestConfig

    init(_ c: CommandContext) throws {
        (info, dataset) = try SearchOptions.target(c)
        (space, fixed) = try SearchOptions.space(c, info)
        method = try SearchOptions.method(c)
        objective = SearchOptions.objective(c)
        constraint = try SearchOptions.constraint(c, info, space, fixed)
        config = try EngineOptions.config(c)
    }
}
