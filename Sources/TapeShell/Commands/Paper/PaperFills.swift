import TapeCore

/// `paper fills`: every execution, oldest first; option expiries appear as fills of no order.
enum PaperFills {
    static let spec = CommandSpec(
        name: "fills", summary: "every execution, oldest first (option expiries too)", effect: .query,
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        let broker = try PaperState.of(c).broker(c)
        let fills = try PaperState.call(c) { try broker.fills() }
        guard !fills.isEmpty else { return c.print("no fills") }
        var t = TextTable(["date", "order", "side", "qty", "symbol", "price", "commission"])
        for f in fills {
            t.add([CivilTime.format(f.time), f.orderId.map { "#\($0)" } ?? "expiry", f.side.rawValue, Format.number(f.quantity),
                   f.symbol, Format.fixed(f.price, 2), f.commission.map { Format.fixed($0, 2) } ?? ""])
        }
        c.print(table: t)
    }
}
