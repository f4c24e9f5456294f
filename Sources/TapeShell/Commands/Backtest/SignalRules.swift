import TapeCore

/// The signal form of `backtest`: `long when EXPR [exit when EXPR] [short when EXPR]
/// [cover when EXPR]`, each a flag followed by a `when` option, evaluated over the
/// dataset into one value per bar.
enum SignalRules {
    static let words = ["long", "exit", "short", "cover"]

    static let declared: [OptionSpec] = [
        .flag("long", "long when EXPR: go long on the bars EXPR is true"),
        .flag("exit", "exit when EXPR: close a long"),
        .flag("short", "short when EXPR: go short (a long is closed first)"),
        .flag("cover", "cover when EXPR: close a short"),
        .expression("when", "the condition after long, exit, short or cover"),
        .count("warmup", "with signals: do not decide before this bar (at least the bar every indicator they read is defined)",
               bounds: .nonNegative),
    ]

    /// The conditions by signal word, in the order written.
    static func expressions(_ c: CommandContext) throws -> [String: Expr] {
        var out: [String: Expr] = [:]
        var pending: (String, Span)?
        for item in c.invocation.items {
            switch item {
            case .option(let key, let span, nil) where words.contains(key):
                if let (k, s) = pending { throw TapeError("'\(k)' needs 'when EXPR' after it", span: s) }
                pending = (key, span)
            case .option("when", let span, let value?):
                guard let (k, _) = pending else {
                    throw TapeError("'when' must follow long, exit, short or cover", span: span)
                }
                out[k] = value
                pending = nil
            default:
                if let (k, s) = pending { throw TapeError("'\(k)' needs 'when EXPR' after it", span: s) }
            }
        }
        if let (k, s) = pending { throw TapeError("'\(k)' needs 'when EXPR' after it", span: s) }
        return out
    }

    /// One signal's values on `d`'s bars (true where non-zero and not NaN).
    static func values(_ c: CommandContext, _ e: Expr, on d: Dataset) throws -> [Double] {
        switch try c.evaluate(e, in: d) {
        case .series(let s):
            guard s.values.count == d.bars.count else {
                throw TapeError("the signal has \(s.values.count) values for \(d.bars.count) bars of \(d.name)", span: e.span)
            }
            return s.values
        case .bool(let b): return [Double](repeating: b ? 1 : 0, count: d.bars.count)
        case .number(let x): return [Double](repeating: x, count: d.bars.count)
        case let v: throw TapeError("a signal must be a true/false series, got \(v.typeName)", span: e.span)
        }
    }

    /// The signal strategy the conditions describe on `d`. Its warm-up is the first bar
    /// at which every series the conditions read is defined (`warmup`), so it decides
    /// from the bar the built-in with the same indicators does, and Buy & Hold is
    /// measured from the same bar, whether or not `warmup N` says so.
    static func strategy(_ c: CommandContext, _ signals: [String: Expr], on d: Dataset) throws -> SignalStrategy {
        func values(_ key: String) throws -> [Double]? {
            guard let e = signals[key] else { return nil }
            return try self.values(c, e, on: d)
        }
        let name = words.compactMap { k in signals[k].map { "\(k) when \(c.invocation.text(of: $0))" } }.joined(separator: " ")
        let (long, exit, short, cover) = (try values("long"), try values("exit"), try values("short"), try values("cover"))
        let needed = warmup(Array(signals.values), c, on: d)
        var start = needed
        if let w = c.int("warmup") {
            let span = c.option("warmup")?.span
            guard w < d.bars.count else {
                throw TapeError("warmup must be below the \(d.bars.count) bars of \(d.name)", span: span)
            }
            // Earlier would decide on indicators that are not yet defined, and move Buy & Hold.
            guard w >= needed else {
                throw TapeError("warmup \(w) is before bar \(needed), the first at which every indicator the signals read is defined",
                                span: span, hint: "leave warmup out, or give \(needed) or more")
            }
            start = w
        }
        var strategy = try BacktestRun.core(c) {
            try SignalStrategy(name: name, count: d.bars.count, entryLong: long, exitLong: exit, entryShort: short,
                               exitShort: cover, warmup: start)
        }
        strategy.shorting = Shorting(allowed: short != nil, how: short != nil ? nil : "short when EXPR to allow")
        return strategy
    }

    /// The first bar at which every series the expressions read is defined: each call,
    /// member, column and binding in them (bindings followed into their definitions),
    /// evaluated on `d`. A signal's own values cannot say it: comparisons and crossovers
    /// are 0 where their inputs are NaN (backtesting.py likewise waits for every
    /// indicator a strategy declares, `_indicator_warmup_nbars`).
    static func warmup(_ expressions: [Expr], _ c: CommandContext, on d: Dataset) -> Int {
        var first = 0
        var followed = Set<String>()
        func record(_ e: Expr) {
            guard case .series(let s)? = try? c.evaluate(e, in: d), s.values.count == d.bars.count else { return }
            first = max(first, Signals.firstValid([s.values]))
        }
        func visit(_ e: Expr, _ depth: Int) {
            // The parser bounds an expression's height, and each binding is followed once.
            guard depth < 256 else { return }
            switch e {
            case .name(let n, _):
                record(e)
                let key = n.lowercased()
                if let bound = c.workspace.bindings[key], followed.insert(key).inserted { visit(bound, depth + 1) }
            case .member(let base, _, _):
                // `bbands(close, 20).upper` waits for the output it reads, not the others.
                record(e)
                if case .call(nil, _, let args, _) = base { for a in args { visit(a.value, depth + 1) } }
            case .call(let target, _, let args, _):
                record(e)
                // `QQQ.rsi(close)` reads QQQ's close, which its own value already shows.
                if target == nil { for a in args { visit(a.value, depth + 1) } }
            case .unary(_, let x, _):
                visit(x, depth + 1)
            case .binary(_, let l, let r, _):
                visit(l, depth + 1)
                visit(r, depth + 1)
            default:
                break
            }
        }
        for e in expressions { visit(e, 0) }
        return first
    }
}
