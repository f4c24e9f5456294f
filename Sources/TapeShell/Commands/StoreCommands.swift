import Foundation
import TapeCore
import TapeData

/// The store, object listings, data quality and universes (docs/DATA.md).
enum StoreCommands {
    static var all: [CommandSpec] { [save, symbols, ls, validate, clean] }

    static let save = CommandSpec(
        name: "save", usage: "save [NAME ...] [replace]",
        summary: "save datasets (default: the current one) to the store, adding only new bars",
        details: """
        save                 the current dataset
        save SPY QQQ         several
        save SPY replace     overwrite stored bars whose values differ (otherwise reported and kept)
        The store is a SQLite file (set store "file.db"; default ~/.local/share/tape/store.db).
        """,
        effect: .changesState, flags: ["replace"]
    ) { c in
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

    static let symbols = CommandSpec(
        name: "symbols", usage: "symbols", summary: "list the symbols in the store with their bar counts and date ranges",
        effect: .query, maxPositional: 0
    ) { c in
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

    static let ls = CommandSpec(
        name: "ls", usage: "ls s3://BUCKET/PREFIX/",
        summary: "list the objects and folders under an S3 prefix",
        details: "The address may be written bare or in quotes.\nCredentials and endpoint from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL, AWS_REGION (docs/DATA.md).",
        effect: .query, maxPositional: 1, takesRawText: true
    ) { c in
        // The argument is the raw text after `ls` (so `ls s3://b/p/` needs no quotes).
        var address = ""
        if let first = c.positionals.first, case .string(let raw, _) = first {
            address = raw.trimmingCharacters(in: .whitespaces)
            if address.count >= 2, address.hasPrefix("\""), address.hasSuffix("\"") { address = String(address.dropFirst().dropLast()) }
        }
        let e = c.positionals.first ?? .string("", c.span)
        guard address.hasPrefix("s3://") else {
            throw TapeError("ls needs an s3:// address", span: c.positionals.first?.span ?? c.span,
                            hint: "e.g. ls s3://my-bucket/prices/")
        }
        let (bucket, key) = try c.dataCall(e.span) { try S3Client.parse(url: address) }
        let client = try NetworkSources.s3Client(c, span: e.span)
        defer { c.dataSources.recordFetches(c) }
        let listing = try c.dataCall(e.span) { try client.list(bucket: bucket, prefix: key, delimiter: "/") }
        var t = TextTable(["size", "modified", "name"])
        for p in listing.prefixes { t.add(["", "", "s3://\(bucket)/\(p)"]) }
        for o in listing.objects { t.add([String(o.size), String(o.lastModified.prefix(19)), "s3://\(bucket)/\(o.key)"]) }
        guard !t.rows.isEmpty else { c.print("nothing under \(address)"); return }
        c.print(table: t)
    }

    static let validate = CommandSpec(
        name: "validate", usage: "validate [NAME] [limit N]",
        summary: "check a dataset: missing trading days, OHLC faults, empty fields, zero volume, outliers, split-like jumps; a 0-100 score",
        details: "The checks and the score's formula are in docs/DATA.md. clean repairs what can be repaired.",
        effect: .query, keys: ["limit"], maxPositional: 1
    ) { c in
        let d = try c.dataset(named: c.positionals.first)
        let limit = try c.number("limit", default: 20) ?? 20
        guard limit >= 0, limit <= 1_000_000, limit == limit.rounded() else {
            throw TapeError("limit must be a whole number of lines", span: c.option("limit")?.span)
        }
        var bars = d.bars
        bars.symbol = d.name
        for line in DataQuality.validate(bars).lines(limit: Int(limit)) { c.print(line) }
    }

    static let clean = CommandSpec(
        name: "clean", usage: "clean [NAME] [inconsistent fix|drop] [adjust_splits] [keep_spikes]",
        summary: "repair a dataset in place: order, duplicates, empty prices, spikes, impossible bars; lists every change",
        details: """
        clean                         sort, drop duplicates, forward-fill empty prices, drop one-bar spikes,
                                      widen high/low to bracket open and close
        clean inconsistent drop       drop impossible bars instead of widening them
        clean adjust_splits           also divide prices before each split-like jump by its ratio
        clean keep_spikes             keep one-bar spikes (bad prints) instead of dropping them
        Volume is never invented. See docs/DATA.md.
        """,
        effect: .changesState, keys: ["inconsistent"], flags: ["adjust_splits", "keep_spikes"], maxPositional: 1
    ) { c in
        let d = try c.dataset(named: c.positionals.first)
        var opt = DataQuality.CleanOptions()
        if let e = c.option("inconsistent") {
            guard let w = e.word?.lowercased(), let mode = DataQuality.CleanOptions.Inconsistent(rawValue: w) else {
                throw TapeError("inconsistent must be fix or drop", span: e.span)
            }
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

    /// `load universe NAME from "folder" | "s3://bucket/prefix/"`: called by `load` when its
    /// first word is `universe`.
    static func loadUniverse(_ c: CommandContext) throws {
        guard c.positionals.count == 2, let nameExpr = c.positionals.last, let from = c.option("from") else {
            throw TapeError("usage: load universe NAME from \"folder\"|store", span: c.span,
                            hint: "e.g. load universe sp500 from \"data/universe\"")
        }
        let name = try c.word(nameExpr, "a universe name")
        let universe: Universe
        switch from {
        case .string(let s, _) where s.hasPrefix("s3://"):
            let client = try NetworkSources.s3Client(c, span: from.span)
            defer { c.dataSources.recordFetches(c) }
            universe = try c.dataCall(from.span) { try Universe.load(s3: client, url: s, name: name) }
        case .string(let s, _):
            universe = try c.dataCall(from.span) { try Universe.load(folder: s, name: name) }
        case .name(let n, _) where n.lowercased() == "store":
            // Every symbol saved in the store; one that cannot be read is reported and skipped.
            let store = try c.dataCall(from.span) { try c.dataSources.barStore(c) }
            var members: [Bars] = [], failures: [(file: String, message: String)] = []
            for sym in try c.dataCall(from.span, { try store.symbols() }) {
                do { members.append(try store.load(sym.symbol)) } catch { failures.append((sym.symbol, "\(sym.symbol): \(error)")) }
            }
            universe = Universe(name: name, members: members, failures: failures)
        default:
            throw TapeError("expected a folder in quotes, an s3:// prefix, or store", span: from.span)
        }
        c.dataSources.universes[name.lowercased()] = universe
        let rows = universe.members.reduce(0) { $0 + $1.count }
        c.print("universe \(name): \(universe.members.count) symbols, \(rows) bars"
            + (universe.failures.isEmpty ? "" : ", \(universe.failures.count) file\(universe.failures.count == 1 ? "" : "s") skipped"))
        for f in universe.failures { c.print("  skipped \(f.message)") }
    }

    /// `set store "file.db"` / `set store default`.
    static let storeSetting = SettingSpec(
        name: "store", usage: "store \"file.db\"|default",
        summary: "the SQLite file save and load ... from store use (default: $XDG_DATA_HOME/tape/store.db)", keys: [],
        current: { s in s.workspace.state { DataSourcesState() }.storePath ?? "default (\(Store.defaultPath()))" }
    ) { c, args in
        guard let e = args.first else { throw TapeError("set store needs a file name in quotes, or default", span: c.span) }
        if case .name(let n, _) = e, n.lowercased() == "default" {
            c.dataSources.storePath = nil
            return
        }
        guard case .string(let path, _) = e, !path.isEmpty else {
            throw TapeError("set store needs a file name in quotes, or default", span: e.span)
        }
        try c.dataCall(e.span) { try c.dataSources.choose(path, c) }
    }
}
