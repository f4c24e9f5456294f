import TapeCore

/// The built-in strategies' parameters as options, declared from the strategy table
/// (`StrategyRegistry`): each parameter's kind (whole or real), its catalogue range as
/// bounds, its help. `backtest`, `optimize` and `walkforward` declare the union of every
/// strategy's parameters, so `fast 10` parses as an option and `fsat 10` gets "did you
/// mean 'fast'?"; once the strategy is known its own declaration checks the values it
/// was given, with the dispatcher's conversion (`values`).
enum StrategyOptions {
    /// One strategy's parameter as its own declaration: `sma_cross`'s `slow` is a whole
    /// number from 2 to 100000 (the catalogue's SMA periods).
    static func option(_ p: StrategyParameter, range: Bool) -> OptionSpec {
        OptionSpec(p.name, p.isInteger ? .count : .number, bounds: Bounds(lower: p.minimum, upper: p.maximum),
                   range: range, help: p.help)
    }

    /// Every parameter name of the given strategies once, with the widest bounds among
    /// them and the strategies it belongs to in its help, offered by Tab only after a
    /// strategy that has it.
    static func declared(_ strategies: [StrategyInfo], range: Bool) -> [OptionSpec] {
        var names: [String] = []
        var owners: [String: [(StrategyInfo, StrategyParameter)]] = [:]
        for s in strategies {
            for p in s.parameters {
                if owners[p.name] == nil { names.append(p.name) }
                owners[p.name, default: []].append((s, p))
            }
        }
        return names.map { name in
            let all = owners[name] ?? []
            let ps = all.map(\.1)
            let lower = ps.map(\.minimum).min()
            let upper = ps.contains { $0.maximum == nil } ? nil : ps.compactMap(\.maximum).max()
            let whole = ps.allSatisfy(\.isInteger)
            let help = name == "shorts"
                ? "1 lets the strategy go short, 0 keeps it long only (default \(StrategyRegistry.shortsByDefault ? 1 : 0) for every built-in)"
                : Set(ps.map(\.help)).count == 1
                    ? "\(ps[0].help) (\(all.map(\.0.name).joined(separator: ", ")))"
                    : all.map { "\($0.0.name): \($0.1.help)" }.joined(separator: "; ")
            return OptionSpec(name, whole ? .count : .number, bounds: Bounds(lower: lower, upper: upper), range: range,
                              help: help, offered: { _, words in
                                  strategy(in: words)?.parameters.contains { $0.name == name } ?? false
                              })
        }
    }

    /// Every built-in's parameter names.
    static let parameterNames = Set(StrategyRegistry.all.flatMap { $0.parameters.map(\.name) })

    /// The strategy the words typed so far name (the last that names one), for Tab.
    static func strategy(in words: [String]) -> StrategyInfo? {
        for w in words.reversed() {
            if let s = StrategyRegistry.all.first(where: { $0.name == w.lowercased() }) { return s }
        }
        return nil
    }

    /// The positional words of a command that takes `[SYMBOL ...] STRATEGY`: Tab offers
    /// the strategies (and the dataset names every position offers) until one is named.
    static func target(help: String, strategies: [StrategyInfo], variadic: Bool) -> ArgumentSpec {
        ArgumentSpec("SYMBOL", .expression, optional: true, variadic: variadic, help: help,
                     completions: { _ in strategies.map(\.name) },
                     offered: { _, words in strategy(in: words) == nil })
    }

    /// The parameters `info` was given, each checked by `info`'s own declaration of it
    /// (the union's bounds are the widest of all strategies'); a parameter of another
    /// strategy is an error at its key. Ranges (`fast 5..50 step 5`) come back as the
    /// expression for the search to read; single values as numbers.
    static func values(_ c: CommandContext, _ info: StrategyInfo, range: Bool) throws -> [String: Expr] {
        let checker = ArgumentChecker(spec: c.spec, invocation: c.invocation, evaluate: { try c.evaluate($0) })
        var out: [String: Expr] = [:]
        for item in c.invocation.items {
            guard case .option(let key, let span, let value?) = item, key != "when" else { continue }
            // A model's parameters (threshold) are its own, not the built-ins'.
            guard parameterNames.contains(key) || info.parameters.contains(where: { $0.name == key }) else { continue }
            guard let p = info.parameters.first(where: { $0.name == key }) else {
                throw TapeError("\(info.name) has no parameter '\(key)'", span: span,
                                hint: info.parameters.isEmpty ? "it takes none" : "it takes " + info.parameters.map(\.name).joined(separator: ", "))
            }
            let own = option(p, range: range)
            _ = try checker.convert(value, kind: own.kind, bounds: own.bounds, acceptsRange: range, name: "\(info.name) \(key)")
            out[key] = value
        }
        return out
    }

    /// The single values `info` was given, as numbers (ranges are refused by the
    /// declaration of `backtest`).
    static func numbers(_ c: CommandContext, _ info: StrategyInfo) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for key in try values(c, info, range: false).keys {
            // `rebalance` is declared as an expression for the ranked form: read it here.
            if let x = try c.number(key) { out[key] = x }
        }
        return out
    }
}
