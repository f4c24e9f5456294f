import TapeCore

/// The ID argument of `paper why` and `paper cancel`. The simulator numbers its orders
/// (`paper why 3`); Alpaca names them with UUIDs, written in quotes. Each broker says
/// when an id names none of its orders.
enum PaperOrderID {
    static let argument = ArgumentSpec("ID", help: "the order's id from paper orders: a number, or an Alpaca id in quotes")

    static func read(_ c: CommandContext) throws -> (id: String, span: Span) {
        guard let e = c.positionals.first else {
            throw TapeError("\(c.spec.fullName) needs ID", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        if let w = e.word { return (w, e.span) }
        if case .number(let x, nil, _) = e, x >= 1, x == x.rounded(), x < 1e15 { return (String(Int64(x)), e.span) }
        throw TapeError("expected an order id: a number from paper orders, or an Alpaca id in quotes", span: e.span)
    }
}
