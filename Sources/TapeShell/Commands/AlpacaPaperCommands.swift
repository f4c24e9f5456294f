import TapeCore
import TapeData

/// `paper ...` after `broker alpaca`: the same words, sent to Alpaca's paper account.
/// The clock, risk and ledger subcommands belong to the simulated broker only: Alpaca
/// runs its own clock, risk checks and books.
enum AlpacaPaperCommands {
    static func run(_ sub: String, _ rest: [Expr], _ c: CommandContext, _ client: AlpacaPaperClient) throws {
        do {
            switch sub {
            case "account":
                let a = try client.account()
                var t = TextTable(["", "value"])
                t.add(["status", a.status])
                t.add(["cash", Format.fixed(a.cash, 2)])
                t.add(["equity", Format.fixed(a.equity, 2)])
                t.add(["buying power", Format.fixed(a.buyingPower, 2)])
                c.print("alpaca paper account (\(a.currency))")
                c.print(table: t)
            case "positions":
                let ps = try client.positions()
                guard !ps.isEmpty else { return c.print("no positions") }
                var t = TextTable(["symbol", "qty", "avg entry", "price", "value", "unrealised"])
                for p in ps {
                    t.add([p.symbol, Format.number(p.quantity), Format.fixed(p.averageEntryPrice, 2),
                           p.currentPrice.map { Format.fixed($0, 2) } ?? "", Format.fixed(p.marketValue, 2), Format.fixed(p.unrealizedPL, 2)])
                }
                c.print(table: t)
            case "orders":
                let os = try client.orders(status: c.has("all") ? "all" : "open")
                guard !os.isEmpty else { return c.print("no \(c.has("all") ? "" : "open ")orders") }
                var t = TextTable(["id", "side", "qty", "symbol", "type", "limit", "stop", "status", "filled"])
                for o in os {
                    t.add([o.id, o.side, o.quantity.map(Format.number) ?? "", o.symbol, o.type, o.limitPrice.map { Format.fixed($0, 2) } ?? "",
                           o.stopPrice.map { Format.fixed($0, 2) } ?? "", o.status, Format.number(o.filledQuantity)])
                }
                c.print(table: t)
            case "buy", "sell":
                let r = try PaperCommands.orderRequest(c, side: sub == "buy" ? .buy : .sell, rest)
                let o = try client.submit(r)
                c.print("alpaca order \(o.id) \(o.status): \(o.side) \(o.quantity.map(Format.number) ?? "") \(o.symbol) \(o.type) "
                        + "(client_order_id \(o.clientOrderId))")
            case "cancel":
                guard let e = rest.first, let id = e.word else { throw TapeError("give the Alpaca order id (see: paper orders)", span: c.span) }
                try client.cancel(id: id)
                c.print("cancel requested for \(id)")
            default:
                throw TapeError("paper \(sub) works on the simulated broker only", span: c.span, hint: "switch with: broker sim")
            }
        } catch let e as AlpacaPaperError {
            throw TapeError(e.description, span: c.span)
        }
    }
}
