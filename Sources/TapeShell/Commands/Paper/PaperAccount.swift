import TapeCore

/// `paper account` (also plain `paper`): the account's figures, from whichever broker
/// the session trades with. Rows a broker does not keep are left out.
enum PaperAccount {
    static let spec = CommandSpec(
        name: "account", summary: "cash, equity, buying power and P&L of the paper account", effect: .query,
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let broker = try PaperState.of(c).broker(c)
        let a = try PaperState.call(c) { try broker.account() }
        if let status = a.status {
            c.print("paper account at \(broker.name) (\(status), \(a.currency))")
        } else {
            c.print("paper account " + (a.asOf.map { "as of \(CivilTime.format($0))" } ?? "no bars processed yet"))
        }
        var t = TextTable(["", "value"])
        t.add(["cash", Format.fixed(a.cash, 2)])
        t.add(["equity", Format.fixed(a.equity, 2)])
        t.add(["buying power", Format.fixed(a.buyingPower, 2)])
        let optional: [(String, String?)] = [
            ("realised P&L", a.realisedPnL.map { Format.fixed($0, 2) }),
            ("unrealised P&L", a.unrealisedPnL.map { Format.fixed($0, 2) }),
            ("commissions", a.commissions.map { Format.fixed($0, 2) }),
            ("positions", a.positions.map { String($0) }),
            ("open orders", a.openOrders.map { String($0) }),
        ]
        for case let (label, value?) in optional { t.add([label, value]) }
        c.print(table: t)
        if let halted = a.haltedDay {
            c.print("trading halted for \(CivilTime.format(halted)) by daily_loss_limit")
        }
    }
}
