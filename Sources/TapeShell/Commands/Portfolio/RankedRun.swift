import TapeCore
import TapeData

/// `backtest UNIVERSE rank by EXPR [long top N] [short bottom N] [weights ...]
/// [rebalance monthly] [max_weight 10%]`: a loaded universe held by rank (RankedPortfolio),
/// with the engine's costs and the statistics of every backtest.
///
/// EXPR is evaluated on each member's own bars. Inside it, `zscore(x)` with one argument
/// is taken across the universe at each date (so factors on different scales can be
/// added); `zscore(x, 20)` stays the rolling one of each member.
enum RankedRun {
    static let declared: [OptionSpec] = [
        .flag("rank", "backtest UNIVERSE rank by EXPR: hold a loaded universe by the rank of EXPR"),
        .expression("by", "after rank: the score each member is ranked by, highest first", placeholder: "EXPR"),
        .count("bottom", "after short: how many of the lowest scores to hold short", bounds: .from(1, to: 100_000)),
        // A word, not a choice: the choice's list would widen every row of help backtest.
        .word("weights", "rank: equal (default), score or inverse_vol", placeholder: "W",
              completions: { _ in RankWeighting.allCases.map(\.rawValue) }),
        .rate("max_weight", "rank: the largest weight of one member", bounds: Bounds(lower: 0, upper: 1, lowerInclusive: false)),
    ]

    static let calendar: [String: RebalanceSchedule] = ["daily": .everyBars(1), "weekly": .weekly, "monthly": .monthly,
                                                        "quarterly": .quarterly, "yearly": .yearly]

    static func run(_ c: CommandContext) throws -> BacktestResult {
        guard let by = c.option("by") else {
            throw TapeError("rank needs 'by EXPR'", span: c.optionSpan("rank") ?? c.span, hint: "e.g. rank by pct(close, 126)")
        }
        guard let first = c.positionals.first, let name = first.word else {
            throw TapeError("rank needs a universe", span: c.span, hint: "load one: load universe NAME from \"folder/\"")
        }
        if c.positionals.count > 1 {
            throw TapeError("unexpected argument: a ranked backtest takes one universe", span: c.positionals[1].span,
                            hint: "how many to hold is written long top N or short bottom N")
        }
        let sources = c.workspace.state { DataSourcesState() }
        guard let universe = sources.universes[name.lowercased()] else {
            throw TapeError("no universe named '\(name)'", span: first.span,
                            hint: Suggest.hint(name, in: Array(sources.universes.keys)) ?? "load one: load universe \(name) from \"folder/\"")
        }
        try BacktestRun.refuse(c, ["when", "warmup", "exit", "cover", "weighting", "fill", "size", "units", "spend", "voltarget", "kelly",
                                   "sizing_lookback", "stop", "stop_atr", "target", "target_atr", "trail", "trail_atr", "atr_period",
                                   "target_first", "entry", "limit", "entry_bars", "finalize", "close_at_end"],
                               "a ranked portfolio rebalances at the next open to the weights of its ranks")
        if c.has("long") != (c.value("top") != nil) {
            throw TapeError("write long top N", span: c.optionSpan("long") ?? c.optionSpan("top"), hint: "e.g. long top 50")
        }
        if c.has("short") != (c.value("bottom") != nil) {
            throw TapeError("write short bottom N", span: c.optionSpan("short") ?? c.optionSpan("bottom"), hint: "e.g. short bottom 50")
        }
        let engine = try EngineOptions.config(c)
        var config = RankedPortfolioConfig(cash: engine.cash, commission: engine.commission, slippageBps: engine.slippageBps,
                                           long: c.int("top"), short: c.int("bottom"), wholeUnits: engine.wholeUnits)
        if config.long == nil && config.short == nil { config.long = 10 }
        if let w = c.text("weights") {
            guard let weighting = RankWeighting(rawValue: w.lowercased()) else {
                let names = RankWeighting.allCases.map(\.rawValue)
                throw TapeError("weights takes equal, score or inverse_vol", span: c.option("weights")?.span,
                                hint: Suggest.hint(w.lowercased(), in: names) ?? "e.g. weights inverse_vol")
            }
            config.weighting = weighting
        }
        config.maxWeight = c.value("max_weight")
        if let e = c.option("rebalance") { config.rebalance = try schedule(e, c) }
        let panel = try RiskSubjects.core(c, first.span) { try UniversePanel.align(universe.members) }
        guard (0..<panel.dates).contains(where: { i in panel.close.lazy.filter { $0[i].isFinite }.prefix(2).count == 2 }) else {
            throw TapeError("the members of \(universe.name) share no dates: nothing to rank against", span: first.span,
                            hint: "check the files' dates: each member trades on its own days")
        }
        let scores = try evaluate(by, universe: universe, panel: panel, c)
        let range = try c.dateRange("dates").map { r -> Range<Int> in
            let lo = panel.time.firstIndex { $0 >= r.from } ?? panel.dates
            let hi = panel.time.lastIndex { $0 < r.to + CivilTime.secondsPerDay }.map { $0 + 1 } ?? 0
            guard hi - lo >= 2 else { throw TapeError("fewer than 2 dates of \(universe.name) in that range", span: c.optionSpan("dates")) }
            return lo..<hi
        }
        return try BacktestRun.core(c) {
            try RankedPortfolio.run(panel: panel, scores: scores, config: config, range: range,
                                    strategyName: "rank by \(c.invocation.text(of: by))", cancel: Interrupts.cancelCheck).result
        }
    }

