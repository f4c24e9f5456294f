/// `replay "FILE"`: a session file's commands, run in this workspace under the file's own
/// nested Session (its seed, pinned network bodies, scratch ledger, chart names, trust).
enum ReplayCommand: Command {
    static let spec = CommandSpec(
        name: "replay",
        summary: "run a session file's commands in this session (stops at the first failure)",
        details: """
        The file is replayed as it was recorded: its seed, the network bodies it names (from
        the cache), a scratch paper ledger started from the account it recorded, its own
        chart names. It is not trusted (docs/SESSIONS.md): it writes only under its own
        folder and plots/ and never sends orders. What it loads and binds stays in this
        workspace.
        """,
        effect: .changesState,
        arguments: [ArgumentSpec("\"FILE.tape\"", .path, help: "the session file")],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let path)? = c.argument(0), let e = c.positionals.first else {
            throw TapeError("replay needs a session file name in quotes", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        let bytes = try LoadSources.readFile(path, span: e.span)
        guard let text = String(bytes: bytes, encoding: .utf8) else { throw TapeError("\(path) is not UTF-8 text", span: e.span) }
        let file = SessionFile.parse(text)
        let parent = c.session
        let session = Session.replaying(file, path: path, mode: .replay, terminal: parent.terminal,
                                        charts: ChartNaming(seed: file.headerValues("seed").first.flatMap(UInt64.init) ?? 1,
                                                            writeDirectory: parent.charts.writeDirectory))
        let ok = try c.shell.nested(at: e.span, session: session) { $0.runScript(text, name: path) }
        if !ok { throw TapeError("replay of \(path) stopped at a failed command", span: e.span) }
    }
}
