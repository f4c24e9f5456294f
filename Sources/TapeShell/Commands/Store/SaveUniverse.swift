import TapeCore
import TapeData

/// `save universe NAME [replace]`: every member of a loaded universe into the store in one
/// transaction, recorded under NAME so `load universe NAME from store` reads just them.
/// A subcommand row of `save`, as `load universe` is of `load`.
enum SaveUniverse {
    static let spec = CommandSpec(
        name: "universe",
        summary: "save every symbol of a loaded universe to the store, under the universe's name",
        details: """
        save universe sp               all of sp's symbols, only new bars added, in one transaction
        save universe sp replace       overwrite stored bars whose values differ
        load universe sp from store    reads back just these symbols
        """,
        effect: .changesState,
        options: [.flag("replace", "overwrite stored bars whose values differ")],
        arguments: [ArgumentSpec("NAME", .word, help: "a universe of load universe",
                                 completions: { shell in shell.workspace.state { DataSourcesState() }.universes.values.map(\.name) })],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let name)? = c.argument(0), let first = c.positionals.first else {
            throw TapeError("\(c.spec.fullName) needs NAME", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        let sources = c.dataSources
        guard let universe = sources.universes[name.lowercased()] else {
            throw TapeError("no universe named '\(name)'", span: first.span,
                            hint: Suggest.hint(name, in: Array(sources.universes.keys)) ?? "load one: load universe \(name) from \"folder/\"")
        }
        let store = try c.dataCall(c.span) { try sources.barStore(c) }
        let reports = try c.withWork("saving \(universe.name)", span: c.span) {
            try store.save(universe: universe, replace: c.has("replace"), control: $0)
        }
        let inserted = reports.reduce(0) { $0 + $1.inserted }, unchanged = reports.reduce(0) { $0 + $1.unchanged }
        let conflicts = reports.reduce(0) { $0 + $1.conflicts.count }, replaced = reports.reduce(0) { $0 + $1.replaced }
        c.print("universe \(universe.name): \(reports.count) symbols saved, \(inserted) new bars, \(unchanged) unchanged"
            + (conflicts == 0 ? "" : ", \(conflicts) differing (\(replaced) replaced)"))
        let differing = reports.filter { !$0.conflicts.isEmpty }
        for r in differing.prefix(10) { c.print("  " + r.summary) }
        if differing.count > 10 { c.print("  ... and \(differing.count - 10) more symbols with differing bars") }
    }
}
