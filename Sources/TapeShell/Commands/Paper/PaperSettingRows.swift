import TapeCore
import TapeData

/// `paper risk` and `paper config` are one shape over two tables of the simulator's
/// settings: no argument lists them, a name shows one, a name and a value sets it.
enum PaperSettingRows {
    struct Table: Sendable {
        /// `rule` or `setting`: the argument's name and the first column.
        let noun: String
        let keys: [(key: String, help: String)]
        let read: @Sendable (SimBroker, String) -> String?
        let write: @Sendable (Ledger, String, String) throws -> Void
        let reason: String
    }

    static func spec(_ name: String, summary: String, details: String, _ table: Table) -> CommandSpec {
        CommandSpec(
            name: name, summary: summary, details: details, effect: .changesState,
            arguments: [ArgumentSpec(table.noun.uppercased(), .choice(table.keys.map(\.key)), optional: true,
                                     help: "the \(table.noun) to show or set"),
                        ArgumentSpec("VALUE", optional: true, help: "a number, true/false, or none to switch a limit off")],
            run: { c in try run(c, table) })
    }

    static func run(_ c: CommandContext, _ table: Table) throws {
        // A table without a reason to refuse (the risk rules) is kept in the ledger for every broker.
        let ledger = table.reason.isEmpty ? try PaperState.of(c).ledger(c) : try PaperState.of(c).simulated(c, because: table.reason)
        let b = try PaperState.call(c) { try ledger.broker() }
        guard case .word(let key)? = c.argument(0) else {
            var t = TextTable([table.noun, "value", "meaning"])
            for (k, help) in table.keys { t.add([k, table.read(b, k) ?? "", help]) }
            return c.print(table: t)
        }
        guard c.positionals.count > 1 else {
            return c.print("\(key) = \(table.read(b, key) ?? "")")
        }
        let e = c.positionals[1]
        let value: String
        if let w = e.word { value = w } else {
            switch try c.evaluate(e) {
            case .number(let x): value = Format.roundTrip(x)
            case .bool(let x): value = String(x)
            case let v: throw TapeError("expected a number, true/false or none, got \(v.typeName)", span: e.span)
            }
        }
        try PaperState.call(c, at: e.span) { try table.write(ledger, key, value) }
        let after = try PaperState.call(c) { try ledger.broker() }
        c.print("\(key) = \(table.read(after, key) ?? value)")
    }
}
