import TapeCore

/// The engine's settings, declared once for `backtest`, `optimize` and `walkforward`:
/// costs, fills, sizing, exits, entry orders, end of data and dates. The dispatcher
/// converts and checks every value by these declarations (units, ranges, choices); this
/// file only turns the converted values into a `BacktestConfig` and checks what one value
/// cannot say alone (one sizing rule, one end-of-data rule, `limit` after `entry`).
enum EngineOptions {
    /// Below 100%: a commission of the whole value leaves nothing to trade.
    static let costRate = Bounds(lower: 0, upper: 1, upperInclusive: false)
    /// A share of something, above 0 and at most all of it.
    static let share = Bounds(lower: 0, upper: 1, lowerInclusive: false)

    static let declared: [OptionSpec] = [
        .money("cash", "starting cash (default 10000)", bounds: .positive),
        .rate("commission", "commission on the value of every fill", bounds: costRate),
        .rate("fee", "the same as commission", bounds: costRate),
        .money("per_share", "commission per unit traded", bounds: .nonNegative),
        .money("per_order", "commission per order", bounds: .nonNegative),
        // At most 1%: so a bare number meant as basis points (`slippage 5`) is refused
        // with "did you mean 5bp?" instead of being read as 500%.
        .rate("slippage", "every fill this much worse than the price (5bp, 0.05%)", bounds: .from(0, to: 0.01)),
        .choice("fill", ["open", "close"], "market orders fill at the next bar's open (default) or at the signal bar's close"),
        .rate("size", "share of the available equity an entry uses (default all of it)", bounds: share),
        .number("units", "units per entry", bounds: .positive),
        .money("spend", "cash per entry, commission included", bounds: .positive),
        .rate("voltarget", "units for this annualised volatility of the position, at most all of equity", bounds: .positive),
        .number("kelly", "this fraction of the Kelly fraction of recent returns", bounds: share),
        .count("sizing_lookback", "bars of returns voltarget and kelly estimate from (default 20)", bounds: .from(2, to: 100_000)),
        .flag("fractional", "fractional units (default whole units)"),
        .priceOffset("stop", "stop-loss this far from the entry price", bounds: .positive),
        .number("stop_atr", "stop-loss this many ATRs from the entry price", bounds: .positive),
        .priceOffset("target", "take-profit this far from the entry price", bounds: .positive),
        .number("target_atr", "take-profit this many ATRs from the entry price", bounds: .positive),
        .priceOffset("trail", "trailing stop this far behind the best close", bounds: .positive),
        .number("trail_atr", "trailing stop this many ATRs behind the best close", bounds: .positive),
        .count("atr_period", "the ATR period of stop_atr, target_atr and trail_atr (default 14)", bounds: .from(1, to: 100_000)),
        .flag("target_first", "a bar that reaches both the stop and the target exits at the target (default: the stop)"),
        .flag("target_next_bar", "a stop entry's take-profit is judged from the next bar (default: on its fill bar, as backtesting.py)"),
        .flag("entry", "the next option is the entry order: entry limit X or entry stop X"),
        .priceOffset("limit", "after entry: a resting limit this far past the signal close (entry stop X: a resting stop)",
                     bounds: .nonNegative),
        .count("entry_bars", "bars an entry order rests before it is cancelled (default 1)", bounds: .from(1, to: 1_000_000_000)),
        .flag("finalize", "close a trade still open at the last bar's open; with fill close at the close before it (backtesting.py's finalize_trades)"),
        .flag("close_at_end", "close a trade still open at the last bar's close"),
        .dateRange("dates", "trade and measure only the bars in this range"),
    ]

    static let usageHint = "e.g. entry limit 1% (1% below the close for a long, above for a short) or entry stop 2.5 (price units)"

    /// The configuration the options describe, under the session's indicator convention.
    static func config(_ c: CommandContext) throws -> BacktestConfig {
        var config = BacktestConfig(convention: c.workspace.convention)
        if let x = c.value("cash") { config.cash = x }
        if c.value("commission") != nil, c.value("fee") != nil {
            throw TapeError("give commission or fee, not both: they are the same setting", span: c.optionSpan("fee"))
        }
        if let x = c.value("commission") ?? c.value("fee") { config.commission.percent = x }
        if let x = c.value("per_share") { config.commission.perShare = x }
        if let x = c.value("per_order") { config.commission.perOrder = x }
        if let x = c.value("slippage") { config.slippageBps = x * 10_000 }
        if let f = c.text("fill") { config.fill = f == "close" ? .signalClose : .nextOpen }
        let lookback = c.int("sizing_lookback") ?? 20
        let sizes: [(String, Sizing?)] = [
            ("size", c.value("size").map { .fractionOfEquity($0) }),
            ("units", c.value("units").map { .fixedQuantity($0) }),
            ("spend", c.value("spend").map { .fixedCash($0) }),
            ("voltarget", c.value("voltarget").map { .volatilityTarget(annualVolatility: $0, lookback: lookback) }),
            ("kelly", c.value("kelly").map { .kelly(fraction: $0, lookback: lookback) }),
        ]
        let given = sizes.filter { $0.1 != nil }
        if given.count > 1 {
            throw TapeError("give one sizing rule: size, units, spend, voltarget or kelly", span: c.optionSpan(given[1].0))
        }
        if let s = given.first?.1 { config.sizing = s }
        config.wholeUnits = !c.has("fractional")
        let atrPeriod = c.int("atr_period") ?? 14
        let (entry, entryItem) = try entryRule(c)
        config.entry = entry
        func distance(_ key: String) throws -> StopDistance? {
            // `entry stop X` is the entry order, not a stop-loss.
            if let d = try offset(c, key, skipping: entryItem) { return d }
            return c.value(key + "_atr").map { .atr(multiple: $0, period: atrPeriod) }
        }
        config.exits = ExitRules(stopLoss: try distance("stop"), takeProfit: try distance("target"),
                                 trailingStop: try distance("trail"), bothTouched: c.has("target_first") ? .targetFirst : .stopFirst,
                                 entryBarTarget: c.has("target_next_bar") ? .nextBar : .sameBar)
        if c.has("finalize") && c.has("close_at_end") {
            throw TapeError("give finalize (close at the last open) or close_at_end (at the last close), not both",
                            span: c.optionSpan("close_at_end"))
        }
        config.endOfData = c.has("finalize") ? .closeAtLastOpen : c.has("close_at_end") ? .closeAtLastClose : .leaveOpen
        try BacktestRun.core(c) { try config.validate() }
        return config
    }

