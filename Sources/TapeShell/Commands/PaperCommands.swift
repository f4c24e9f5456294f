import Foundation
import TapeCore
import TapeData

/// Paper trading at the prompt: `paper ...` drives the simulated broker kept in the
/// SQLite ledger (or, after `broker alpaca`, Alpaca's paper account); `broker` picks which.
///
/// The simulated broker's clock is the loaded data: `paper step` processes the next bar of
/// every loaded dataset, filling open orders by the rules in docs/PAPER.md. Replays
/// (`--check`, `replay`) use a fresh scratch ledger unless `--ledger FILE` was given, so a
/// replay never touches the user's real account.
enum PaperCommands {
    static var all: [CommandSpec] { [paper, broker] }

    static let subcommands = ["account", "buy", "sell", "order", "orders", "positions", "fills", "why", "cancel", "step", "run",
                              "auto", "risk", "config", "reset", "check"]

    static let paper = CommandSpec(
        name: "paper", usage: "paper [SUBCOMMAND ...]",
        summary: "paper trading: orders, positions and a bar-by-bar clock over the loaded data",
        details: """
        paper                                account: cash, equity, buying power, P&L
        paper buy 10 SPY                     market order, fills at the next bar's open
        paper sell 5 SPY limit 480 tif gtc   limit order good till cancelled
        paper buy 10 SPY stop 470            stop; also stop + limit, trail 2.5, trail_pct 5%
        paper buy 10 SPY limit 470 take_profit 490 stop_loss 455    bracket order
        paper sell 10 SPY oco take_profit 490 stop_loss 455         exit pair for a position
        paper order buy 10 SPY limit 470 tif gtc                     the general form of buy and sell
        paper buy 1 "+1 SPY200221C00330000, -1 SPY200221C00340000" limit 3.1
                                             a spread as one order (net debit; all legs fill together)
        paper buy 2 SPY200221C00330000       an option (OCC symbol), priced by Black-Scholes
        paper buy 10 SPY id "order-7"        client order id: resubmitting it never trades twice
        paper orders [all] | positions | fills | why ID | cancel ID
        paper step [N]                       process the next N bars of every loaded dataset
        paper run until 2021-06-30           process bars up to a date
        paper auto entry cross(fast, slow) exit cross(slow, fast) [short] [fraction 50%] [until DATE]
        paper risk [RULE VALUE]              show or set a risk rule (docs/PAPER.md lists them)
        paper config [KEY VALUE]             show or set costs: commission_rate, slippage_bp, ...
        paper reset [cash 100000]            empty the account
        paper check                          reconcile cash, positions and fills
        The ledger is ~/.local/state/tape/paper.sqlite unless `tape --ledger FILE`.
        """,
        effect: .changesState,
        keys: ["limit", "stop", "trail", "trail_pct", "tif", "take_profit", "stop_loss", "id", "until", "entry", "exit",
               "fraction", "cash"],
        flags: ["all", "oco", "short"]
    ) { c in
        let state = c.workspace.state { PaperState() }
        var args = c.positionals
        var sub = try args.first.map { try c.word($0, "a paper subcommand").lowercased() } ?? "account"
        if sub == "order" {
            // `paper order buy 10 SPY limit 420`: the general form of buy and sell.
            guard args.count > 1, let side = args[1].word?.lowercased(), side == "buy" || side == "sell" else {
                throw TapeError("paper order needs buy or sell", span: args.dropFirst().first?.span ?? c.span,
                                hint: "e.g. paper order buy 10 SPY limit 420 tif gtc")
            }
            args.removeFirst()
            sub = side
        }
        guard subcommands.contains(sub) else {
            throw TapeError("unknown paper subcommand '\(sub)'", span: args.first?.span,
                            hint: Suggest.nearest(sub, in: subcommands).map { "did you mean '\($0)'?" } ?? "one of: " + subcommands.joined(separator: ", "))
        }
        let rest = Array(args.dropFirst())
        if let alpaca = state.alpaca {
            try AlpacaPaperCommands.run(sub, rest, c, alpaca)
            return
        }
        let ledger = try state.ledger(c)
        switch sub {
        case "account": try account(c, ledger)
        case "buy", "sell": try order(c, ledger, side: sub == "buy" ? .buy : .sell, rest)
        case "orders": try orders(c, ledger)
        case "positions": try positions(c, ledger)
        case "fills": try fills(c, ledger)
        case "why":
            let id = try orderID(c, rest)
            let b = try ledger.broker()
            guard b.order(id) != nil else { throw TapeError("no order #\(id)", span: rest.first?.span) }
            for line in b.why(id) { c.print(line) }
        case "cancel":
            let id = try orderID(c, rest)
            try ledger.cancel(id)
            c.print("cancelled #\(id)")
        case "step", "run", "auto": try clock(c, ledger, sub, rest)
        case "risk", "config": try settings(c, ledger, sub, rest)
        case "reset":
            var config = try ledger.broker().config
            if let cash = try c.number("cash") {
                guard cash > 0, cash.isFinite else { throw TapeError("cash must be positive", span: c.option("cash")?.span) }
                config.startingCash = cash
            }
            try ledger.reset(config: config)
            c.print("paper account reset: cash \(Format.fixed(config.startingCash, 2))")
        default:
            let check = try ledger.check()
            c.print((check.isConsistent ? "consistent: " : "INCONSISTENT: ") + check.description)
        }
    }

