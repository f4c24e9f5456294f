import TapeCore

/// `paper auto entry EXPR [exit EXPR] [short] [fraction P%] [until DATE]`: the clock runs
/// while a rule places the orders, sized to a share of buying power. With `live SYMBOL`
/// the bars are the symbol's minute bars from Alpaca's stream instead (LiveAuto.swift).
enum PaperAuto {
    static let spec = CommandSpec(
        name: "auto", summary: "run the clock while a rule places the orders (long on entry, flat or short on exit)",
        details: """
            paper auto entry cross(fast, slow) exit cross(slow, fast) fraction 50% until 2019-12-31
            paper auto entry close > sma(close, 5) exit close < sma(close, 5) live SPY seconds 3600
                trades SPY's minute bars from Alpaca's stream as they close (built from its trades;
                with bars 1m, the feed's own), until Ctrl-C, count N messages or seconds N;
                a replay of the session reads the recorded stream: the same decisions and fills
            """,
        effect: .changesState,
        options: [
            .expression("entry", "true/false series over the current dataset: go long where true", required: true),
            .expression("exit", "true/false series: close the long (or go short with short) where true"),
            .flag("short", "exit goes short instead of flat"),
            OptionSpec("fraction", .rate, bounds: Bounds(lower: 0, upper: 1, lowerInclusive: false),
                       help: "share of buying power each entry uses (default 100%)"),
            .date("until", "the last bar time to process (default: the end of the data)"),
            OptionSpec("live", .expression, placeholder: "SYMBOL",
                       help: "trade this symbol's minute bars from Alpaca's stream as they close, not the loaded data"),
            OptionSpec("bars", .expression, placeholder: "1m", help: "with live: the feed's own minute bars instead of bars built from trades"),
            .count("count", "with live: stop after this many market-data messages", bounds: .atLeast(1)),
            .number("seconds", "with live: stop after this many seconds", bounds: .above(0)),
        ],
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        if c.option("live") != nil { return try LiveAuto.run(c) }
        let ledger = try PaperState.of(c).simulated(c, because: PaperClock.alpacaReason)
        let until = PaperRun.endOf(c.date("until") ?? .max)
        let signal = try autoSignal(c)
        try PaperClock.advance(c, ledger, signal: signal) { clock in try ledger.run(&clock, until: until, signal: signal) }
    }

    /// Signals evaluated on the current dataset (indicators see only bars up to each
    /// index, so no look-ahead).
    static func autoSignal(_ c: CommandContext) throws -> AutoSignal {
        let d = try c.dataset(named: nil)
        func series(_ e: Expr) throws -> [Double] {
            guard case .series(let s) = try c.evaluate(e, in: d), s.values.count == d.bars.count else {
                throw TapeError("expected a true/false series over \(d.name)", span: e.span)
            }
            return s.values
        }
        guard let entryExpr = c.option("entry") else {
            throw TapeError("auto needs an entry signal", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        return rule(symbol: d.name.uppercased(), entry: try series(entryExpr), exit: try c.option("exit").map(series),
                    short: c.has("short"), fraction: c.value("fraction") ?? 1)
    }

    /// The rule both `auto` and `auto ... live` trade by: long where entry is true, else
    /// flat (or short) where exit is true.
    static func rule(symbol: String, entry: [Double], exit: [Double]?, short: Bool, fraction: Double) -> AutoSignal {
        AutoSignal(fraction: fraction) { ctx in
            guard ctx.bars.symbol == symbol else { return .hold }
            return target(at: ctx.index, entry: entry, exit: exit, short: short)
        }
    }

    static func target(at i: Int, entry: [Double], exit: [Double]?, short: Bool) -> AutoTarget {
        guard i >= 0, i < entry.count else { return .hold }
        if entry[i] > 0.5 { return .long }
        if let x = exit, i < x.count, x[i] > 0.5 { return short ? .short : .flat }
        return .hold
    }
}
