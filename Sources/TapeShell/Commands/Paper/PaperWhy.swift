import TapeCore
import TapeData

/// `paper why [ID]`: an order's explanation trail, one event a line; without an ID, the
/// circuit breakers: the halt in force (which rule, since when, why, until when) and the
/// last refusals.
enum PaperWhy {
    static let spec = CommandSpec(
        name: "why", summary: "what happened to an order and why; without ID, why trading is halted (or not)",
        details: """
        paper why 3          the trail of order #3
        paper why            the halt in force and the last refusals (docs/RISK.md)
        """,
        effect: .query,
        arguments: [ArgumentSpec("ID", optional: true, help: "the order's id from paper orders: a number, or an Alpaca id in quotes")],
        run: run)

    static func run(_ c: CommandContext) throws {
        let state = PaperState.of(c)
        let broker = try state.broker(c)
        guard c.positionals.isEmpty else {
            let (id, span) = try PaperOrderID.read(c)
            // An order `paper auto ... live` placed: the decision first, then its trail.
            if let decision = c.workspace.state({ LiveDecisions() }).byOrder[id] {
                c.print(decision)
            }
            for line in try PaperState.call(c, at: span, { try broker.why(id) }) { c.print(line) }
            return
        }
        let ledger = try state.ledger(c)
        let (breakers, clock, refusals): (BreakerState, Int64, [String]) = try PaperState.call(c) {
            if let front = broker as? GuardedBroker {
                let snapshot = try front.snapshot()
                return (snapshot.breakers, snapshot.clock, try ledger.events(for: front.name).suffix(5).map(\.description))
            }
            let b = try ledger.broker()
            let rejected = b.state.events.filter { $0.kind == .rejected }.suffix(5).map { "#\($0.orderId) \(CivilTime.format($0.time)): \($0.detail)" }
            return (b.breakers, b.clock, rejected)
        }
        if let h = breakers.halt, h.isActive(at: clock) {
            c.print("halted by \(h.rule) since \(CivilTime.format(h.since)): \(h.reason)")
            c.print(h.until.map { "new exposure is refused until \(CivilTime.format($0, forceTime: $0 % CivilTime.secondsPerDay != 0)); orders that only reduce positions pass" }
                    ?? "new exposure is refused until paper resume; orders that only reduce positions pass")
        } else {
            c.print("not halted" + (breakers.halt.map { " (the \($0.rule) halt of \(CivilTime.format($0.since)) has lapsed)" } ?? ""))
        }
        c.print("peak equity \(Format.fixed(breakers.peakEquity, 2)), losing closes in a row \(breakers.lossStreak)")
        if refusals.isEmpty {
            c.print("no order refused")
        } else {
            c.print("last refusals:")
            for r in refusals { c.print("  " + r) }
        }
    }
}
