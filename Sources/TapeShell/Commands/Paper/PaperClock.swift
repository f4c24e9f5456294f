import TapeCore
import TapeData

/// The simulator's clock over the loaded data (docs/PAPER.md, "The clock"): shared by
/// `paper step`, `run` and `auto`, and the rule that starts it when an order comes first.
///
/// The clock starts where the user first asks for it. `step`, `run` or `auto` first:
/// at the data's first bar, to walk through it. An order first: at the last bar of the
/// current dataset, so `load SPY` then `paper buy 10 SPY` trades at the end of the data,
/// like an order placed today, and fills on the next bar loaded after it.
enum PaperClock {
    /// Every loaded dataset, each named for its symbol.
    static func series(_ c: CommandContext) -> [Bars] {
        c.workspace.datasetOrder.compactMap { c.workspace.datasets[$0] }.map { d in
            var b = d.bars
            b.symbol = d.name.uppercased()
            return b
        }
    }

    /// An order before the clock has run: start it at the current dataset's last bar,
    /// and say so. Nothing happens once the clock has run, or with no data loaded (the
    /// order is then refused for want of a price, naming the symbol).
    static func startForOrder(_ c: CommandContext, _ ledger: Ledger) throws {
        guard try PaperState.call(c, { try ledger.cursor() }) == nil, let d = c.workspace.current, let last = d.bars.time.last else {
            return
        }
        var clock = MarketClock(series: series(c))
        try PaperState.call(c) { try ledger.start(&clock, at: last) }
        c.print("paper clock starts at \(CivilTime.format(last)), the last bar of \(d.name): orders fill on later bars "
                + "(to walk the data from its first bar: paper reset, then paper step)")
    }

    /// Moves the clock with `move` (which returns the bar times processed) and prints
    /// where it stopped, the fills on the way and the equity.
    static func advance(_ c: CommandContext, _ ledger: Ledger, signal: AutoSignal? = nil,
                        _ move: (inout MarketClock) throws -> Int) throws {
        let all = series(c)
        guard !all.isEmpty else { throw TapeError("no data to step through", span: c.span, hint: "load a dataset first: load SPY") }
        let cursor = try PaperState.call(c) { try ledger.cursor() }
        var clock = MarketClock(series: all, after: cursor)
        guard clock.nextTime != nil else {
            throw TapeError("the paper clock is past the end of the loaded data" + (cursor.map { " (at \(CivilTime.format($0)))" } ?? ""),
                            span: c.span, hint: "load later data, or paper reset")
        }
        let fillsBefore = try PaperState.call(c) { try ledger.broker().fills.count }
        let steps = try PaperState.call(c) { try move(&clock) }
        let b = try PaperState.call(c) { try ledger.broker() }
        let newFills = b.fills.dropFirst(fillsBefore)
        c.print("stepped \(steps) bar\(steps == 1 ? "" : "s") to \(clock.cursor.map { CivilTime.format($0) } ?? "?"): "
                + "\(newFills.count) fill\(newFills.count == 1 ? "" : "s"), equity \(Format.fixed(b.equity, 2))")
        if let halted = b.state.haltedDay, halted == CivilTime.day(b.state.clock) * CivilTime.secondsPerDay {
            c.print("daily_loss_limit: new orders halted for \(CivilTime.format(halted))")
        }
        if newFills.count <= 20 {
            for f in newFills {
                c.print("  \(CivilTime.format(f.time)) \(f.orderId.map { "#\($0)" } ?? "expiry") \(f.side.rawValue) \(Format.number(f.quantity)) "
                        + "\(f.symbol) at \(Format.fixed(f.price, 2))")
            }
        }
    }

    /// The clock subcommands' reason for refusing under Alpaca.
    static let alpacaReason = "Alpaca's clock is the market's"
}
