import Foundation
import TapeCore
import TapeData

/// What `paper buy`, `paper sell`, `paper order buy` and `paper order sell` take,
/// declared once, and the order request they build. The dispatcher has already checked
/// every value's kind and range (a whole quantity, positive prices, a trail percentage
/// below 100%, a known time in force); what is left here is how the options combine.
enum PaperOrderEntry {
    static let arguments: [ArgumentSpec] = [
        ArgumentSpec("QTY", .count, bounds: .from(1, to: 1_000_000_000), help: "shares, contracts or spreads"),
        ArgumentSpec("SYMBOL", .text, help: "a ticker, an OCC option symbol, or a spread in quotes: \"+1 SYM1, -1 SYM2\"",
                     completions: { shell in shell.workspace.datasetOrder.map { $0.uppercased() } }),
    ]

    static let options: [OptionSpec] = [
        .money("limit", "limit price: fills at this price or better", bounds: .positive, placeholder: "P"),
        .money("stop", "stop price: works once the market touches it (with limit: a stop-limit)", bounds: .positive, placeholder: "P"),
        .money("trail", "trailing stop this far behind the best price since the order was placed", bounds: .positive,
               placeholder: "A"),
        .rate("trail_pct", "trailing stop this share behind the best price since the order was placed", bounds: .openUnit),
        .choice("tif", TimeInForce.allCases.map(\.rawValue), "how long it works: day (default), gtc until cancelled, ioc or fok on its first bar"),
        .money("take_profit", "limit that takes the profit, working once the entry fills (bracket)", bounds: .positive,
               placeholder: "P"),
        .money("stop_loss", "stop that limits the loss, working once the entry fills (bracket)", bounds: .positive,
               placeholder: "P"),
        .flag("oco", "take_profit and stop_loss as an exit pair for a position: one cancels the other"),
        .text("id", "client order id: submitting the same id again never trades twice"),
    ]

    /// `paper buy` / `paper sell`, and the same rows under `paper order`.
    static func spec(_ side: OrderSide) -> CommandSpec {
        let verb = side.rawValue
        return CommandSpec(
            name: verb,
            summary: "\(side == .buy ? "buy" : "sell") QTY of a stock, an option or a spread: market, limit, stop, trailing, bracket or OCO",
            details: side == .buy ? """
            paper buy 10 SPY                              market: fills at the next bar's open
            paper buy 10 SPY limit 420 tif gtc            limit, good till cancelled
            paper buy 10 SPY stop 470 limit 471           stop-limit
            paper buy 10 SPY limit 470 take_profit 490 stop_loss 455    bracket
            paper buy 2 SPY200221C00330000                an option (OCC symbol), priced by Black-Scholes
            paper buy 1 "+1 SPY200221C00330000, -1 SPY200221C00340000" limit 3.1
                                                          a spread as one order (net debit; legs fill together)
            paper buy 10 SPY id "order-7"                 resubmitting id order-7 returns the same order
            """ : """
            paper sell 10 SPY                             market: fills at the next bar's open
            paper sell 10 SPY limit 480 tif gtc           limit, good till cancelled
            paper sell 10 SPY trail_pct 5%                trailing stop 5% below the highest price since
            paper sell 10 SPY oco take_profit 490 stop_loss 455         exit pair for a long position
            """,
            effect: .changesState, options: options, arguments: arguments,
            run: { c in try run(c, side: side) })
    }

    static func run(_ c: CommandContext, side: OrderSide) throws {
        let request = try request(c, side: side)
        let state = PaperState.of(c)
        let broker = try state.broker(c)
        if let sim = broker as? LedgerBroker { try PaperClock.startForOrder(c, sim.ledger) }
        let placed = try PaperState.call(c) { try broker.submit(request) }
        for r in placed { c.print("#\(r.id) \(r.note)") }
    }

