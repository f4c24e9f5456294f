import TapeCore

/// `set ledger "FILE"`: which paper ledger the session trades on. A trusted session
/// trades on FILE itself; an untrusted one on a scratch copy (`Session.chooseLedger`).
enum LedgerSetting {
    static let setting = SettingSpec(
        name: "ledger",
        summary: "the paper-trading ledger file (scripts and replays otherwise use a scratch ledger)",
        arguments: [ArgumentSpec("\"FILE.sqlite\"", .path, help: "the ledger file")],
        current: { $0.workspace.settings["ledger"] ?? "(default)" }
    ) { c in
        guard case .word(let path)? = c.argument(0) else {
            throw TapeError("set ledger needs a file name in quotes", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        c.workspace.settings["ledger"] = path
        c.session.chooseLedger(path)
    }
}