    /// The distance option `key` (the last one given, leaving out the item `skip` that
    /// `entry` took), as the dispatcher converted it: a percentage, or price units.
    static func offset(_ c: CommandContext, _ key: String, skipping skip: Int?) throws -> StopDistance? {
        if skip == nil {
            return c.priceOffset(key).map { $0.percent ? .percent($0.value) : .amount($0.value) }
        }
        for (k, item) in c.invocation.items.enumerated().reversed() where k != skip {
            guard case .option(key, _, let e?) = item else { continue }
            // The dispatcher has checked every occurrence; this reads the one that counts.
            guard case .priceOffset(let x, let percent) = try ArgumentChecker.priceOffset(e, c, key) else { return nil }
            return percent ? .percent(x) : .amount(x)
        }
        return nil
    }

    /// `entry limit X` / `entry stop X` [`entry_bars N`]: the `entry` flag takes the option
    /// right after it, so in `entry stop 1% stop 5%` the first stop is the entry order and
    /// the second the stop-loss. Returns the rule and the index of the item it took.
    static func entryRule(_ c: CommandContext) throws -> (EntryRule, Int?) {
        let items = c.invocation.items
        var found: (kind: String, value: Expr, index: Int)?
        for (k, item) in items.enumerated() {
            switch item {
            case .option("entry", let span, _):
                guard k + 1 < items.count, case .option(let key, _, let value?) = items[k + 1], key == "limit" || key == "stop" else {
                    throw TapeError("'entry' needs limit X or stop X after it", span: span, hint: usageHint)
                }
                if found != nil { throw TapeError("give one entry rule", span: span) }
                found = (key, value, k + 1)
            case .option("limit", let span, _) where found?.index != k:
                throw TapeError("'limit' must follow entry", span: span, hint: usageHint)
            default: break
            }
        }
        guard let (kind, e, index) = found else {
            if let span = c.optionSpan("entry_bars") { throw TapeError("entry_bars needs an entry order", span: span, hint: usageHint) }
            return (.market, nil)
        }
        let bars = c.int("entry_bars") ?? 1
        // An entry offset may be 0 (a limit at the close), where a stop-loss may not.
        guard case .priceOffset(let x, let percent) = try ArgumentChecker.priceOffset(e, c, "entry \(kind)", bounds: .nonNegative) else {
            return (.market, nil)
        }
        let offset: StopDistance = percent ? .percent(x) : .amount(x)
        return (kind == "limit" ? .limit(offset: offset, bars: bars) : .stop(offset: offset, bars: bars), index)
    }

    /// The bars of `d` that `dates` selects (nil: all of them).
    static func dateRange(_ c: CommandContext, _ d: Dataset) throws -> Range<Int>? {
        guard let (from, to) = c.dateRange("dates") else { return nil }
        let t = d.bars.time
        let lo = t.firstIndex { $0 >= from } ?? t.count
        let hi = (t.lastIndex { $0 <= to } ?? -1) + 1
        guard hi - lo >= 2 else {
            throw TapeError("\(d.name) has fewer than 2 bars in that range (it covers \(d.range))", span: c.option("dates")?.span)
        }
        return lo..<hi
    }
}

extension ArgumentChecker {
    /// One written `priceOffset` value converted by the dispatcher's rule, for options
    /// that occur twice with different roles (`entry stop 1% stop 5%`): the dispatcher
    /// keeps the last occurrence of a key, the command reads the one it needs.
    static func priceOffset(_ e: Expr, _ c: CommandContext, _ name: String, bounds: Bounds = .positive) throws -> ArgumentValue {
        let checker = ArgumentChecker(spec: c.spec, invocation: c.invocation, evaluate: { try c.evaluate($0) })
        return try checker.convert(e, kind: .priceOffset, bounds: bounds, acceptsRange: false, name: name)
    }
}