    static func request(_ c: CommandContext, side: OrderSide) throws -> OrderRequest {
        guard case .number(let qty)? = c.argument(0), case .word(let symbol)? = c.argument(1) else {
            throw TapeError("\(c.spec.fullName) needs QTY and SYMBOL", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        let symbolSpan = c.positionals.count > 1 ? c.positionals[1].span : c.span
        let limit = c.value("limit"), stop = c.value("stop")
        if symbol.contains(",") {
            return try spread(c, side: side, quantity: qty, legs: symbol, span: symbolSpan, limit: limit)
        }
        let type: OrderType
        switch (limit, stop, c.value("trail"), c.value("trail_pct")) {
        case (nil, nil, nil, nil): type = .market
        case (let l?, nil, nil, nil): type = .limit(l)
        case (nil, let s?, nil, nil): type = .stop(s)
        case (let l?, let s?, nil, nil): type = .stopLimit(stop: s, limit: l)
        case (nil, nil, let a?, nil): type = .trailingStop(.amount(a))
        case (nil, nil, nil, let p?): type = .trailingStop(.percent(p))
        default:
            throw TapeError("a trailing stop takes no limit or stop price, and only one of trail and trail_pct",
                            span: c.optionSpan("trail") ?? c.optionSpan("trail_pct") ?? c.span)
        }
        var orderClass = OrderRequest.OrderClass.simple
        switch (c.value("take_profit"), c.value("stop_loss")) {
        case (nil, nil):
            if c.has("oco") { throw TapeError("oco needs take_profit and stop_loss", span: c.optionSpan("oco") ?? c.span) }
        case (let t?, let s?): orderClass = c.has("oco") ? .oco(takeProfit: t, stopLoss: s) : .bracket(takeProfit: t, stopLoss: s)
        case (let t, _):
            throw TapeError("take_profit and stop_loss go together", span: c.optionSpan(t == nil ? "stop_loss" : "take_profit"))
        }
        return OrderRequest(side, qty, Instrument.parse(symbol.uppercased()), type: type, timeInForce: timeInForce(c),
                            orderClass: orderClass, clientOrderId: c.text("id"))
    }

    /// `paper buy 2 "+1 SPY200221C00330000, -1 SPY200221C00340000" limit 3.1`: a
    /// multi-leg spread as one order. Each leg is `[+|-][RATIO] SYMBOL` as it is when the
    /// spread is bought (selling the spread reverses every leg); a limit is the net debit
    /// per spread per unit of underlying; all legs fill together or not at all.
    static func spread(_ c: CommandContext, side: OrderSide, quantity: Double, legs text: String, span: Span,
                       limit: Double?) throws -> OrderRequest {
        for key in ["stop", "trail", "trail_pct", "take_profit", "stop_loss", "oco"] where c.optionSpan(key) != nil {
            throw TapeError("a spread order takes a market or limit price only", span: c.optionSpan(key))
        }
        var legs: [OrderLeg] = []
        for raw in text.split(separator: ",") {
            let shown = raw.trimmingCharacters(in: .whitespaces)
            var item = Substring(shown)
            var legSide = OrderSide.buy
            if item.hasPrefix("-") { legSide = .sell; item.removeFirst() } else if item.hasPrefix("+") { item.removeFirst() }
            let parts = item.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let symbolText = parts.last ?? ""
            guard parts.count == 1 || parts.count == 2, !symbolText.isEmpty, parts.count == 1 || Int(parts[0]) != nil else {
                throw TapeError("cannot read the leg '\(shown)': write [+|-][RATIO] SYMBOL", span: span)
            }
            // A ratio out of range is an error, not quietly a ratio of 1.
            let ratio = parts.count == 2 ? Int(parts[0]) ?? 0 : 1
            guard (1...1000).contains(ratio) else {
                throw TapeError("leg '\(shown)': the ratio must be a whole number from 1 to 1000", span: span)
            }
            legs.append(OrderLeg(Instrument.parse(symbolText.uppercased()), side: legSide, ratio: ratio))
        }
        guard legs.count >= 2 else { throw TapeError("a spread needs at least two legs separated by commas", span: span) }
        return OrderRequest(spread: legs, side: side, quantity: quantity, type: limit.map { .limit($0) } ?? .market,
                            timeInForce: timeInForce(c), clientOrderId: c.text("id"))
    }

    /// `tif`, day when not given (the dispatcher has checked the word).
    static func timeInForce(_ c: CommandContext) -> TimeInForce {
        c.text("tif").flatMap(TimeInForce.init(rawValue:)) ?? .day
    }
}
