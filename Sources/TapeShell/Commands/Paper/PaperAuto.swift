import TapeCore

/// `paper auto entry EXPR [exit EXPR] [short] [fraction P%] [until DATE]`: the clock runs
/// while a rule places the orders, sized to a share of buying power.
enum PaperAuto {
    static let spec = CommandSpec(
        name: "auto", summary: "run the clock while a rule places the orders (long on entry, flat or short on exit)",
        details: "paper auto entry cross(fast, slow) exit cross(slow, fast) fraction 50% until 2019-12-31",
        effect: .changesState,
        options: [
            .expression("entry", "true/false series over the current dataset: go long where true", required: true),
            .expression("exit", "true/false series: close the long (or go short with short) where true"),
            .flag("short", "exit goes short instead of flat"),
            OptionSpec("fraction", .rate, bounds: Bounds(lower: 0, upper: 1, lowerInclusive: false),
                       help: "share of buying power each entry uses (default 100%)"),
            .date("until", "the last bar time to process (default: the end of the data)"),
        ],
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
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
        let entry = try series(entryExpr)
        let exit = try c.option("exit").map(series)
        let short = c.has("short")
        let symbol = d.name.uppercased()
        return AutoSignal(fraction: c.value("fraction") ?? 1) { ctx in
            guard ctx.bars.symbol == symbol, ctx.index < entry.count else { return .hold }
            if entry[ctx.index] > 0.5 { return .long }
            if let x = exit, ctx.index < x.count, x[ctx.index] > 0.5 { return short ? .short : .flat }
            return .hold
        }
    }
}
