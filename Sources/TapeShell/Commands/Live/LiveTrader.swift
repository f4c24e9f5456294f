import TapeCore
import TapeData

/// `paper auto ... live`: each minute bar of the symbol, once closed, goes through the
/// simulator's clock like a loaded bar (`Ledger.step`: open orders fill on it, the risk
/// rules and circuit breakers judge the rule's new orders, one transaction), then the
/// decision is printed and kept for `paper why`. It reads only the `LiveBook`, which live
/// and replay build from the same frames, so a replay makes the same decisions and fills.
/// Under `broker alpaca` the rule's orders go to Alpaca instead, through the same
/// pre-trade checks (`GuardedBroker`), priced at the bar's close; Alpaca fills them.
final class LiveTrader {
    enum Venue {
        case simulator(Ledger)
        case alpaca(any PaperBroker, LivePrices)
    }

    let symbol: String
    let feedBars: Bool
    let entry: Expr
    let exit: Expr?
    let short: Bool
    let fraction: Double
    let venue: Venue
    /// Closed bars read so far, bars traded (the others were at or before the paper
    /// clock), orders placed and fills.
    private(set) var closed = 0, traded = 0, orders = 0, fills = 0
    private(set) var failure: TapeError?
    /// Lines for the command's output, printed by the run between redraws of the board.
    private(set) var pending: [String] = []
    private var unreadable: Set<String> = []

    init(symbol: String, feedBars: Bool, entry: Expr, exit: Expr?, short: Bool, fraction: Double, venue: Venue) {
        self.symbol = symbol
        self.feedBars = feedBars
        self.entry = entry
        self.exit = exit
        self.short = short
        self.fraction = fraction
        self.venue = venue
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
        switch venue {
        case .simulator(let ledger): try simulate(bars, ledger, c)
        case .alpaca(let broker, let prices): try send(bars, broker, prices, c)
        }
    }

    private func simulate(_ bars: Bars, _ ledger: Ledger, _ c: CommandContext) throws {
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
        let reason = self.reason(bars, target, held, c)
        if placed.isEmpty {
            pending.append("\(time) \(target): already \(held > 0 ? "long" : held < 0 ? "short" : "flat"), no order")
            return
        }
        let decisions = c.workspace.state { LiveDecisions() }
        for o in placed {
            orders += 1
            decisions.byOrder["\(o.id)"] = "decided live: " + reason
            let status = o.status == .rejected
                ? "rejected: " + (after.state.events.last { $0.orderId == o.id && $0.kind == .rejected }?.detail ?? "")
                : "submitted"
            pending.append("\(time) \(target): #\(o.id) \(o.side.rawValue) \(o.symbol) \(status)")
        }
    }

    private func reason(_ bars: Bars, _ target: AutoTarget, _ held: Double, _ c: CommandContext) -> String {
        let i = bars.count - 1
        return "\(symbol) bar \(CivilTime.format(bars.time[i], forceTime: true)) closed at \(Format.fixed(bars.close[i], 2)): "
            + (target == .long ? "entry \(c.invocation.text(of: entry))" : "exit \(exit.map { c.invocation.text(of: $0) } ?? "")")
            + " is true, holding \(Format.number(held)) → \(target)"
    }

    /// Alpaca: the rule's target becomes market orders (closing an opposite position
    /// first, an entry sized to `fraction` of Alpaca's buying power at the bar's close).
    /// A refusal (a pre-trade rule, a halt, Alpaca's own) is printed and the run goes on.
    private func send(_ bars: Bars, _ broker: any PaperBroker, _ prices: LivePrices, _ c: CommandContext) throws {
        let i = bars.count - 1, close = bars.close[i]
        prices.set(symbol, close)
        traded += 1
        let entryValues = values(entry, bars, c), exitValues = exit.map { values($0, bars, c) }
        let target = PaperAuto.target(at: i, entry: entryValues, exit: exitValues, short: short)
        guard target != .hold else { return }
        let time = CivilTime.format(bars.time[i], forceTime: true)
        let held = try broker.positions().first { $0.symbol.uppercased() == symbol }?.quantity ?? 0
        var requests: [OrderRequest] = [], tooPoor = false
        if held != 0, target == .flat || (target == .long && held < 0) || (target == .short && held > 0) {
            requests.append(OrderRequest(held > 0 ? .sell : .buy, abs(held), .stock(symbol), timeInForce: .day))
        }
        if (target == .long && held <= 0) || (target == .short && held >= 0) {
            let power = try broker.account().buyingPower + (requests.isEmpty ? 0 : abs(held) * close)
            let shares = close > 0 ? (fraction * power / close).rounded(.down) : 0
            if shares >= 1 {
                requests.append(OrderRequest(target == .long ? .buy : .sell, shares, .stock(symbol), timeInForce: .day))
            } else {
                tooPoor = true
                pending.append("\(time) \(target): buying power \(Format.fixed(power, 2)) buys no whole share at \(Format.fixed(close, 2))")
            }
        }
        if requests.isEmpty {
            if !tooPoor {
                pending.append("\(time) \(target): already \(held > 0 ? "long" : held < 0 ? "short" : "flat"), no order")
            }
            return
        }
        let decision = "decided live: " + reason(bars, target, held, c)
        let decisions = c.workspace.state { LiveDecisions() }
        for r in requests {
            let what = "\(r.side.rawValue) \(Format.number(r.quantity)) \(symbol)"
            do {
                for receipt in try broker.submit(r) {
                    orders += 1
                    decisions.byOrder[receipt.id] = decision
                    pending.append("\(time) \(target): \(what) sent to Alpaca as \(receipt.id): \(receipt.note)")
                }
            } catch {
                pending.append("\(time) \(target): \(what) refused: \(error)")
            }
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
