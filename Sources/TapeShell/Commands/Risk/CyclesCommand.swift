import TapeCore

/// `cycles`: the labelled market cycles with their dates and sources; the function
/// `cycle(close)` numbers them at each bar (docs/RISK.md).
enum CyclesCommand: Command {
    static let spec = CommandSpec(
        name: "cycles", summary: "the labelled market cycles (bull and bear markets since 1987) with their dates and sources",
        details: """
        cycles                 the table; cycle(close) gives each bar its cycle's number
        cycles SPY             with SPY's return over each cycle it covers
        """,
        effect: .query,
        arguments: [ArgumentSpec("SYMBOL", .word, optional: true, help: "a loaded dataset: its return in each cycle",
                                 completions: { $0.workspace.datasetOrder })],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.positionals.first.map { try c.dataset(named: $0) }
        var t = TextTable(["#", "cycle", "kind", "from", "to"] + (d.map { ["\($0.name) return"] } ?? []) + ["source"])
        for (k, cycle) in MarketCycles.all.enumerated() {
            var row = [String(k + 1), cycle.name, cycle.kind.rawValue, CivilTime.format(cycle.start), cycle.end.map { CivilTime.format($0) } ?? "now"]
            if let d {
                let inside = d.bars.time.indices.filter { cycle.contains(d.bars.time[$0]) && d.bars.close[$0].isFinite }
                if let a = inside.first, let b = inside.last, b > a {
                    // From the close before the cycle began, when the data has it.
                    let base = a > 0 ? d.bars.close[a - 1] : d.bars.close[a]
                    row.append(Format.fixed((d.bars.close[b] / base - 1) * 100, 2) + "%")
                } else {
                    row.append("")
                }
            }
            row.append(cycle.source)
            t.add(row)
        }
        c.print(table: t)
    }
}