    /// `rebalance monthly` (or weekly, quarterly, yearly, daily), or every N bars.
    static func schedule(_ e: Expr, _ c: CommandContext) throws -> RebalanceSchedule {
        if let w = e.word?.lowercased() {
            guard let s = calendar[w] else {
                throw TapeError("rebalance takes daily, weekly, monthly, quarterly, yearly or a number of bars", span: e.span,
                                hint: Suggest.hint(w, in: Array(calendar.keys)).map { $0 } ?? "e.g. rebalance monthly")
            }
            return s
        }
        guard let x = try c.number("rebalance"), x == x.rounded(), x >= 1, x <= 100_000 else {
            throw TapeError("rebalance takes daily, weekly, monthly, quarterly, yearly or a number of bars", span: e.span)
        }
        return .everyBars(Int(x))
    }

    /// The score of each member at each date of the panel.
    static func evaluate(_ e: Expr, universe: Universe, panel: UniversePanel, _ c: CommandContext) throws -> [[Double]] {
        if case .call(nil, let f, let args, _) = e, f.lowercased() == "zscore", args.count == 1, args[0].label == nil {
            return CrossSection.zscore(try evaluate(args[0].value, universe: universe, panel: panel, c))
        }
        if crossSectional(e) {
            switch e {
            case .number(let x, nil, _):
                return panel.close.map { _ in [Double](repeating: x, count: panel.dates) }
            case .unary("-", let x, _):
                return try evaluate(x, universe: universe, panel: panel, c).map { $0.map { -$0 } }
            case .binary(let op, let l, let r, _) where ["+", "-", "*", "/"].contains(op):
                let a = try evaluate(l, universe: universe, panel: panel, c), b = try evaluate(r, universe: universe, panel: panel, c)
                return zip(a, b).map { x, y in
                    zip(x, y).map { u, v in
                        switch op {
                        case "+": return u + v
                        case "-": return u - v
                        case "*": return u * v
                        default: return v == 0 ? .nan : u / v
                        }
                    }
                }
            default:
                throw TapeError("zscore(x) across the universe combines with numbers, + - * / only", span: e.span,
                                hint: "e.g. 0.5*zscore(pct(close,126)) - 0.5*zscore(std(close,20))")
            }
        }
        var out: [[Double]] = []
        out.reserveCapacity(universe.members.count)
        for (j, bars) in universe.members.enumerated() {
            try Interrupts.check(e.span)
            let d = Dataset(name: bars.symbol, bars: bars, source: "universe \(universe.name)")
            switch try ScanCommand.evaluate(e, in: d, c) {
            case .series(let s): out.append(panel.spread(s.values, member: j))
            case .number(let x): out.append(panel.spread([Double](repeating: x, count: bars.count), member: j))
            case let v: throw TapeError("rank by needs a number or a series, got \(v.typeName)", span: e.span)
            }
        }
        return out
    }

    /// True when `e` holds a one-argument zscore: it must be combined across the panel.
    static func crossSectional(_ e: Expr) -> Bool {
        switch e {
        case .call(nil, let f, let args, _) where f.lowercased() == "zscore" && args.count == 1 && args[0].label == nil: return true
        case .unary(_, let x, _): return crossSectional(x)
        case .binary(_, let l, let r, _): return crossSectional(l) || crossSectional(r)
        default: return false
        }
    }
}
