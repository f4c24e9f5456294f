import Foundation
import TapeCore
import TapeData

/// `load universe NAME from "folder" | "s3://bucket/prefix/" | store`: many symbols at
/// once, for `scan`. A subcommand row of `load` (LoadCommand.swift says why).
enum LoadUniverse {
    static let spec = CommandSpec(
        name: "universe",
        summary: "every CSV in a folder or under an s3:// prefix, or every symbol of the store, as a universe for scan",
        details: """
        load universe sp from "data/universe/"          one symbol per file, named after the file
        load universe sp from "s3://bucket/universe/"   the same under an S3 prefix
        load universe sp from store                     the symbols save universe sp saved, or
                                                        every symbol saved when no universe sp was
        A file that cannot be read is listed with its reason and skipped; the rest load.
        """,
        effect: .changesState,
        options: [OptionSpec("from", .expression, required: true, placeholder: "SOURCE",
                             help: "a folder in quotes, an \"s3://bucket/prefix/\" or store",
                             completions: { _ in ["store"] })],
        arguments: [ArgumentSpec("NAME", .word, help: "the universe's name, for scan")],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let name)? = c.argument(0), let from = c.option("from") else {
            throw TapeError("\(c.spec.fullName) needs NAME and from SOURCE", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        let universe: Universe
        switch from {
        case .string(let s, _) where s.hasPrefix("s3://"):
            let client = try NetworkSources.s3Client(c, span: from.span)
            defer { c.dataSources.recordFetches(c) }
            universe = try c.dataCall(from.span) { try Universe.load(s3: client, url: s, name: name) }
        case .string(let s, _):
            universe = try c.withWork("loading \(name)", span: from.span) { try Universe.load(folder: s, name: name, control: $0) }
        case .name(let n, _) where n.lowercased() == "store":
            // The symbols saved as this universe, or every symbol saved when none was; one
            // that cannot be read is reported and skipped.
            let store = try c.dataCall(from.span) { try c.dataSources.barStore(c) }
            let only = try c.dataCall(from.span) { try store.universeMembers(name) }
            universe = try c.withWork("loading \(name)", span: from.span) {
                try Universe.load(store: store, name: name, only: only, control: $0)
            }
            // An empty universe would make every later scan print nothing, silently.
            if universe.members.isEmpty && universe.failures.isEmpty {
                throw TapeError("the store has no bars\(only == nil ? "" : " for universe \(name)")", span: from.span,
                                hint: "save some first: load SPY; save (or save universe NAME after load universe NAME from \"folder/\")")
            }
        default:
            throw TapeError("expected a folder in quotes, an s3:// prefix, or store", span: from.span)
        }
        c.dataSources.universes[name.lowercased()] = universe
        let rows = universe.members.reduce(0) { $0 + $1.count }
        c.print("universe \(name): \(universe.members.count) symbols, \(rows) bars"
            + (universe.failures.isEmpty ? "" : ", \(universe.failures.count) file\(universe.failures.count == 1 ? "" : "s") skipped"))
        for f in universe.failures { c.print("  skipped \(f.message)") }
    }
}