    static let broker = CommandSpec(
        name: "broker", usage: "broker [sim|alpaca]",
        summary: "choose where paper orders go: the simulated broker (default) or Alpaca's paper account",
        details: """
        broker            show the current broker
        broker sim        the simulated broker and its SQLite ledger (default)
        broker alpaca     Alpaca's paper API: needs APCA_API_KEY_ID and APCA_API_SECRET_KEY
                          (APCA_API_BASE_URL defaults to https://paper-api.alpaca.markets);
                          not available in replays
        """,
        effect: .changesState, maxPositional: 1
    ) { c in
        let state = c.workspace.state { PaperState() }
        guard let e = c.positionals.first else {
            c.print(state.alpaca == nil ? "broker: sim (ledger \(state.ledgerLabel(c)))" : "broker: alpaca (\(state.alpaca?.config.baseURL ?? ""))")
            return
        }
        switch try c.word(e, "sim or alpaca").lowercased() {
        case "sim":
            state.alpaca = nil
            c.print("broker: sim")
        case "alpaca":
            if c.session.replaysAFile && !c.session.trust.trusted {
                throw TapeError("broker alpaca is not available when running a session file: files never send orders",
                                span: e.span, hint: "type it at the prompt, or run a file you trust with tape --trust FILE")
            }
            let config = try AlpacaPaperClient.Config.fromEnvironment()
            state.alpaca = AlpacaPaperClient(http: CurlPaperHTTP(), config: config)
            c.print("broker: alpaca (\(config.baseURL))")
        case let other:
            throw TapeError("unknown broker '\(other)'", span: e.span, hint: "use: broker sim, or broker alpaca")
        }
    }

    // MARK: Subcommands

    static func account(_ c: CommandContext, _ ledger: Ledger) throws {
        let b = try ledger.broker()
        let when = b.state.lastPrice.isEmpty ? "no bars processed yet" : "as of \(CivilTime.format(b.state.clock))"
        c.print("paper account \(when)")
        var t = TextTable(["", "value"])
        t.add(["cash", Format.fixed(b.cash, 2)])
        t.add(["equity", Format.fixed(b.equity, 2)])
        t.add(["buying power", Format.fixed(b.buyingPower, 2)])
        t.add(["realised P&L", Format.fixed(b.state.realisedPnL, 2)])
        t.add(["unrealised P&L", Format.fixed(b.unrealisedPnL, 2)])
        t.add(["commissions", Format.fixed(b.state.commissions, 2)])
        t.add(["positions", String(b.positions.count)])
        t.add(["open orders", String(b.openOrders.count)])
        c.print(table: t)
        if let halted = b.state.haltedDay, halted == CivilTime.day(b.state.clock) * CivilTime.secondsPerDay {
            c.print("trading halted for \(CivilTime.format(halted)) by daily_loss_limit")
        }
    }

    static func order(_ c: CommandContext, _ ledger: Ledger, side: OrderSide, _ rest: [Expr]) throws {
        let request = try orderRequest(c, side: side, rest)
        let o = try ledger.submit(request)
        let b = try ledger.broker()
        if o.status == .rejected {
            throw TapeError(b.why(o.id).last.map { String($0.split(separator: " ", maxSplits: 2).last ?? "") } ?? "order rejected", span: c.span)
        }
        // Ids are positions in the order list; another process may have reset the ledger
        // between the submission and this read, so the list can be shorter than o.id.
        for placed in b.orders.dropFirst(o.id - 1)
        where placed.id == o.id || placed.parentId == o.id || placed.ocoGroup.map({ $0 == o.ocoGroup }) == true {
            c.print("#\(placed.id) " + (b.why(placed.id).first.map { String($0.split(separator: " ", maxSplits: 2).last ?? "") } ?? ""))
        }
    }

