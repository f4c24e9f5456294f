import Foundation
import Synchronization
import TapeCore

/// The last backtest, optimisation and walk-forward of the session (what `stats`,
/// `trades`, `equity` and `export stats|trades|equity` read).
final class BacktestState {
    var result: BacktestResult?
    var statistics: Statistics?
    var optimization: OptimizationResult?
    var walkForward: WalkForwardResult?
}

/// backtest, stats, trades, equity, strategies, optimize, walkforward; and the exporters
/// for stats, trades and equity. The engine and statistics live in TapeCore (see
/// docs/BACKTEST.md); this file only turns command words into its configuration.
enum BacktestCommands {
    static var all: [CommandSpec] { [backtest, stats, trades, equity, strategies, optimize, walkforward] }

    static var exporters: [ExporterSpec] {
        [
            ExporterSpec(name: "stats", example: "stats.json", summary: "the last backtest's statistics and assumptions as JSON") { c, _ in
                let (r, s) = try last(c)
                return BacktestExport.statsJSON(s, result: r)
            },
            ExporterSpec(name: "trades", example: "trades.csv", summary: "the last backtest's closed trades as CSV") { c, _ in
                BacktestExport.tradesCSV(try last(c).0.trades)
            },
            ExporterSpec(name: "equity", example: "equity.csv", summary: "the last backtest's equity curve and drawdown as CSV") { c, _ in
                BacktestExport.equityCSV(try last(c).0)
            },
        ]
    }

    // MARK: - Option vocabulary

    /// Engine settings every backtest-running command accepts.
    static let engineKeys = ["cash", "commission", "fee", "per_share", "per_order", "slippage", "fill", "size", "units",
                             "spend", "voltarget", "kelly", "sizing_lookback", "stop", "stop_atr", "target", "target_atr",
                             "trail", "trail_atr", "atr_period", "dates", "limit", "entry_bars"]
    static let engineFlags = ["fractional", "target_first", "finalize", "close_at_end", "entry"]
    /// Every built-in strategy parameter, so `fast 10` parses as an option.
    static let strategyKeys: [String] = {
        var seen = Set<String>()
        return StrategyRegistry.all.flatMap { $0.parameters.map(\.name) }.filter { seen.insert($0).inserted }
    }()
    static let signalFlags = ["long", "exit", "short", "cover"]

    static let engineHelp = """
    Costs:   commission 0.2% (of value; fee is the same) per_share 0.005 per_order 1 slippage 5bp
    Fills:   fill open (next bar's open, the default) | fill close (the signal bar's close)
    Entries: entry limit 1% (a resting buy 1% below the signal close, sell 1% above) | entry stop 1%
             (buy 1% above, sell below) | entry limit 2.5 (price units); entry_bars 3 keeps the order
             3 bars (default 1), then cancels it; it fills once a bar trades through, at the open on a gap
    Sizing:  size 50% (of equity; default all of it) | units 100 | spend 5000 | voltarget 10% | kelly 0.5
             (sizing_lookback 20 bars for voltarget and kelly); fractional allows fractional units
    Exits:   stop 5% | stop 2.5 (price units) | stop_atr 3; target ... | target_atr ...;
             trail 10% | trail 2.5 | trail_atr 3 (atr_period 14); target_first when a bar hits both
    End:     open trades stay open (backtesting.py); finalize closes at the last open, close_at_end at the last close
    Data:    dates 2010-01-01..2015-12-31 limits the bars traded; cash 10000 is the default
    """

    // MARK: - backtest

