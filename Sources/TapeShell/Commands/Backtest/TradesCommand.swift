import TapeCore

/// `trades [N]`: the last backtest's closed trades (the last N), then any still open.
enum TradesCommand: Command {
    static let spec = CommandSpec(
        name: "trades",
        summary: "the last backtest's closed trades (the last N), then any trade still open",
        effect: .query,
        arguments: [ArgumentSpec("N", .count, bounds: .from(1, to: 1_000_000_000), optional: true, help: "only the last N trades")],
        run: run)

    static func run(_ c: CommandContext) throws {
        let (r, _) = try BacktestRun.last(c)
        var list = r.trades
        if let n = c.argument(0).flatMap({ v -> Int? in if case .number(let x) = v { return Int(exactly: x) }; return nil }) {
            list = Array(list.suffix(n))
        }
        var t = TextTable(["#", "size", "entry", "exit", "entry price", "exit price", "pnl", "return %", "days", "exit by"])
        let first = r.trades.count - list.count
        for (k, x) in list.enumerated() {
            t.add([String(first + k + 1), Format.number(x.size), CivilTime.format(x.entryTime), CivilTime.format(x.exitTime),
                   Format.fixed(x.entryPrice, 2), Format.fixed(x.exitPrice, 2), Format.fixed(x.pnl, 2),
                   Format.fixed(x.returnPct * 100, 2), Format.number(x.durationDays), x.exitReason.rawValue])
        }
        c.print(table: t)
        for o in r.openTrades {
            c.print("open: \(Format.number(o.size)) since \(CivilTime.format(o.entryTime)) at \(Format.fixed(o.entryPrice, 2)), unrealised \(Format.fixed(o.unrealizedPnL, 2))")
        }
    }
}
