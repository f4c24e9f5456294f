import TapeCore
import TapeData

/// `paper auto entry EXPR [exit EXPR] [short] [fraction P%] live SYMBOL [bars 1m]
/// [count N] [seconds N]`: the rule of `paper auto`, traded on the symbol's minute bars
/// from Alpaca's stream as they close, through the simulator's ledger (its risk rules
/// and circuit breakers), or under `broker alpaca` through Alpaca's paper account behind
/// the same pre-trade checks. The stream is read, recorded and replayed by `watch`'s code,
/// so a replay of the session reaches the same decisions and fills (docs/LIVE.md).
enum LiveAuto {
    static func run(_ c: CommandContext) throws {
        guard let liveExpr = c.option("live") else { return }
        let symbol = try c.word(liveExpr, "a symbol").uppercased()
        guard !symbol.isEmpty, symbol.count <= 12, symbol.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else {
            throw TapeError("invalid symbol \"\(symbol)\"", span: liveExpr.span, hint: "use letters, digits, '.' or '-': live SPY")
        }
        if let until = c.option("until") {
            throw TapeError("until reads the loaded data; a live run ends with count N or seconds N", span: until.span,
                            hint: "e.g. live \(symbol) seconds 3600")
        }
        if let b = c.option("bars"), c.invocation.text(of: b).lowercased() != "1m" {
            throw TapeError("the stream's bars are minute bars: bars 1m", span: b.span, hint: "live \(symbol) bars 1m")
        }
        guard let entry = c.option("entry") else {
            throw TapeError("auto needs an entry signal", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        let feedBars = c.option("bars") != nil
        let state = PaperState.of(c)
        let venue: LiveTrader.Venue
        if state.alpaca(c) != nil {
            let prices = LivePrices()
            venue = .alpaca(try state.broker(c, livePrice: { prices.get($0) }), prices)
        } else {
            venue = .simulator(try state.ledger(c))
        }
        let trader = LiveTrader(symbol: symbol, feedBars: feedBars, entry: entry, exit: c.option("exit"), short: c.has("short"),
                                fraction: c.value("fraction") ?? 1, venue: venue)
        var run = WatchRun(symbols: [symbol], feedBars: feedBars, shows: [], count: c.int("count"), seconds: c.value("seconds"))
        run.trader = trader
        try WatchCommand.stream(&run, poll: nil, c)
        if let failure = trader.failure { throw failure }
        guard case .simulator(let ledger) = venue else {
            c.print("sent \(trader.orders) order\(trader.orders == 1 ? "" : "s") to Alpaca on \(trader.traded) closed \(symbol) minute "
                    + "bar\(trader.traded == 1 ? "" : "s") (paper orders, paper fills)")
            for (kind, n) in run.book.problems.sorted(by: { $0.key < $1.key }) { c.print("skipped \(n) × \(kind)") }
            return
        }
        let b = try PaperState.call(c) { try ledger.broker() }
        let position = b.state.positions[symbol]?.quantity ?? 0
        c.print("traded \(trader.traded) of \(trader.closed) closed \(symbol) minute bar\(trader.closed == 1 ? "" : "s"): "
                + "\(trader.orders) order\(trader.orders == 1 ? "" : "s"), \(trader.fills) fill\(trader.fills == 1 ? "" : "s"), "
                + "position \(Format.number(position)), equity \(Format.fixed(b.equity, 2))")
        if trader.traded < trader.closed {
            c.print("\(trader.closed - trader.traded) bar\(trader.closed - trader.traded == 1 ? " was" : "s were") at or before the paper clock "
                    + "(\(try PaperState.call(c) { try ledger.cursor() }.map { CivilTime.format($0, forceTime: true) } ?? "?")): paper reset to trade them")
        }
        if let halt = b.breakers.halt, halt.isActive(at: b.clock) {
            c.print("halted by \(halt.rule): \(halt.reason) (paper why)")
        }
        for (kind, n) in run.book.problems.sorted(by: { $0.key < $1.key }) { c.print("skipped \(n) × \(kind)") }
        if let gaveUp = run.book.events.last(where: { $0.hasPrefix("gave up") }) { c.print("stream " + gaveUp) }
    }
}