    static let backtest = CommandSpec(
        name: "backtest",
        usage: "backtest [SYMBOL] STRATEGY [PARAM VALUE ...] [OPTIONS]  |  backtest [SYMBOL] long when EXPR [exit when EXPR] [short when EXPR] [cover when EXPR] [OPTIONS]",
        summary: "run a strategy over a dataset bar by bar and summarise the result (stats, trades, equity for details)",
        details: """
        backtest GOOG sma_cross fast 10 slow 20 cash 10000 commission 0.2%
        backtest SPY long when cross(sma(close, 20), sma(close, 50)) exit when cross(sma(close, 50), sma(close, 20)) fee 0.1%
        (warmup 49 states the bars the signals need, so Buy & Hold is measured from the same bar)
        backtest GOOG sma_cross fast 10 slow 20 entry limit 1% entry_bars 3
        (each entry signal rests a limit 1% past the signal close for 3 bars instead of buying at the open)
        backtest SPY, QQQ, IWM xs_momentum lookback 126 top 1 rebalance 21 weighting ranked
        backtest SPY, TLT equal_weight rebalance 63
        Strategies and their parameters: strategies. Orders decided on a bar's close fill at
        the next bar's open unless fill close is given; the result states every assumption.
        """ + "\n" + engineHelp,
        effect: .changesState,
        keys: strategyKeys + engineKeys + ["when", "weighting", "warmup"],
        flags: engineFlags + signalFlags
    ) { c in
        // Checked first so `entry 1%` is reported as a bad entry rule, not a stray argument.
        _ = try entryRule(c)
        let positionals = c.positionals
        // The strategy is the last positional that names one; datasets come before it.
        let strategyIndex = positionals.lastIndex { e in e.word.map { StrategyRegistry.names.contains($0.lowercased()) } ?? false }
        if let k = strategyIndex {
            let info = try StrategyRegistry.named(try c.word(positionals[k], "a strategy name"))
            let symbols = Array(positionals[..<k])
            guard positionals.count == k + 1 else {
                throw TapeError("unexpected argument after the strategy", span: positionals[k + 1].span,
                                hint: "parameters are written NAME VALUE: \(info.usage)")
            }
            if info.kind == .portfolio {
                keep(c, try runPortfolio(c, info: info, symbols: symbols))
                return
            }
            guard symbols.count <= 1 else {
                throw TapeError("\(info.name) trades one symbol", span: symbols[1].span, hint: "several symbols: xs_momentum")
            }
            let d = try c.dataset(named: symbols.first)
            let parameters = try strategyParameters(c, info)
            var strategy = try core(c) { try info.make(bars: d.bars, parameters: parameters, convention: c.workspace.convention) }
            keep(c, try run(c, &strategy, on: d))
            return
        }
        // Signal form: backtest [SYMBOL] long when EXPR ...
        let signals = try signalExpressions(c)
        guard !signals.isEmpty else {
            let hint = positionals.last.flatMap { $0.word }.flatMap { Suggest.hint($0, in: StrategyRegistry.names) }
            throw TapeError("backtest needs a strategy or signals", span: positionals.last?.span ?? c.span,
                            hint: hint ?? "e.g. backtest SPY sma_cross fast 10 slow 20, or backtest SPY long when EXPR exit when EXPR; strategies lists them")
        }
        guard positionals.count <= 1 else {
            throw TapeError("unexpected argument", span: positionals[1].span, hint: "signals are written: long when EXPR exit when EXPR")
        }
        let d = try c.dataset(named: positionals.first)
        func values(_ key: String) throws -> [Double]? {
            guard let e = signals[key] else { return nil }
            return try signalValues(c, e, on: d)
        }
        let name = ["long", "exit", "short", "cover"].compactMap { k in signals[k].map { "\(k) when \(c.invocation.text(of: $0))" } }.joined(separator: " ")
        let (long, exit, short, cover) = (try values("long"), try values("exit"), try values("short"), try values("cover"))
        var strategy = try core(c) {
            try SignalStrategy(name: name, count: d.bars.count, entryLong: long, exitLong: exit, entryShort: short, exitShort: cover)
        }
        // Signals that are plain 0/1 (a crossover) carry no NaN to show the indicators'
        // warm-up; `warmup N` states it, so Buy & Hold starts where the strategy could.
        if let (w, _, span) = try number(c, "warmup") {
            guard w >= 0, w == w.rounded(), w < Double(d.bars.count) else {
                throw TapeError("warmup must be a whole number of bars below \(d.bars.count)", span: span)
            }
            strategy.warmup = Int(w)
        }
        keep(c, try run(c, &strategy, on: d))
    }

    /// Runs TapeCore code, turning its errors into the shell's error at the command.
    static func core<T>(_ c: CommandContext, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as BacktestError { throw TapeError(e.description, span: c.span) }
    }

    /// Makes `r` the last backtest (what stats, trades, equity and the exports read) and
    /// prints its summary from the statistics computed once here.
    static func keep(_ c: CommandContext, _ r: BacktestResult) {
        let state = c.workspace.state { BacktestState() }
        let s = BacktestStatistics.compute(r)
        state.result = r
        state.statistics = s
        printSummary(c, r, statistics: s)
    }

    /// Runs a single-symbol strategy with the command's engine settings and dates.
    static func run(_ c: CommandContext, _ strategy: inout SignalStrategy, on d: Dataset) throws -> BacktestResult {
        try run(c, &strategy, on: d, config: try engineConfig(c), range: try dateRange(c, d))
    }

    static func run(_ c: CommandContext, _ strategy: inout SignalStrategy, on d: Dataset,
                    config: BacktestConfig, range: Range<Int>?) throws -> BacktestResult {
        try core(c) { try Backtester.run(&strategy, bars: d.bars, config: config, range: range, cancel: Interrupts.cancelCheck) }
    }

    static func printSummary(_ c: CommandContext, _ r: BacktestResult, statistics s: Statistics) {
        c.print("\(r.symbol) \(r.strategyName)  \(CivilTime.format(r.time.first ?? 0))..\(CivilTime.format(r.time.last ?? 0)) (\(r.time.count) bars)")
        let open = r.openTrades.isEmpty ? "" : " (+\(r.openTrades.count) open at the end)"
        c.print("trades \(r.trades.count)\(open)  return \(pct(s.returnPercent))  buy & hold \(pct(s.buyAndHoldReturnPercent))"
                + "  Sharpe \(Format.fixed(s.sharpeRatio, 2))  max drawdown \(pct(s.maxDrawdownPercent))")
        let a = r.assumptions.lines.filter { ["fill", "entry", "commission", "slippage", "sizing", "stop loss", "take profit", "trailing stop"].contains($0.0) }
        c.print("assumptions: " + a.map { "\($0.0) \($0.1)" }.joined(separator: "; "))
    }

