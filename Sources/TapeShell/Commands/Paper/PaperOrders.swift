import TapeCore

/// `paper orders [all]`: working orders, or every order, from the session's broker.
enum PaperOrders {
    static let spec = CommandSpec(
        name: "orders", summary: "working orders (all: every order, closed and rejected ones too)", effect: .query,
        options: [.flag("all", "every order, not only the working ones")], arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let broker = try PaperState.of(c).broker(c)
        let all = c.has("all")
        let list = try PaperState.call(c) { try broker.orders(includeClosed: all) }
        guard !list.isEmpty else { return c.print(all ? "no orders" : "no open orders (paper orders all: every order)") }
        var t = TextTable(["id", "side", "qty", "symbol", "type", "price", "tif", "status", "filled", "avg price"])
        for o in list {
            t.add([o.id, o.side.rawValue, o.quantity.map(Format.number) ?? "sized", o.symbol,
                   o.role == .simple ? o.typeName : "\(o.typeName) (\(o.role.rawValue))", o.type.map(price) ?? "",
                   o.timeInForce, o.status, Format.number(o.filledQuantity), o.averageFillPrice.map { Format.fixed($0, 2) } ?? ""])
        }
        c.print(table: t)
    }

    /// The price column: a limit or stop, both of a stop-limit, a trailing stop's distance.
    static func price(_ type: OrderType) -> String {
        switch type {
        case .market: return ""
        case .limit(let l): return Format.fixed(l, 2)
        case .stop(let s): return Format.fixed(s, 2)
        case .stopLimit(let s, let l): return Format.fixed(s, 2) + "/" + Format.fixed(l, 2)
        case .trailingStop(.amount(let a)): return "trail " + Format.fixed(a, 2)
        case .trailingStop(.percent(let p)): return "trail " + Format.number(p * 100) + "%"
        }
    }
}
