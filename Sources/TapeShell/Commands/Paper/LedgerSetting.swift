import TapeCore

/// `set ledger "FILE"`: which paper ledger the session trades on. A trusted session
/// trades on FILE itself; an untrusted one on a scratch copy (`Session.chooseLedger`).
enum LedgerSetting {
    static let setting = SettingSpec(
        name: "ledger", usage: "ledger \"FILE.sqlite\"",
        summary: "the paper-trading ledger file (scripts and replays otherwise use a scratch ledger)", keys: [],
        current: { $0.workspace.settings["ledger"] ?? "(default)" }
    ) { c, args in
        guard let e = args.first, case .string(let path, _) = e else {
            throw TapeError("ledger needs a file name in quotes, e.g. set ledger \"paper.sqlite\"", span: args.first?.span ?? c.span)
        }
        c.workspace.settings["ledger"] = path
        c.session.chooseLedger(path)
    }
}