    static func pct(_ x: Double) -> String { Format.fixed(x, 2) + "%" }

    // MARK: - Reading options

    static func strategyParameters(_ c: CommandContext, _ info: StrategyInfo) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for p in info.parameters {
            guard let e = c.option(p.name) else { continue }
            switch try c.evaluate(e) {
            case .number(let x): out[p.name] = x
            case .bool(let b): out[p.name] = b ? 1 : 0
            case let v: throw TapeError("\(p.name) must be a number, got \(v.typeName)", span: e.span)
            }
        }
        try rejectOtherParameters(c, info)
        return try core(c) { try info.resolve(out) }
    }

    /// A parameter of another strategy is a mistake worth naming.
    static func rejectOtherParameters(_ c: CommandContext, _ info: StrategyInfo) throws {
        for k in strategyKeys where c.option(k) != nil && !info.parameters.contains(where: { $0.name == k }) {
            throw TapeError("\(info.name) has no parameter '\(k)'", span: c.optionSpan(k),
                            hint: info.parameters.isEmpty ? "it takes none" : "it takes " + info.parameters.map(\.name).joined(separator: ", "))
        }
    }

    /// `long when EXPR`, `exit when EXPR`, ...: a signal flag followed by a `when` option.
    static func signalExpressions(_ c: CommandContext) throws -> [String: Expr] {
        var out: [String: Expr] = [:]
        var pending: (String, Span)?
        for item in c.invocation.items {
            switch item {
            case .option(let key, let span, nil) where signalFlags.contains(key):
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

    static func signalValues(_ c: CommandContext, _ e: Expr, on d: Dataset) throws -> [Double] {
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

    /// The value of option `key` (the last if repeated), ignoring the item at `skip`.
    /// A whole-number option within `range`, nil when not given. Out of range is an error
    /// (it used to be clamped without a word: `trials 1e300` ran 200,000 trials).
    static func count(_ c: CommandContext, _ key: String, _ range: ClosedRange<Int>) throws -> Int? {
        guard let (x, _, span) = try number(c, key) else { return nil }
        guard x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            throw TapeError("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(Format.number(x))", span: span)
        }
        return Int(x)
    }

    static func number(_ c: CommandContext, _ key: String, skipping skip: Int? = nil) throws -> (Double, NumberUnit?, Span)? {
        let found = c.invocation.items.enumerated().reversed().lazy.compactMap { k, item -> Expr? in
            if k != skip, case .option(key, _, let v?) = item { return v }
            return nil
        }.first
        guard let e = found else { return nil }
        let unit: NumberUnit? = { if case .number(_, let u, _) = e { return u }; return nil }()
        switch try c.evaluate(e) {
        case .number(let x):
            guard x.isFinite else { throw TapeError("\(key) must be a finite number", span: e.span) }
            return (x, unit, e.span)
        case let v: throw TapeError("\(key) must be a number, got \(v.typeName)", span: e.span)
        }
    }

    static func engineConfig(_ c: CommandContext) throws -> BacktestConfig {
        var config = BacktestConfig(convention: c.workspace.convention)
        if let (x, _, _) = try number(c, "cash") { config.cash = x }
        if let (x, _, _) = try number(c, "commission") ?? number(c, "fee") { config.commission.percent = x }
        if let (x, _, _) = try number(c, "per_share") { config.commission.perShare = x }
        if let (x, _, _) = try number(c, "per_order") { config.commission.perOrder = x }
        if let (x, unit, _) = try number(c, "slippage") {
            // 5bp and 0.05% are fractions once evaluated; a bare number is basis points.
            config.slippageBps = unit == nil ? x : x * 10_000
        }
        if let e = c.option("fill") {
            switch try c.word(e, "open or close").lowercased() {
            case "open", "next_open": config.fill = .nextOpen
            case "close": config.fill = .signalClose
            default: throw TapeError("fill must be open (next bar's open) or close (the signal bar's close)", span: e.span)
            }
        }
        let lookback = try count(c, "sizing_lookback", 2...100_000) ?? 20
        var sizes: [(Sizing, Span)] = []
        if let (x, _, s) = try number(c, "size") { sizes.append((.fractionOfEquity(x), s)) }
        if let (x, _, s) = try number(c, "units") { sizes.append((.fixedQuantity(x), s)) }
        if let (x, _, s) = try number(c, "spend") { sizes.append((.fixedCash(x), s)) }
        if let (x, _, s) = try number(c, "voltarget") { sizes.append((.volatilityTarget(annualVolatility: x, lookback: lookback), s)) }
        if let (x, _, s) = try number(c, "kelly") { sizes.append((.kelly(fraction: x, lookback: lookback), s)) }
        if sizes.count > 1 { throw TapeError("give one sizing rule: size, units, spend, voltarget or kelly", span: sizes[1].1) }
        if let (s, _) = sizes.first { config.sizing = s }
        config.wholeUnits = !c.has("fractional")
        let atrPeriod = try count(c, "atr_period", 1...100_000) ?? 14
        let (entry, entryItem) = try entryRule(c)
        config.entry = entry
        func distance(_ key: String) throws -> StopDistance? {
            // `entry stop X` is the entry order, not a stop-loss.
            if let (x, unit, _) = try number(c, key, skipping: entryItem) { return unit == .percent || unit == .basisPoints ? .percent(x) : .amount(x) }
            if let (x, _, _) = try number(c, key + "_atr") { return .atr(multiple: x, period: atrPeriod) }
            return nil
        }
        config.exits = ExitRules(stopLoss: try distance("stop"), takeProfit: try distance("target"),
                                 trailingStop: try distance("trail"), bothTouched: c.has("target_first") ? .targetFirst : .stopFirst)
        if c.has("finalize") && c.has("close_at_end") {
            throw TapeError("give finalize (close at the last open) or close_at_end (at the last close), not both", span: c.span)
        }
        config.endOfData = c.has("finalize") ? .closeAtLastOpen : c.has("close_at_end") ? .closeAtLastClose : .leaveOpen
        try core(c) { try config.validate() }
        return config
    }

    /// `entry limit X` / `entry stop X` [`entry_bars N`]: the `entry` flag takes the option
    /// right after it, so in `entry stop 1% stop 5%` the first stop is the entry order and
    /// the second the stop-loss. Returns the rule and the index of the item it consumed.
    static func entryRule(_ c: CommandContext) throws -> (EntryRule, Int?) {
        let items = c.invocation.items
        let usage = "e.g. entry limit 1% (1% below the close for a long, above for a short) or entry stop 2.5 (price units)"
        var found: (kind: String, value: Expr, index: Int)?
        for (k, item) in items.enumerated() {
            switch item {
            case .option("entry", let span, let v):
                guard v == nil, k + 1 < items.count, case .option(let key, _, let value?) = items[k + 1], key == "limit" || key == "stop" else {
                    throw TapeError("'entry' needs limit X or stop X after it", span: span, hint: usage)
                }
                if found != nil { throw TapeError("give one entry rule", span: span) }
                found = (key, value, k + 1)
            case .option("limit", let span, _) where found?.index != k:
                throw TapeError("'limit' must follow entry", span: span, hint: usage)
            default: break
            }
        }
        let life = try number(c, "entry_bars")
        guard let (kind, e, index) = found else {
            if let (_, _, span) = life { throw TapeError("entry_bars needs an entry order", span: span, hint: usage) }
            return (.market, nil)
        }
        var bars = 1
        if let (n, _, span) = life {
            guard n >= 1, n <= 1_000_000_000, n == n.rounded() else {
                throw TapeError("entry_bars must be a whole number of bars from 1", span: span)
            }
            bars = Int(n)
        }
        let unit: NumberUnit? = { if case .number(_, let u, _) = e { return u }; return nil }()
        guard case .number(let x) = try c.evaluate(e), x.isFinite, x >= 0 else {
            throw TapeError("the entry \(kind) offset must be a percentage (1%) or a price amount (2.5), zero or more", span: e.span)
        }
        if unit == .percent || unit == .basisPoints, x >= 1 {
            throw TapeError("the entry \(kind) offset must be below 100%", span: e.span)
        }
        // As for stops: 1% and 50bp are fractions of the signal close, a bare number is price units.
        let offset: StopDistance = unit == .percent || unit == .basisPoints ? .percent(x) : .amount(x)
        return (kind == "limit" ? .limit(offset: offset, bars: bars) : .stop(offset: offset, bars: bars), index)
    }

    static func dateRange(_ c: CommandContext, _ d: Dataset) throws -> Range<Int>? {
        guard let e = c.option("dates") else { return nil }
        guard case .dateRange(let from, let to) = try c.evaluate(e) else {
            throw TapeError("dates must be a date range like 2010-01-01..2015-12-31", span: e.span)
        }
        let t = d.bars.time
        let lo = t.firstIndex { $0 >= from } ?? t.count
        let hi = (t.lastIndex { $0 <= to } ?? -1) + 1
        guard hi - lo >= 2 else { throw TapeError("\(d.name) has fewer than 2 bars in that range (it covers \(d.range))", span: e.span) }
        return lo..<hi
    }

    static func runPortfolio(_ c: CommandContext, info: StrategyInfo, symbols: [Expr]) throws -> BacktestResult {
        guard !symbols.isEmpty else { throw TapeError("\(info.name) needs the symbols to choose from: backtest SPY, QQQ, IWM \(info.name)", span: c.span) }
        let datasets = try symbols.map { try c.dataset(named: $0) }
        let engine = try engineConfig(c)
        guard engine.entry == .market else {
            throw TapeError("\(info.name) rebalances at the next open; entry limit and entry stop are for single-symbol strategies", span: c.optionSpan("entry") ?? c.span)
        }
        var config = PortfolioConfig(cash: engine.cash, commission: engine.commission, slippageBps: engine.slippageBps,
                                     wholeUnits: engine.wholeUnits)
        if let e = c.option("weighting") {
            guard let w = PortfolioWeighting(rawValue: try c.word(e, "equal or ranked").lowercased()) else {
                throw TapeError("weighting must be equal or ranked", span: e.span)
            }
            config.weighting = w
        }
        var params: [String: Double] = [:]
        for p in info.parameters { if let (x, _, _) = try number(c, p.name) { params[p.name] = x } }
        try rejectOtherParameters(c, info)
        let bars = datasets.map(\.bars)
        return try core(c) {
            info.name == "equal_weight"
                ? try PortfolioBacktester.equalWeight(symbols: bars, parameters: params, config: config).result
                : try PortfolioBacktester.crossSectionalMomentum(symbols: bars, parameters: params, config: config).result
        }
    }

    static func last(_ c: CommandContext) throws -> (BacktestResult, Statistics) {
        let state = c.workspace.state { BacktestState() }
        guard let r = state.result, let s = state.statistics else {
            throw TapeError("no backtest has run yet", span: c.span, hint: "e.g. backtest SPY sma_cross fast 10 slow 20")
        }
        return (r, s)
    }

    // MARK: - stats, trades, equity, strategies

    static let stats = CommandSpec(
        name: "stats", usage: "stats",
        summary: "every statistic of the last backtest (backtesting.py's set and order) and the assumptions behind it",
        effect: .query, maxPositional: 0
    ) { c in
        let (r, s) = try last(c)
        c.print("\(r.symbol) \(r.strategyName)")
        for line in BacktestExport.statsTable(s).split(separator: "\n") { c.print(String(line)) }
        c.print("assumptions:")
        for (k, v) in r.assumptions.lines { c.print("  \(k): \(v)") }
    }

    static let trades = CommandSpec(
        name: "trades", usage: "trades [N]",
        summary: "the last backtest's closed trades (the last N), then any trade still open",
        effect: .query, maxPositional: 1
    ) { c in
        let (r, _) = try last(c)
        var list = r.trades
        if let e = c.positionals.first {
            guard case .number(let n) = try c.evaluate(e), n >= 1, n == n.rounded(), n < 1e9 else {
                throw TapeError("N must be a whole number of trades", span: e.span)
            }
            list = Array(list.suffix(Int(n)))
        }
        var t = TextTable(["#", "size", "entry", "exit", "entry price", "exit price", "pnl", "return %", "days", "exit by"])
        let first = r.trades.count - list.count
        for (k, x) in list.enumerated() {
            t.add([String(first + k + 1), Format.number(x.size), CivilTime.format(x.entryTime), CivilTime.format(x.exitTime),
                   Format.fixed(x.entryPrice, 2), Format.fixed(x.exitPrice, 2), Format.fixed(x.pnl, 2),
                   Format.fixed(x.returnPct * 100, 2), Format.number(x.durationDays), x.exitReason.rawValue])
        }
        c.print(table: t)
        for o in r.openTrades {
            c.print("open: \(Format.number(o.size)) since \(CivilTime.format(o.entryTime)) at \(Format.fixed(o.entryPrice, 2)), unrealised \(Format.fixed(o.unrealizedPnL, 2))")
        }
    }

    static let equity = CommandSpec(
        name: "equity", usage: "equity",
        summary: "the last backtest's equity at each year end with its drawdown, and its chart (export equity to FILE for every bar)",
        effect: .query, maxPositional: 0
    ) { c in
        let (r, s) = try last(c)
        let dd = BacktestStatistics.drawdowns(r.equity)
        var t = TextTable(["date", "equity", "drawdown %"])
        let years = r.time.map { CivilTime.civil(days: CivilTime.day($0)).year }
        for k in r.time.indices {
            if k + 1 == years.count || years[k] != years[k + 1] {
                t.add([CivilTime.format(r.time[k]), Format.fixed(r.equity[k], 2), Format.fixed(-dd[k] * 100, 2)])
            }
        }
        c.print(table: t)
        c.print("peak \(Format.fixed(s.equityPeak, 2))  final \(Format.fixed(s.equityFinal, 2))  max drawdown \(pct(s.maxDrawdownPercent))")
        try ChartCommands.show(.equity(EquityChart(r)), c)
    }

    static let strategies = CommandSpec(
        name: "strategies", usage: "strategies [NAME]",
        summary: "list the built-in strategies with their parameters and defaults, or explain one",
        effect: .meta, maxPositional: 1
    ) { c in
        if let e = c.positionals.first {
            let name = try c.word(e, "a strategy name")
            let info: StrategyInfo
            do { info = try StrategyRegistry.named(name) } catch let err as BacktestError { throw TapeError(err.description, span: e.span) }
            c.print("\(info.usage)")
            c.print("  \(info.help)\(info.kind == .portfolio ? " (several symbols)" : "")")
            for p in info.parameters { c.print("  \(p.name) \(StrategyRegistry.format(p.defaultValue)): \(p.help)") }
            return
        }
        for line in StrategyRegistry.listing { c.print(line) }
    }

    // MARK: - optimize, walkforward

    static let searchKeys = ["maximize", "method", "trials", "population", "generations", "seed", "where", "show"]

    /// What optimize and walkforward both read: the strategy and dataset, the parameter
    /// space, the search method, the objective, the constraint and the engine settings.
    struct SearchRequest {
        let info: StrategyInfo, dataset: Dataset
        let space: [ParameterRange], fixed: [String: Double]
        let method: SearchMethod, objective: String
        let constraint: Optimizer.Constraint?
        let config: BacktestConfig

        init(_ c: CommandContext) throws {
            (info, dataset) = try optimizationTarget(c)
            (space, fixed) = try searchSpace(c, info)
            method = try searchMethod(c)
            objective = try objectiveKey(c)
            constraint = try constraintOf(c, info, space, fixed)
            config = try engineConfig(c)
        }
    }

    /// Runs a search with a progress line (not in replays) that Ctrl-C can stop.
    static func withProgress<T>(_ c: CommandContext, _ label: String,
                                _ body: (_ progress: @escaping @Sendable (Int, Int) -> Void, _ cancel: @escaping @Sendable () -> Bool) throws -> T) throws -> T {
        let progress = ProgressLine(label: label, enabled: c.session.terminal.progress && !c.session.replaysAFile)
        defer { progress.finish() }
        return try core(c) { try body({ progress.update($0, $1) }, Interrupts.cancelCheck) }
    }

    static let optimize = CommandSpec(
        name: "optimize",
        usage: "optimize [SYMBOL] STRATEGY PARAM FROM..TO [step S] ... [maximize STAT] [method grid|random|lhs|genetic] [trials N] [where EXPR] [OPTIONS]",
        summary: "search a strategy's parameters for the best statistic, with the deflated Sharpe ratio beside the best",
        details: """
        optimize GOOG sma_cross fast 5..50 step 5 slow 20..100 step 10 maximize sharpe
        optimize GOOG sma_cross fast 5..50 slow 20..200 method genetic population 30 generations 20 where fast < slow
        maximize takes any statistic name ("Return [%]") or sharpe, sortino, calmar, return, cagr, sqn,
        profit_factor, win_rate; fast < slow is assumed when both are searched. method random and lhs
        take trials N (default 200), genetic population (30) and generations (20); seed defaults to
        the session's (set seed). The best parameters are then backtested: stats, trades, equity show it.
        """ + "\n" + engineHelp,
        effect: .changesState,
        keys: strategyKeys + engineKeys + searchKeys,
        flags: engineFlags
    ) { c in
        let q = try SearchRequest(c)
        let (info, d, space, fixed, method, objective, constraint, config) = (q.info, q.dataset, q.space, q.fixed, q.method, q.objective, q.constraint, q.config)
        let range = try dateRange(c, d)
        let result = try withProgress(c, "optimize") { progress, cancel in
            try Optimizer.optimize(strategy: info, bars: d.bars, config: config, range: range, space: space, fixed: fixed,
                                   method: method, maximize: objective, constraint: constraint, progress: progress, cancel: cancel)
        }
        let state = c.workspace.state { BacktestState() }
        state.optimization = result
        let shown = try count(c, "show", 1...1_000) ?? 10
        var t = TextTable(result.names + [objective, "Return [%]", "# Trades"])
        for trial in result.trials.prefix(shown) {
            let s = trial.outcome.statistics
            t.add(trial.values.map { Format.number($0) } + [Format.fixed(trial.score, 4), Format.fixed(s?.returnPercent ?? .nan, 2),
                                                             s.map { String($0.trades) } ?? "NaN"])
        }
        c.print("\(d.name) \(info.name): \(result.trials.count) trials (\(method.description))" + (result.rejected > 0 ? ", \(result.rejected) excluded by the constraint" : ""))
        c.print(table: t)
        guard let best = result.best else {
            c.print("no trial produced a finite \(objective)")
            return
        }
        let params = fixed.merging(result.parameters(best)) { $1 }
        if let dsr = result.deflatedSharpe {
            c.print("best \(objective) \(Format.fixed(best.score, 4)) at " + params.sorted { $0.key < $1.key }.map { "\($0.key) \(Format.number($0.value))" }.joined(separator: ", "))
            c.print("deflated Sharpe ratio \(Format.fixed(dsr.probability, 4)) over \(dsr.trials) trials: the best per-bar Sharpe \(Format.fixed(dsr.sharpe, 4))"
                    + " vs \(Format.fixed(dsr.expectedMaxSharpe, 4)) expected from the best of \(dsr.trials) unskilled trials (Bailey & López de Prado 2014)")
        }
        var strategy = try core(c) { try info.make(bars: d.bars, parameters: params, convention: c.workspace.convention) }
        keep(c, try run(c, &strategy, on: d, config: config, range: range))
        // A two-parameter search is also shown as a heatmap, so a lone lucky cell
        // stands out from a broad plateau.
        if let heatmap = HeatmapChart(result) { try ChartCommands.show(.heatmap(heatmap), c) }
    }

    static let walkforward = CommandSpec(
        name: "walkforward",
        usage: "walkforward [SYMBOL] STRATEGY PARAM FROM..TO [step S] ... train 2y test 6m [anchored] [maximize STAT] [OPTIONS]",
        summary: "optimise on each training window and test the winner on the following window: in-sample vs out-of-sample",
        details: """
        walkforward GOOG sma_cross fast 5..30 step 5 slow 20..100 step 20 train 2y test 6m
        Rolling windows slide by the test length; anchored keeps every training window starting
        at the first bar. Test windows never overlap training data. Search options as in optimize.
        """ + "\n" + engineHelp,
        effect: .changesState,
        keys: strategyKeys + engineKeys + searchKeys + ["train", "test"],
        flags: engineFlags + ["anchored"]
    ) { c in
        let q = try SearchRequest(c)
        let (info, d, space, fixed, method, objective, constraint, config) = (q.info, q.dataset, q.space, q.fixed, q.method, q.objective, q.constraint, q.config)
        func length(_ key: String, _ fallback: WindowLength) throws -> WindowLength {
            guard let e = c.option(key) else { return fallback }
            guard case .duration(let n, let unit) = try c.evaluate(e), n >= 1, n == n.rounded(), n < 10_000 else {
                throw TapeError("\(key) must be a whole duration like 2y, 6m, 13w or 90d", span: e.span)
            }
            switch unit {
            case .years: return .months(Int(n) * 12)
            case .months: return .months(Int(n))
            case .weeks: return .days(Int(n) * 7)
            case .days: return .days(Int(n))
            default: throw TapeError("\(key) must be in days, weeks, months or years", span: e.span)
            }
        }
        let train = try length("train", .years(2)), test = try length("test", .months(6))
        // `dates` limits the bars the windows are laid over, as it limits a backtest's.
        let bars = try dateRange(c, d).map { d.bars.rows($0) } ?? d.bars
        let result = try withProgress(c, "walkforward") { progress, cancel in
            try WalkForward.run(strategy: info, bars: bars, config: config, space: space, fixed: fixed, method: method,
                                maximize: objective, constraint: constraint, train: train, test: test,
                                mode: c.has("anchored") ? .anchored : .rolling, progress: progress, cancel: cancel)
        }
        let state = c.workspace.state { BacktestState() }
        state.walkForward = result
        c.print("\(d.name) \(info.name): \(result.steps.count) windows, train \(train.description), test \(test.description), \(result.mode.rawValue); maximising \(objective)")
        for line in result.table(time: bars.time).split(separator: "\n") { c.print(String(line)) }
        let ins = result.steps.map { $0.inSample.number(objective) }.filter(\.isFinite)
        let oos = result.steps.map { $0.outOfSample.number(objective) }.filter(\.isFinite)
        func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }
        c.print("mean \(objective): in-sample \(Format.fixed(mean(ins), 4)), out-of-sample \(Format.fixed(mean(oos), 4))")
        if let joined = result.outOfSample {
            // The joined out-of-sample run becomes "the last backtest": stats, trades,
            // equity and the exports show the honest figure.
            c.print("out-of-sample, all test windows joined (stats, trades, equity show it):")
            keep(c, joined)
        }
    }

    static func optimizationTarget(_ c: CommandContext) throws -> (StrategyInfo, Dataset) {
        let p = c.positionals
        guard let k = p.lastIndex(where: { e in e.word.map { StrategyRegistry.names.contains($0.lowercased()) } ?? false }) else {
            let hint = p.last.flatMap { $0.word }.flatMap { Suggest.hint($0, in: StrategyRegistry.names) }
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
    static func searchSpace(_ c: CommandContext, _ info: StrategyInfo) throws -> ([ParameterRange], [String: Double]) {
        var space: [ParameterRange] = [], fixed: [String: Double] = [:]
        for p in info.parameters {
            guard let e = c.option(p.name) else { continue }
            switch try c.evaluate(e) {
            case .numberRange(let a, let b, let step):
                let explicitStep: Bool = { if case .range(_, _, .some, _) = e { return true }; return false }()
                space.append(ParameterRange(p.name, a, b, step: explicitStep ? step : nil, integer: p.isInteger))
            case .number(let x): fixed[p.name] = x
            case let v: throw TapeError("\(p.name) must be a range like 5..50 step 5 or a number, got \(v.typeName)", span: e.span)
            }
        }
        try rejectOtherParameters(c, info)
        guard !space.isEmpty else {
            throw TapeError("give at least one parameter range", span: c.span, hint: "e.g. " + (info.parameters.first.map { "\($0.name) 5..50 step 5" } ?? ""))
        }
        return (space, fixed)
    }

    static func searchMethod(_ c: CommandContext) throws -> SearchMethod {
        let seed = try count(c, "seed", 0...9_000_000_000_000_000).map { UInt64($0) } ?? c.session.seed
        let trials = try count(c, "trials", 1...200_000) ?? 200
        guard let e = c.option("method") else { return .grid }
        switch try c.word(e, "grid, random, lhs or genetic").lowercased() {
        case "grid": return .grid
        case "random": return .random(trials: trials, seed: seed)
        case "lhs", "latin": return .latinHypercube(trials: trials, seed: seed)
        case "genetic", "ga":
            let pop = try count(c, "population", 4...10_000) ?? 30
            let gens = try count(c, "generations", 1...10_000) ?? 20
            // The grid's limit: more trials than that look like a hang.
            guard pop * gens <= 200_000 else {
                throw TapeError("population × generations is \(pop * gens) trials; at most 200000", span: c.option("population")?.span)
            }
            return .genetic(population: pop, generations: gens, seed: seed)
        case let m: throw TapeError("unknown search method '\(m)'", span: e.span, hint: Suggest.hint(m, in: ["grid", "random", "lhs", "genetic"]) ?? "grid, random, lhs or genetic")
        }
    }

    static let objectiveAliases = ["sharpe": "Sharpe Ratio", "sortino": "Sortino Ratio", "calmar": "Calmar Ratio",
                                   "return": "Return [%]", "cagr": "CAGR [%]", "sqn": "SQN", "profit_factor": "Profit Factor",
                                   "win_rate": "Win Rate [%]", "expectancy": "Expectancy [%]", "equity": "Equity Final [$]"]

    static func objectiveKey(_ c: CommandContext) throws -> String {
        guard let e = c.option("maximize") else { return "Sharpe Ratio" }
        let text: String
        if let w = e.word { text = w } else if case .string(let s) = try c.evaluate(e) { text = s } else {
            throw TapeError("maximize takes a statistic name", span: e.span)
        }
        if let k = objectiveAliases[text.lowercased()] { return k }
        if BacktestStatistics.numericKeys.contains(text) { return text }
        throw TapeError("cannot maximise '\(text)'", span: e.span,
                        hint: Suggest.hint(text.lowercased(), in: Array(objectiveAliases.keys)) ?? "e.g. sharpe, return, calmar, or a name from stats in quotes")
    }

    /// `where EXPR` over parameter names (`fast < slow and slow <= 4 * fast`); without it,
    /// fast < slow when both are searched.
    static func constraintOf(_ c: CommandContext, _ info: StrategyInfo, _ space: [ParameterRange],
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
        // Check the expression once so a typo fails before thousands of trials.
        _ = try Constraint.evaluate(e, base)
        return { p in ((try? Constraint.evaluate(e, base.merging(p) { $1 })) ?? 0) != 0 }
    }
}

/// Evaluates a `where` expression over parameter values: numbers, parameter names,
/// + - * /, comparisons, and/or/not. Separate from the series evaluator because it runs
/// on worker threads, once per trial, over plain numbers.
enum Constraint {
    static func evaluate(_ e: Expr, _ p: [String: Double]) throws -> Double {
        switch e {
        case .number(let v, nil, _): return v
        case .name(let n, let span):
            guard let v = p[n.lowercased()] else {
                throw TapeError("'\(n)' is not a parameter of this strategy", span: span, hint: Suggest.hint(n.lowercased(), in: Array(p.keys)))
            }
            return v
        case .unary(let op, let x, let span):
            let v = try evaluate(x, p)
            switch op {
            case "-": return -v
            case "not": return v == 0 ? 1 : 0
            default: throw TapeError("'\(op)' is not allowed in a constraint", span: span)
            }
        case .binary(let op, let l, let r, let span):
            let a = try evaluate(l, p), b = try evaluate(r, p)
            switch op {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            case "/": return a / b
            case "<": return a < b ? 1 : 0
            case "<=": return a <= b ? 1 : 0
            case ">": return a > b ? 1 : 0
            case ">=": return a >= b ? 1 : 0
            case "==": return a == b ? 1 : 0
            case "!=": return a != b ? 1 : 0
            case "and": return a != 0 && b != 0 ? 1 : 0
            case "or": return a != 0 || b != 0 ? 1 : 0
            default: throw TapeError("'\(op)' is not allowed in a constraint", span: span)
            }
        default:
            throw TapeError("a constraint compares parameters and numbers, e.g. fast < slow", span: e.span)
        }
    }
}

/// A progress bar on standard error, only when it is a terminal, so captured output and
/// `--check` never see it. Updates come from worker threads; redrawn at most 100 times.
final class ProgressLine: Sendable {
    let label: String
    let enabled: Bool
    private let state = Mutex((shown: -1, drawn: false))

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        // Written under the lock, so two workers never interleave their redraws.
        state.withLock { s in
            guard percent != s.shown else { return }
            s.shown = percent
            s.drawn = true
            let bar = String(repeating: "#", count: percent / 4) + String(repeating: ".", count: 25 - percent / 4)
            StandardStreams.write("\r\(label) [\(bar)] \(done)/\(total)", to: 2)
        }
    }

    func finish() {
        state.withLock { s in
            if s.drawn { StandardStreams.write("\r\u{1B}[K", to: 2) }
            s.drawn = false
        }
    }
}