    /// `buy|sell QTY SYMBOL [limit P] [stop P] [trail A | trail_pct P%] [tif T] [take_profit P stop_loss P] [oco] [id X]`.
    static func orderRequest(_ c: CommandContext, side: OrderSide, _ rest: [Expr]) throws -> OrderRequest {
        guard rest.count == 2 else {
            throw TapeError("\(side.rawValue) needs a quantity and a symbol", span: rest.dropFirst(2).first?.span ?? c.span,
                            hint: "e.g. paper \(side.rawValue) 10 SPY limit 420")
        }
        guard case .number(let qty) = try c.evaluate(rest[0]), qty > 0, qty == qty.rounded(), qty < 1e12 else {
            throw TapeError("quantity must be a whole number of shares or contracts", span: rest[0].span)
        }
        let limit = try price(c, "limit"), stop = try price(c, "stop")
        if case .string(let text, let span) = rest[1], text.contains(",") {
            return try spreadRequest(c, side: side, quantity: qty, legs: text, span: span, limit: limit, stop: stop)
        }
        let symbol = try c.word(rest[1], "a symbol").uppercased()
        let trail = try price(c, "trail")
        var trailPct: Double?
        if let p = try c.number("trail_pct") {
            guard p > 0, p < 1 else { throw TapeError("write trail_pct as a percentage below 100%, e.g. trail_pct 5%", span: c.option("trail_pct")?.span) }
            trailPct = p
        }
        let type: OrderType
        switch (limit, stop, trail, trailPct) {
        case (nil, nil, nil, nil): type = .market
        case (let l?, nil, nil, nil): type = .limit(l)
        case (nil, let s?, nil, nil): type = .stop(s)
        case (let l?, let s?, nil, nil): type = .stopLimit(stop: s, limit: l)
        case (nil, nil, let a?, nil): type = .trailingStop(.amount(a))
        case (nil, nil, nil, let p?): type = .trailingStop(.percent(p))
        default: throw TapeError("a trailing stop takes no limit or stop price, and only one of trail and trail_pct", span: c.span)
        }
        let tif = try timeInForce(c)
        let tp = try price(c, "take_profit"), sl = try price(c, "stop_loss")
        var orderClass = OrderRequest.OrderClass.simple
        switch (tp, sl) {
        case (nil, nil):
            if c.has("oco") { throw TapeError("oco needs take_profit and stop_loss", span: c.span) }
        case (let t?, let s?): orderClass = c.has("oco") ? .oco(takeProfit: t, stopLoss: s) : .bracket(takeProfit: t, stopLoss: s)
        default: throw TapeError("take_profit and stop_loss go together", span: c.optionSpan(tp == nil ? "stop_loss" : "take_profit"))
        }
        return OrderRequest(side, qty, Instrument.parse(symbol), type: type, timeInForce: tif, orderClass: orderClass,
                            clientOrderId: try c.string("id"))
    }

