import TapeCore
import TapeData

/// `symbols`: what the store holds, a row per symbol.
enum SymbolsCommand: Command {
    static let spec = CommandSpec(
        name: "symbols", summary: "list the symbols in the store with their bar counts and date ranges", effect: .query,
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let store = try c.dataCall(c.span) { try c.dataSources.barStore(c) }
        let list = try c.dataCall(c.span) { try store.symbols() }
        guard !list.isEmpty else { c.print("the store is empty (save a dataset with: save)"); return }
        var t = TextTable(["symbol", "bars", "range", "source"])
        for s in list {
            let range = s.first.flatMap { f in s.last.map { "\(CivilTime.format(f))..\(CivilTime.format($0))" } } ?? "empty"
            t.add([s.symbol, String(s.rows), range, s.source])
        }
        c.print(table: t)
    }
}
