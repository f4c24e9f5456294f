import TapeCore
import TapeData

/// `save [NAME ...] [replace]`: datasets into the SQLite store, only new bars added; a bar
/// whose stored values differ is reported and kept unless `replace` (docs/DATA.md).
enum SaveCommand: Command {
    static let spec = CommandSpec(
        name: "save",
        summary: "save datasets (default: the current one) to the store, adding only new bars",
        details: """
        save                 the current dataset
        save SPY QQQ         several
        save SPY replace     overwrite stored bars whose values differ (otherwise reported and kept)
        save universe sp     every symbol of a loaded universe (see: help save universe)
        The store is a SQLite file (set store "file.db"; default ~/.local/share/tape/store.db).
        """,
        effect: .changesState,
        options: [.flag("replace", "overwrite stored bars whose values differ")],
        arguments: [ArgumentSpec("NAME", .word, optional: true, variadic: true, help: "loaded datasets (default: the current one)",
                                 completions: DataCommands.datasetNames)],
        subcommands: [SaveUniverse.spec],
        run: run)

    static func run(_ c: CommandContext) throws {
        let names: [Expr?] = c.positionals.isEmpty ? [nil] : c.positionals.map { $0 }
        let store = try c.dataCall(c.span) { try c.dataSources.barStore(c) }
        for e in names {
            let d = try c.dataset(named: e)
            var bars = d.bars
            bars.symbol = d.name.uppercased()
            let report = try c.dataCall(e?.span ?? c.span) { try store.save(bars, source: d.source, replace: c.has("replace")) }
            c.print(report.summary)
        }
    }
}
