import TapeCore
import TapeData

/// `paper resume`: clears a circuit breaker's halt on the broker this session trades with;
/// the peak equity starts again from now and the losing streak from zero (docs/RISK.md).
enum PaperResume {
    static let spec = CommandSpec(
        name: "resume", summary: "clear a circuit breaker's halt: the peak and the losing streak start again from now",
        effect: .changesState, arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let state = PaperState.of(c)
        let broker = try state.broker(c)
        let cleared: Halt? = try PaperState.call(c) {
            if let front = broker as? GuardedBroker { return try front.resume() }
            return try state.ledger(c).resume()
        }
        c.print(cleared.map { "resumed: cleared the \($0.rule) halt of \(CivilTime.format($0.since))" } ?? "nothing was halted; the peak and the losing streak start again from now")
    }
}
