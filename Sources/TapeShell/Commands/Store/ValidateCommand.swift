import TapeCore

/// `validate [NAME] [limit N]`: the data-quality checks of docs/DATA.md and a 0-100 score.
enum ValidateCommand: Command {
    static let spec = CommandSpec(
        name: "validate",
        summary: "check a dataset: missing trading days, OHLC faults, empty fields, zero volume, outliers, split-like jumps; a 0-100 score",
        details: "The checks and the score's formula are in docs/DATA.md. clean repairs what can be repaired.",
        effect: .query,
        options: [.count("limit", "issues listed at most (default 20)", bounds: .from(0, to: 1_000_000))],
        arguments: [ArgumentSpec("NAME", .word, optional: true, help: "a loaded dataset (default: the current one)",
                                 completions: DataCommands.datasetNames)],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.dataset(named: c.positionals.first)
        var bars = d.bars
        bars.symbol = d.name
        for line in DataQuality.validate(bars).lines(limit: c.int("limit") ?? 20) { c.print(line) }
    }
}