    /// `paper buy 2 "+1 SPY200221C00330000, -1 SPY200221C00340000" limit 3.1`: a
    /// multi-leg spread as one order. Each leg is `[+|-][RATIO] SYMBOL` as it is when the
    /// spread is bought (selling the spread reverses every leg); a limit is the net debit
    /// (positive) or credit (negative) per spread per unit of underlying; all legs fill
    /// together or not at all.
    static func spreadRequest(_ c: CommandContext, side: OrderSide, quantity: Double, legs text: String, span: Span,
                              limit: Double?, stop: Double?) throws -> OrderRequest {
        if stop != nil || c.option("trail") != nil || c.option("trail_pct") != nil || c.option("take_profit") != nil {
            throw TapeError("a spread order takes a market or limit price only", span: span)
        }
        var legs: [OrderLeg] = []
        for raw in text.split(separator: ",") {
            var item = raw.trimmingCharacters(in: .whitespaces)
            var legSide = OrderSide.buy
            if item.hasPrefix("-") { legSide = .sell; item.removeFirst() } else if item.hasPrefix("+") { item.removeFirst() }
            let parts = item.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let symbolText = parts.last ?? ""
            guard parts.count == 1 || parts.count == 2, !symbolText.isEmpty, parts.count == 1 || Int(parts[0]) != nil else {
                throw TapeError("cannot read the leg '\(raw.trimmingCharacters(in: .whitespaces))': write [+|-][RATIO] SYMBOL", span: span)
            }
            // A ratio out of range is an error, not quietly a ratio of 1.
            let ratio = parts.count == 2 ? Int(parts[0]) ?? 0 : 1
            guard (1...1000).contains(ratio) else {
                throw TapeError("leg '\(raw.trimmingCharacters(in: .whitespaces))': the ratio must be a whole number from 1 to 1000", span: span)
            }
            let instrument = Instrument.parse(symbolText.uppercased())
            legs.append(OrderLeg(instrument, side: legSide, ratio: ratio))
        }
        guard legs.count >= 2 else { throw TapeError("a spread needs at least two legs separated by commas", span: span) }
        return OrderRequest(spread: legs, side: side, quantity: quantity, type: limit.map { .limit($0) } ?? .market,
                            timeInForce: try timeInForce(c), clientOrderId: try c.string("id"))
    }

    /// `tif day|gtc|ioc|fok`, day when not given.
    static func timeInForce(_ c: CommandContext) throws -> TimeInForce {
        guard let t = try c.string("tif") else { return .day }
        guard let v = TimeInForce(rawValue: t.lowercased()) else {
            throw TapeError("tif must be day, gtc, ioc or fok", span: c.option("tif")?.span)
        }
        return v
    }

    static func price(_ c: CommandContext, _ key: String) throws -> Double? {
        guard let p = try c.number(key) else { return nil }
        guard p.isFinite, p > 0 else { throw TapeError("\(key) must be a positive price", span: c.option(key)?.span) }
        return p
    }

    static func orderID(_ c: CommandContext, _ rest: [Expr]) throws -> Int {
        guard let e = rest.first else { throw TapeError("give an order number, e.g. 3 (see: paper orders)", span: c.span) }
        var text = e.word ?? ""
        if text.hasPrefix("#") { text.removeFirst() }
        if let n = Int(text), n > 0 { return n }
        if case .number(let x) = try c.evaluate(e), x >= 1, x == x.rounded(), x < 1e9 { return Int(x) }
        throw TapeError("expected an order number", span: e.span)
    }

    static func orders(_ c: CommandContext, _ ledger: Ledger) throws {
        let b = try ledger.broker()
        let list = c.has("all") ? b.orders : b.openOrders
        guard !list.isEmpty else { return c.print(c.has("all") ? "no orders" : "no open orders (paper orders all: every order)") }
        var t = TextTable(["id", "side", "qty", "symbol", "type", "price", "tif", "status", "filled", "avg price"])
        for o in list {
            let price: String
            switch o.type {
            case .market: price = ""
            case .limit(let l): price = Format.fixed(l, 2)
            case .stop(let s): price = Format.fixed(s, 2)
            case .stopLimit(let s, let l): price = Format.fixed(s, 2) + "/" + Format.fixed(l, 2)
            case .trailingStop(.amount(let a)): price = "trail " + Format.fixed(a, 2)
            case .trailingStop(.percent(let p)): price = "trail " + Format.number(p * 100) + "%"
            }
            t.add([String(o.id), o.side.rawValue, o.quantity == 0 && o.sizing != nil ? "sized" : Format.number(o.quantity), o.symbol,
                   o.role == .simple ? o.type.name : "\(o.type.name) (\(o.role.rawValue))", price, o.timeInForce.rawValue,
                   o.status.rawValue, Format.number(o.filledQuantity), o.filledQuantity > 0 ? Format.fixed(o.averageFillPrice, 2) : ""])
        }
        c.print(table: t)
    }

