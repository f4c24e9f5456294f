import Foundation
import TapeCore

/// Commands about sessions: history, replaying a file, timing a command.
enum SessionCommands {
    static var all: [CommandSpec] { [history, replay, time, notebook] }

    static let history = CommandSpec(
        name: "history", usage: "history [N]", summary: "the last N lines typed in this session (default 20)",
        effect: .meta, maxPositional: 1
    ) { c in
        var n = 20
        if let e = c.positionals.first {
            guard case .number(let x) = try c.evaluate(e), x >= 1, x == x.rounded(), x < 1e9 else {
                throw TapeError("history takes a whole number of lines", span: e.span)
            }
            n = Int(x)
        }
        let h = c.shell.history.dropLast()   // not this `history` line itself
        for (i, line) in h.enumerated().suffix(n) { c.print(String(format: "%4d  ", i + 1) + line) }
    }

    static let replay = CommandSpec(
        name: "replay", usage: "replay \"FILE.tape\"",
        summary: "run a session file's commands in this session (stops at the first failure)",
        details: """
        The file is replayed as it was recorded: its seed, the network bodies it names (from
        the cache), a scratch paper ledger started from the account it recorded, its own
        chart names. It is not trusted (docs/SESSIONS.md): it writes only under its own
        folder and plots/ and never sends orders. What it loads and binds stays in this
        workspace.
        """,
        effect: .changesState, maxPositional: 1
    ) { c in
        guard let e = c.positionals.first, case .string(let path, _) = e else {
            throw TapeError("replay needs a session file name in quotes", span: c.positionals.first?.span ?? c.span)
        }
        let bytes = try LoadSources.readFile(path, span: e.span)
        guard let text = String(bytes: bytes, encoding: .utf8) else { throw TapeError("\(path) is not UTF-8 text", span: e.span) }
        let parent = c.session
        let session = Session.replaying(SessionFile.parse(text), path: path, mode: .replay, terminal: parent.terminal,
                                        charts: ChartNaming(seed: SessionFile.parse(text).headerValues("seed").first.flatMap(UInt64.init) ?? 1,
                                                            writeDirectory: parent.charts.writeDirectory))
        let ok = try c.shell.nested(at: e.span, session: session) { $0.runScript(text, name: path) }
        if !ok { throw TapeError("replay of \(path) stopped at a failed command", span: e.span) }
    }

    static let time = CommandSpec(
        name: "time", usage: "time COMMAND", summary: "run a command and print how long it took",
        details: "time backtest SPY sma_cross fast 10 slow 30\nUnder --check the duration is not printed (it would differ every run).",
        effect: .changesState, takesRawText: true
    ) { c in
        guard let e = c.positionals.first, case .string(let text, _) = e else {
            throw TapeError("time needs a command to run", span: c.span, hint: "e.g. time describe")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome = try c.shell.nested(at: e.span) { $0.run(line: text) }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if outcome == .failed { throw TapeError("the timed command failed", span: e.span) }
        c.print(c.session.replaysAFile ? "time: (not shown in replays)" : "time: \(Format.fixed(ms, ms < 10 ? 3 : 1)) ms")
    }

    static let notebook = CommandSpec(
        name: "notebook", usage: "notebook [to \"FILE.md|FILE.html\"]",
        summary: "render this session (as recorded so far) as a Markdown or HTML notebook",
        details: "The recording is replayed in a fresh shell, so the notebook shows what the session file reproduces.\nFrom the command line: tape notebook FILE.tape -o FILE.html",
        effect: .meta, keys: ["to"], maxPositional: 0
    ) { c in
        guard let rec = c.session.recorder else {
            throw TapeError("this session is not being recorded", span: c.span, hint: "for a file: tape notebook FILE.tape -o out.html")
        }
        let target = try c.string("to") ?? ((rec.path as NSString).deletingPathExtension + ".md")
        let text = (try? String(contentsOfFile: rec.path, encoding: .utf8)) ?? ""
        let format: Notebook.Format = target.lowercased().hasSuffix(".html") ? .html : .markdown
        let pictures = (target as NSString).deletingPathExtension + "_files"
        let rendered = Notebook.render(text: text, name: rec.path, format: format, pictures: format == .markdown ? pictures : nil)
        // Ctrl-C stops the replay at its next cell; a notebook of half a session is not written.
        try Interrupts.check(c.span)
        try DataCommands.write(rendered, to: target, span: c.option("to")?.span ?? c.span, c)
        c.print("wrote \(target)")
    }
}
