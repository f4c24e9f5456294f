import TapeCore

/// `paper run until DATE`: every bar up to the date (a day without a time: the whole day).
enum PaperRun {
    static let spec = CommandSpec(
        name: "run", summary: "process every bar up to a date", effect: .changesState,
        options: [.date("until", "the last bar time to process (a date alone takes in the whole day)", required: true)],
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let ledger = try PaperState.of(c).simulated(c, because: PaperClock.alpacaReason)
        let until = endOf(c.date("until") ?? .max)
        try PaperClock.advance(c, ledger) { clock in try ledger.run(&clock, until: until) }
    }

    /// A date alone means its whole day, intraday bars included; a time means that time.
    static func endOf(_ t: Int64) -> Int64 {
        guard t != .max, t == CivilTime.day(t) * CivilTime.secondsPerDay else { return t }
        return t + CivilTime.secondsPerDay - 1
    }
}
