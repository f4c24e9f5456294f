import TapeCore

/// `clean [NAME] [inconsistent fix|drop] [adjust_splits] [keep_spikes]`: repairs a
/// dataset in the workspace and lists every change (docs/DATA.md, "Data quality").
enum CleanCommand: Command {
    static let spec = CommandSpec(
        name: "clean",
        summary: "repair a dataset in place: order, duplicates, empty prices, spikes, impossible bars; lists every change",
        details: """
        clean                     sort, drop duplicates, forward-fill empty prices, drop one-bar
                                  spikes, widen high/low to bracket open and close
        clean inconsistent drop   drop impossible bars instead of widening them
        clean adjust_splits       also divide prices before each split-like jump by its ratio
        clean keep_spikes         keep one-bar spikes (bad prints) instead of dropping them
        Volume is never invented. See docs/DATA.md.
        """,
        effect: .changesState,
        options: [.choice("inconsistent", ["fix", "drop"],
                          "what to do with a bar whose high and low do not bracket open and close (default fix: widen them)"),
                  .flag("adjust_splits", "divide prices before each split-like jump by its ratio"),
                  .flag("keep_spikes", "keep one-bar spikes instead of dropping them")],
        arguments: [ArgumentSpec("NAME", .word, optional: true, help: "a loaded dataset (default: the current one)",
                                 completions: DataCommands.datasetNames)],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.dataset(named: c.positionals.first)
        var opt = DataQuality.CleanOptions()
        if let w = c.text("inconsistent"), let mode = DataQuality.CleanOptions.Inconsistent(rawValue: w) {
            opt.inconsistent = mode
        }
        opt.adjustSplits = c.has("adjust_splits")
        opt.dropSpikes = !c.has("keep_spikes")
        let (bars, changes) = DataQuality.clean(d.bars, options: opt)
        guard !changes.isEmpty else { c.print("\(d.name): nothing to clean"); return }
        c.workspace.add(Dataset(name: d.name, bars: bars, source: d.source + ", cleaned"),
                        makeCurrent: c.workspace.currentName == d.name.uppercased())
        c.print("\(d.name): \(changes.count) change\(changes.count == 1 ? "" : "s"), \(d.bars.count) -> \(bars.count) bars")
        for line in changes.prefix(20) { c.print("  " + line) }
        if changes.count > 20 { c.print("  ... \(changes.count - 20) more") }
    }
}
