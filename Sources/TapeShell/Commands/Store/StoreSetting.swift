import TapeCore
import TapeData

/// `set store "file.db"` / `set store default`: the SQLite file `save`, `symbols` and
/// `load ... from store` use. An untrusted session gets a scratch copy of the file
/// (`DataSourcesState.choose`).
enum StoreSetting {
    static let setting = SettingSpec(
        name: "store",
        summary: "the SQLite file save and load ... from store use (default: $XDG_DATA_HOME/tape/store.db)",
        // A file in quotes or the word `default`: no one kind says that, so the setting
        // tells the two apart itself.
        arguments: [ArgumentSpec("\"FILE.db\"|default", .expression, help: "the store file, or default")],
        current: { s in s.workspace.state { DataSourcesState() }.storePath ?? "default (\(Store.defaultPath()))" }
    ) { c in
        guard let e = c.positionals.first else { throw TapeError("set store needs a file name in quotes, or default", span: c.span) }
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
