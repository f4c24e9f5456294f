import TapeCore

/// The live table on an interactive terminal, redrawn in place at most five times a
/// second (a flood of messages costs no more drawing). Not part of the command's output:
/// the final table is printed through the shell when the watch ends.
final class LiveBoard {
    let enabled: Bool
    private var lines = 0
    private var last = ContinuousClock.now - .seconds(1)

    init(enabled: Bool) { self.enabled = enabled }

    func draw(_ run: WatchRun, _ c: CommandContext) {
        guard enabled, ContinuousClock.now - last >= .milliseconds(200) else { return }
        last = ContinuousClock.now
        let rows = run.table(c).render() + ["\(run.book.marketMessages) messages; Ctrl-C to stop"]
        var text = lines > 0 ? "\u{1B}[\(lines)A" : ""
        for r in rows { text += "\r" + r + "\u{1B}[K\n" }
        _ = StandardStreams.write(text, to: 1)
        lines = rows.count
    }

    func clear() {
        guard enabled, lines > 0 else { return }
        _ = StandardStreams.write("\u{1B}[\(lines)A\r\u{1B}[J", to: 1)
        lines = 0
    }
}