    static func positions(_ c: CommandContext, _ ledger: Ledger) throws {
        let b = try ledger.broker()
        guard !b.positions.isEmpty else { return c.print("no positions") }
        var t = TextTable(["symbol", "qty", "avg cost", "mark", "value", "unrealised", "realised", "delta"])
        for p in b.positions {
            let mark = b.mark(p.instrument)
            t.add([p.instrument.symbol, Format.number(p.quantity), Format.fixed(p.averageCost, 2), mark.map { Format.fixed($0, 2) } ?? "",
                   Format.fixed(b.marketValue(p), 2), Format.fixed(b.unrealisedPnL(p), 2), Format.fixed(p.realised, 2),
                   b.greeks(p).map { Format.fixed($0.delta, 2) } ?? ""])
        }
        c.print(table: t)
        if b.positions.contains(where: { $0.instrument.option != nil }) {
            let g = b.portfolioGreeks
            // Vega shown per volatility point (1%), the unit screens use; the broker keeps per 1.00.
            c.print("portfolio delta \(Format.fixed(g.delta, 2)) gamma \(Format.fixed(g.gamma, 4)) theta/day \(Format.fixed(g.theta, 2)) "
                    + "vega/1% \(Format.fixed(g.vega / 100, 2))")
        }
    }

    static func fills(_ c: CommandContext, _ ledger: Ledger) throws {
        let b = try ledger.broker()
        guard !b.fills.isEmpty else { return c.print("no fills") }
        var t = TextTable(["date", "order", "side", "qty", "symbol", "price", "commission"])
        for f in b.fills {
            t.add([CivilTime.format(f.time), f.orderId.map { "#\($0)" } ?? "expiry", f.side.rawValue, Format.number(f.quantity), f.symbol,
                   Format.fixed(f.price, 2), Format.fixed(f.commission, 2)])
        }
        c.print(table: t)
    }

    static func clock(_ c: CommandContext, _ ledger: Ledger, _ sub: String, _ rest: [Expr]) throws {
        let names = c.workspace.datasetOrder
        guard !names.isEmpty else { throw TapeError("no data to step through", span: c.span, hint: "load a dataset first: load SPY") }
        let series = names.compactMap { c.workspace.datasets[$0] }.map { d -> Bars in
            var b = d.bars
            b.symbol = d.name.uppercased()
            return b
        }
        let cursor = try ledger.cursor()
        var clock = MarketClock(series: series, after: cursor)
        guard clock.nextTime != nil else {
            throw TapeError("the paper clock is past the end of the loaded data" + (cursor.map { " (at \(CivilTime.format($0)))" } ?? ""),
                            span: c.span, hint: "load later data, or paper reset")
        }
        let fillsBefore = try ledger.broker().fills.count
        var signal: AutoSignal?
        if sub == "auto" { signal = try autoSignal(c) }
        let steps: Int
        if sub == "step" {
            var n = 1
            if let e = rest.first {
                guard case .number(let x) = try c.evaluate(e), x >= 1, x == x.rounded(), x <= 10_000_000 else {
                    throw TapeError("step takes a whole number of bars", span: e.span)
                }
                n = Int(x)
            }
            steps = try ledger.step(&clock, count: n, signal: signal)
        } else {
            var until = Int64.max
            if let e = c.option("until") {
                guard case .date(let d) = try c.evaluate(e) else { throw TapeError("until takes a date, e.g. until 2021-06-30", span: e.span) }
                until = d + CivilTime.secondsPerDay - 1   // the whole day, intraday bars included
            } else if sub == "run" {
                throw TapeError("run needs an end date", span: c.span, hint: "paper run until 2021-06-30 (or paper step N)")
            }
            steps = try ledger.run(&clock, until: until, signal: signal)
        }
        let b = try ledger.broker()
        let newFills = b.fills.dropFirst(fillsBefore)
        c.print("stepped \(steps) bar\(steps == 1 ? "" : "s") to \(clock.cursor.map { CivilTime.format($0) } ?? "?"): "
                + "\(newFills.count) fill\(newFills.count == 1 ? "" : "s"), equity \(Format.fixed(b.equity, 2))")
        if let halted = b.state.haltedDay, halted == CivilTime.day(b.state.clock) * CivilTime.secondsPerDay {
            c.print("daily_loss_limit: new orders halted for \(CivilTime.format(halted))")
        }
        if newFills.count <= 20 {
            for f in newFills {
                c.print("  \(CivilTime.format(f.time)) \(f.orderId.map { "#\($0)" } ?? "expiry") \(f.side.rawValue) \(Format.number(f.quantity)) "
                        + "\(f.symbol) at \(Format.fixed(f.price, 2))")
            }
        }
    }

