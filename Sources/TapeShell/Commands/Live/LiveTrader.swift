import TapeCore
import TapeData

/// `paper auto ... live`: each minute bar of the symbol, once closed, goes through the
/// simulator's clock like a loaded bar (`Ledger.step`: open orders fill on it, the risk
/// rules and circuit breakers judge the rule's new orders, one transaction), then the
/// decision is printed and kept for `paper why`. It reads only the `LiveBook`, which live
/// and replay build from the same frames, so a replay makes the same decisions and fills.
final class LiveTrader {
    let symbol: String
    let feedBars: Bool
    let entry: Expr
    let exit: Expr?
    let short: Bool
    let fraction: Double
    let ledger: Ledger
    /// Closed bars read so far, bars traded (the others were at or before the paper
    /// clock), orders placed and fills.
    private(set) var closed = 0, traded = 0, orders = 0, fills = 0
    private(set) var failure: TapeError?
    /// Lines for the command's output, printed by the run between redraws of the board.
    private(set) var pending: [String] = []
    private var unreadable: Set<String> = []

    init(symbol: String, feedBars: Bool, entry: Expr, exit: Expr?, short: Bool, fraction: Double, ledger: Ledger) {
        self.symbol = symbol
        self.feedBars = feedBars
        self.entry = entry
        self.exit = exit
        self.short = short
        self.fraction = fraction
        self.ledger = ledger
    }

    /// Trades the bars that closed since the last call; false (with `failure`) when the
    /// ledger fails, which ends the run.
    func trade(_ book: LiveBook, _ c: CommandContext) -> Bool {
        let bars = book.bars(symbol, feed: feedBars, closedOnly: true)
        do {
            while closed < bars.count {
                try step(bars.rows(0..<(closed + 1)), c)
                closed += 1
            }
        } catch let e as TapeError {
            failure = e
            return false
        } catch {
            failure = TapeError("\(error)", span: c.span)
            return false
        }
        return true
    }

    private func step(_ bars: Bars, _ c: CommandContext) throws {
        var clock = MarketClock(series: [bars], after: try ledger.cursor())
        guard clock.nextTime != nil else { return }
        let i = bars.count - 1
        let entryValues = values(entry, bars, c), exitValues = exit.map { values($0, bars, c) }
        let rule = PaperAuto.rule(symbol: symbol, entry: entryValues, exit: exitValues, short: short, fraction: fraction)
        let before = try ledger.broker()
        try ledger.step(&clock, count: 1, signal: rule)
        traded += 1
        let after = try ledger.broker()
        let time = CivilTime.format(bars.time[i], forceTime: true)
        for f in after.fills.dropFirst(before.fills.count) {
            fills += 1
            pending.append("\(time) fill \(f.orderId.map { "#\($0)" } ?? "expiry") \(f.side.rawValue) \(Format.number(f.quantity)) "
                    + "\(f.symbol) at \(Format.fixed(f.price, 2))")
        }
        let target = PaperAuto.target(at: i, entry: entryValues, exit: exitValues, short: short)
        let placed = after.state.orders.dropFirst(before.state.orders.count)
        guard target != .hold else { return }
        // The position the rule saw: after this bar's fills, before its new orders fill.
        let held = after.state.positions[symbol]?.quantity ?? 0
        let reason = "\(symbol) bar \(time) closed at \(Format.fixed(bars.close[i], 2)): "
            + (target == .long ? "entry \(c.invocation.text(of: entry))" : "exit \(exit.map { c.invocation.text(of: $0) } ?? "")")
            + " is true, holding \(Format.number(held)) → \(target)"
        if placed.isEmpty {
            pending.append("\(time) \(target): already \(held > 0 ? "long" : held < 0 ? "short" : "flat"), no order")
            return
        }
        let decisions = c.workspace.state { LiveDecisions() }
        for o in placed {
            orders += 1
            decisions.byOrder[o.id] = "decided live: " + reason
            let status = o.status == .rejected
                ? "rejected: " + (after.state.events.last { $0.orderId == o.id && $0.kind == .rejected }?.detail ?? "")
                : "submitted"
            pending.append("\(time) \(target): #\(o.id) \(o.side.rawValue) \(o.symbol) \(status)")
        }
    }

    /// The expression over the closed bars; an error (too few bars for it yet, most often)
    /// means no signal, said once per message.
    private func values(_ e: Expr, _ bars: Bars, _ c: CommandContext) -> [Double] {
        do {
            if case .series(let s) = try c.evaluate(e, in: Dataset(name: symbol, bars: bars, source: "alpaca stream")),
               s.values.count == bars.count {
                return s.values
            }
            note("\(c.invocation.text(of: e)): not a true/false series over the bars", c)
        } catch let error as TapeError {
            note("\(c.invocation.text(of: e)): \(error.message)", c)
        } catch {
            note("\(c.invocation.text(of: e)): \(error)", c)
        }
        return []
    }

    func takePending() -> [String] {
        defer { pending.removeAll() }
        return pending
    }

    private func note(_ message: String, _ c: CommandContext) {
        if unreadable.insert(message).inserted { pending.append("auto: \(message) (no signal until it can be computed)") }
    }
}