    /// `auto entry EXPR exit EXPR [short] [fraction F]`: signals evaluated on the current
    /// dataset (indicators see only bars up to each index, so no look-ahead).
    static func autoSignal(_ c: CommandContext) throws -> AutoSignal {
        let d = try c.dataset(named: nil)
        guard let entryExpr = c.option("entry") else {
            throw TapeError("auto needs an entry signal", span: c.span, hint: "paper auto entry cross(fast, slow) exit cross(slow, fast)")
        }
        func series(_ e: Expr) throws -> [Double] {
            guard case .series(let s) = try c.evaluate(e, in: d), s.values.count == d.bars.count else {
                throw TapeError("expected a true/false series over \(d.name)", span: e.span)
            }
            return s.values
        }
        let entry = try series(entryExpr)
        let exit = try c.option("exit").map(series)
        let fraction = try c.number("fraction", default: 1) ?? 1
        guard fraction > 0, fraction <= 1 else { throw TapeError("fraction must be between 0% and 100%", span: c.option("fraction")?.span) }
        let short = c.has("short")
        let symbol = d.name.uppercased()
        return AutoSignal(fraction: fraction) { ctx in
            guard ctx.bars.symbol == symbol, ctx.index < entry.count else { return .hold }
            if entry[ctx.index] > 0.5 { return .long }
            if let x = exit, ctx.index < x.count, x[ctx.index] > 0.5 { return short ? .short : .flat }
            return .hold
        }
    }

    static func settings(_ c: CommandContext, _ ledger: Ledger, _ sub: String, _ rest: [Expr]) throws {
        let b = try ledger.broker()
        let keys = sub == "risk" ? RiskConfig.keys : BrokerConfig.keys
        if rest.isEmpty {
            var t = TextTable([sub == "risk" ? "rule" : "setting", "value", "meaning"])
            for (k, help) in keys { t.add([k, (sub == "risk" ? b.risk.value(k) : b.config.value(k)) ?? "", help]) }
            return c.print(table: t)
        }
        guard rest.count == 2 else { throw TapeError("give a name and a value, e.g. paper \(sub) \(keys[0].key) 5", span: c.span) }
        let key = try c.word(rest[0], "a setting name").lowercased()
        guard keys.contains(where: { $0.key == key }) else {
            throw TapeError("unknown \(sub == "risk" ? "risk rule" : "setting") '\(key)'", span: rest[0].span,
                            hint: Suggest.nearest(key, in: keys.map(\.key)).map { "did you mean '\($0)'?" })
        }
        let value: String
        if let w = rest[1].word { value = w } else {
            switch try c.evaluate(rest[1]) {
            case .number(let x): value = Format.roundTrip(x)
            case .bool(let x): value = String(x)
            case let v: throw TapeError("expected a number, true/false or none, got \(v.typeName)", span: rest[1].span)
            }
        }
        do {
            if sub == "risk" { try ledger.setRisk(key, value) } else { try ledger.setConfig(key, value) }
        } catch {
            throw TapeError("\(error)", span: rest[1].span)
        }
        let after = try ledger.broker()
        c.print("\(key) = \((sub == "risk" ? after.risk.value(key) : after.config.value(key)) ?? value)")
    }
}

/// The paper area's state in the workspace: the chosen broker. The ledger belongs to the
/// session (its `LedgerPolicy` says which file; see `Session.ledger(_:)`).
final class PaperState {
    var alpaca: AlpacaPaperClient?
    /// Each ledger a command traded on, with its account before that command first used
    /// it, so a command Ctrl-C cancels can be taken back (see RestorableAreaStates.swift).
    var usedLedgers: [ObjectIdentifier: UsedLedger] = [:]

    func ledger(_ c: CommandContext) throws -> Ledger {
        do {
            let ledger = try c.session.openLedger(cache: { try c.dataSources.cacheStore() })
            remember(ledger, in: c.workspace)
            return ledger
        } catch let e as TapeError {
            throw TapeError(e.message, span: e.span ?? c.span, hint: e.hint)
        } catch {
            throw TapeError("\(error)", span: c.span, hint: "give another file with: tape --ledger FILE")
        }
    }

    func ledgerLabel(_ c: CommandContext) -> String {
        switch c.session.ledger {
        case .user(let path): return path
        case .scratch(let snapshot?, _): return "scratch, from the recorded start sha256:\(snapshot.prefix(12))…"
        case .scratch(nil, let copy?): return "scratch copy of \(copy)"
        case .scratch: return "scratch"
        }
    }
}

extension PaperCommands {
    /// `set ledger "FILE"`: which paper ledger the session trades on.
    static let ledgerSetting = SettingSpec(
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
