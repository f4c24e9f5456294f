import Foundation
import TapeCore

/// Option pricing at the prompt: price, greeks (one option or a CSV of them), implied
/// volatility, option chains and multi-leg strategies. All the mathematics lives in
/// TapeCore/Options; these commands read arguments, call it and print.
///
/// Units everywhere: rates and vols as numbers or percentages (`vol 25%` = `vol 0.25`),
/// expiry as a duration (`30d`, `6m`, `1y`; t = calendar days/365) or a number of years.
enum OptionsCommands {
    static var all: [CommandSpec] { [greeks, iv, chain, strategy] }

    static let marketKeys = ["spot", "strike", "expiry", "vol", "rate", "div"]

    // MARK: greeks

    static let greeks = CommandSpec(
        name: "greeks", usage: "greeks call|put spot S strike K expiry 30d vol 25% rate 4% [div 1%] [future]  |  ... spot A..B [step S] [plot GREEK] [nochart]  |  greeks from \"in.csv\" to \"out.csv\"",
        summary: "price and Greeks of a European option, or of every row of a CSV file",
        details: """
        greeks call spot 100 strike 105 expiry 30d vol 25% rate 4%
        Units (QuantLib's): theta per year and per calendar day (/365); vega, rho and
        dividend rho per 1.00 and per 1 point (1%); charm per year as time passes.
        greeks call spot 80..120 step 5 strike 100 expiry 30d vol 25% rate 4% plot gamma
        A spot range prints one row per spot and draws one Greek against spot (delta unless
        plot names another: price, delta, gamma, theta, vega, rho, vanna, volga, charm,
        speed; theta per day, vega and rho per point); nochart skips the picture.
        greeks from "in.csv" to "out.csv"
        in.csv columns (any order): type, spot, strike, days or years, vol, rate, [div_yield];
        out.csv adds price, delta, gamma, theta_per_year, theta_per_day, vega, rho,
        dividend_rho, vanna, volga, charm, speed, dual_delta and error (why a row failed).
        """,
        effect: .query, keys: marketKeys + ["from", "to", "plot"], flags: ["future", "nochart"], maxPositional: 1
    ) { c in
        if c.option("from") != nil {
            return try batch(c, done: "priced", errorColumn: "error") { try GreeksBatch.run(csv: $0, cancel: Interrupts.cancelCheck) }
        }
        let o = try OptionArguments(c, allowSpotRange: true)
        if let spots = o.spots { return try greeksOverSpot(c, o, spots) }
        if let e = c.option("plot") {
            throw TapeError("plot draws a Greek over a range of spot prices", span: e.span, hint: "greeks call spot 80..120 step 5 ... plot gamma")
        }
        let g = try o.greeks()
        c.print("\(o.type.rawValue) \(o.modelName)")
        var t = TextTable(["greek", "value", "unit"])
        let rows: [(String, Double, String)] = [
            ("price", g.price, "currency"),
            ("delta", g.delta, "per 1 of spot"),
            ("gamma", g.gamma, "per 1 of spot, squared"),
            ("theta", g.thetaPerYear, "per year"),
            ("theta/day", g.thetaPerDay, "per calendar day (/365)"),
            ("vega", g.vega, "per 1.00 of vol"),
            ("vega/pt", g.vegaPerPoint, "per 1 vol point (1%)"),
            ("rho", g.rho, "per 1.00 of rate"),
            ("rho/pt", g.rhoPerPoint, "per 1% of rate"),
            ("div rho", g.dividendRho, "per 1.00 of dividend yield"),
            ("vanna", g.vanna, "d delta / d vol"),
            ("volga", g.volga, "d vega / d vol"),
            ("charm", g.charm, "d delta / d time, per year"),
            ("speed", g.speed, "d gamma / d spot"),
            ("dual delta", g.dualDelta, "d price / d strike"),
        ]
        for (name, value, unit) in rows { t.add([name, Format.number(value), unit]) }
        c.print(table: t)
    }

    // MARK: iv

    static let iv = CommandSpec(
        name: "iv", usage: "iv call|put price P spot S strike K expiry 30d rate 4% [div 1%] [future]  |  iv from \"in.csv\" to \"out.csv\"",
        summary: "implied volatility of an option price (Jäckel's Let's Be Rational)",
        details: """
        iv call price 2.5 spot 100 strike 105 expiry 30d rate 4%
        Accurate to the last digits of the price, from 1e-300 time value up; 0 when the price
        equals the intrinsic value; an error when it is below it or above the maximum.
        iv from "in.csv" to "out.csv"
        in.csv columns (any order): type, price, spot, strike, days or years, rate, [div_yield];
        out.csv adds implied_vol (a fraction) and iv_error (why a row has none).
        """,
        effect: .query, keys: marketKeys + ["price", "from", "to"], flags: ["future"], maxPositional: 1
    ) { c in
        if c.option("from") != nil {
            return try batch(c, done: "solved", errorColumn: "iv_error") { try ImpliedVolatilityBatch.run(csv: $0, cancel: Interrupts.cancelCheck) }
        }
        let o = try OptionArguments(c, needsVol: false)
        guard let p = try c.number("price") else {
            throw TapeError("iv needs the option's price: price P", span: c.span)
        }
        let vol = try o.call {
            c.has("future")
                ? try ImpliedVolatility.black76(price: p, type: o.type, forward: o.spot, strike: o.strike, years: o.years, rate: o.rate)
                : try ImpliedVolatility.bsm(price: p, type: o.type, spot: o.spot, strike: o.strike, years: o.years,
                                            rate: o.rate, dividendYield: o.q)
        }
        c.print("implied vol \(Format.fixed(vol * 100, 4))%  (\(Format.number(vol)))")
    }

    // MARK: chain

    final class ChainState {
        var chain: OptionChain?
        var analysis: ChainAnalysis?
        var source = ""
        var spot = 0.0
        /// The underlying's name from the file's first quote, for chart titles.
        var underlying = ""
    }

    static let chain = CommandSpec(
        name: "chain", usage: "chain load \"file.csv\" spot S rate R [div Q]  |  chain smile [N]  |  chain surface  |  chain term  |  chain parity  |  chain notes",
        summary: "load an option chain and show implied vols, smiles, the ATM term structure and parity checks",
        details: """
        chain load "chain.csv" spot 100 rate 4% div 1%
            columns (any order): quote_date, underlying, expiration, type, strike, bid, ask;
            IV from the mid price, t = calendar days / 365, European exercise assumed.
        chain smile        strikes and IVs of every expiry (chain smile 2: the 2nd expiry only),
                           drawn as one smile curve per expiry
        chain surface      out-of-the-money IV by strike and expiry, drawn as a 3-D surface
        chain term         ATM vol per expiry, interpolated at the forward
        chain parity       strikes where put-call parity is broken beyond both spreads
        chain notes        rows with zero bids, crossed quotes, prices outside the bounds
        """,
        effect: .changesState, keys: ["spot", "rate", "div"], flags: ["nochart"], maxPositional: 2
    ) { c in
        guard let first = c.positionals.first else {
            throw TapeError("chain needs a subcommand", span: c.span, hint: "chain load \"file.csv\" spot S rate R | smile | surface | term | parity | notes")
        }
        let sub = try c.word(first, "load, smile, surface, term, parity or notes").lowercased()
        let state = c.workspace.state { ChainState() }
        if sub == "load" {
            guard let fileExpr = c.positionals.dropFirst().first, case .string(let file, _) = fileExpr else {
                throw TapeError("chain load needs a file path in quotes", span: c.span)
            }
            guard let spot = try c.number("spot"), let rate = try c.number("rate") else {
                throw TapeError("chain load needs spot S and rate R", span: c.span)
            }
            let bytes = try LoadSources.readFile(file, span: fileExpr.span)
            guard let text = String(bytes: bytes, encoding: .utf8) else {
                throw TapeError("\(file) is not UTF-8 text", span: fileExpr.span)
            }
            c.shell.noteSourceFile(path: file, bytes: bytes)
            do {
                let chain = try OptionChain.parse(csv: text)
                state.analysis = try chain.analyze(spot: spot, rate: rate, dividendYield: try c.number("div", default: 0) ?? 0)
                state.chain = chain
                state.source = file
                state.spot = spot
                state.underlying = chain.quotes.first?.underlying ?? ""
            } catch let e as OptionError {
                throw TapeError(e.description, span: fileExpr.span)
            }
            guard let a = state.analysis, let ch = state.chain else { return }
            let withIV = a.rows.filter { !$0.iv.isNaN }.count
            c.print("\(ch.quotes.count) quotes, \(a.smiles.count) expiries, \(withIV) with an implied vol"
                    + (ch.rejected.isEmpty ? "" : ", \(ch.rejected.count) rows skipped (first: line \(ch.rejected[0].line): \(ch.rejected[0].reason))"))
            return
        }
        guard let a = state.analysis else {
            throw TapeError("no chain loaded", span: first.span, hint: "chain load \"file.csv\" spot S rate R")
        }
        switch sub {
        case "smile":
            var smiles = a.smiles
            if let nExpr = c.positionals.dropFirst().first {
                guard case .number(let n) = try c.evaluate(nExpr), n.rounded() == n, n >= 1, n <= Double(smiles.count) else {
                    throw TapeError("expected an expiry number from 1 to \(smiles.count)", span: nExpr.span)
                }
                smiles = [smiles[Int(n) - 1]]
            }
            for s in smiles {
                c.print("expiry \(CivilTime.format(s.expiration))  t=\(Format.number(s.years))  forward \(Format.fixed(s.forward, 4))  ATM vol \(pct(s.atmVol))")
                var t = TextTable(["strike", "ln(K/F)", "call iv", "put iv", "otm iv"])
                for p in s.points {
                    t.add([Format.number(p.strike), Format.fixed(p.logMoneyness, 4), pct(p.callIV), pct(p.putIV), pct(p.otm)])
                }
                c.print(table: t)
            }
            let drawn = OptionsCharts.spread(smiles.count)
            if drawn.count < smiles.count && !c.has("nochart") && c.workspace.state({ ChartState() }).settings.terminal != .none {
                c.print("the chart draws \(drawn.count) of the \(smiles.count) expiries, nearest to farthest (chain smile N draws one)")
            }
            try OptionsCharts.draw(OptionsCharts.smile(drawn.map { smiles[$0] }, analysis: a, underlying: state.underlying, spot: state.spot), c)
        case "surface":
            let smiles = a.smiles.sorted { $0.years < $1.years }
            let strikes = Array(Set(smiles.flatMap { $0.points.map(\.strike) })).sorted()
            guard smiles.count >= 2, strikes.count >= 2 else {
                throw TapeError("a surface needs at least two expiries and two strikes; this chain has \(smiles.count) and \(strikes.count)",
                                span: first.span, hint: "chain smile shows a single expiry")
            }
            var t = TextTable(["strike"] + smiles.map { CivilTime.format($0.expiration) })
            let byStrike = smiles.map { s in Dictionary(s.points.map { ($0.strike, $0.otm) }, uniquingKeysWith: { x, _ in x }) }
            for k in strikes { t.add([Format.number(k)] + byStrike.map { pct($0[k] ?? .nan) }) }
            c.print("out-of-the-money implied vol by strike and expiry")
            c.print(table: t)
            try OptionsCharts.draw(OptionsCharts.surface(smiles, analysis: a, underlying: state.underlying), c)
        case "term":
            var t = TextTable(["expiry", "years", "ATM vol"])
            for s in a.smiles { t.add([CivilTime.format(s.expiration), Format.fixed(s.years, 4), pct(s.atmVol)]) }
            c.print(table: t)
        case "parity":
            guard !a.parityViolations.isEmpty else { c.print("no put-call parity violations beyond the spreads"); return }
            var t = TextTable(["expiry", "strike", "parity", "C-P bid", "C-P ask", "excess"])
            for v in a.parityViolations {
                t.add([CivilTime.format(v.expiration), Format.number(v.strike), Format.fixed(v.parity, 4),
                       Format.fixed(v.syntheticBid, 4), Format.fixed(v.syntheticAsk, 4), Format.fixed(v.excess, 4)])
            }
            c.print(table: t)
        case "notes":
            let noted = a.rows.filter { !$0.notes.isEmpty }
            guard !noted.isEmpty else { c.print("no notes: every quote is usable"); return }
            var t = TextTable(["expiry", "type", "strike", "bid", "ask", "notes"])
            for r in noted {
                t.add([CivilTime.format(r.quote.expiration), r.quote.type.rawValue, Format.number(r.quote.strike),
                       Format.number(r.quote.bid), Format.number(r.quote.ask), r.notes.map(\.rawValue).joined(separator: "; ")])
            }
            c.print(table: t)
        default:
            throw TapeError("unknown chain subcommand '\(sub)'", span: first.span,
                            hint: Suggest.hint(sub, in: ["load", "smile", "surface", "term", "parity", "notes"]) ?? "load, smile, surface, term, parity, notes")
        }
    }

    // MARK: strategy

    static let strategy = CommandSpec(
        name: "strategy", usage: "strategy NAME spot S [strike K] [width W] expiry 30d [far 60d] vol 25% rate 4% [div 1%] [drift 8%]  |  strategy [NAME] legs \"+1 call 100 30d, -1 call 110 30d\" spot S vol V rate R  |  strategy list",
        summary: "a named multi-leg strategy: legs, net premium, breakevens, max profit and loss, probability of profit, Greeks",
        details: """
        strategy iron condor spot 100 width 5 expiry 45d vol 20% rate 4%
        strategy calendar call spread spot 100 strike 100 expiry 30d far 90d vol 25% rate 4%
        strategy list                       every strategy, its legs around K with spacing w
        strategy legs "+1 put 95 30d @ 1.20, +100 stock" spot 100 vol 25% rate 4%
            custom legs, comma-separated: QTY call|put STRIKE EXPIRY [@ PREMIUM] or QTY stock
            (QTY signed; without @ a leg enters at the model price); a name before legs titles it
        Draws the payoff: P&L at the first expiry and today, breakevens and spot marked
        (nochart, or set plot terminal=none, skips it).
        strike is the centre strike K (default: spot); width is the strike spacing w
        (default 5% of K). P&L is per unit of underlying at the first expiry, against the
        premium paid. Probability of profit: lognormal with the given vol and drift
        (risk-neutral r - q unless drift is given).
        at 10d adds a table of P&L by spot today, after 10 days (same vol and rates) and
        at the first expiry.
        """,
        effect: .query, keys: marketKeys + ["width", "far", "drift", "legs", "at"], flags: ["nochart"], maxPositional: nil
    ) { c in
        let words = try c.positionals.map { try c.word($0, "a strategy name") }
        if words.map({ $0.lowercased() }) == ["list"] {
            var t = TextTable(["strategy", "legs"])
            for s in StrategyTemplate.catalog { t.add([s.name, s.summary]) }
            c.print(table: t)
            return
        }
        let legsExpr = c.option("legs")
        guard !words.isEmpty || legsExpr != nil else {
            throw TapeError("strategy needs a name or legs \"...\"", span: c.span, hint: "strategy list shows them")
        }
        let name = words.joined(separator: " ")
        if legsExpr == nil, StrategyTemplate.named(name) == nil {
            let names = StrategyTemplate.catalog.map(\.name)
            throw TapeError("unknown strategy '\(name)'", span: c.positionals.first?.span,
                            hint: Suggest.hint(name, in: names) ?? "strategy list shows them")
        }
        let market = try strategyMarket(c, "strategy")
        let s: OptionStrategy, a: StrategyAnalysis
        do {
            if let legsExpr {
                if let key = ["strike", "width", "expiry", "far"].first(where: { c.option($0) != nil }) {
                    throw TapeError("\(key) does not apply to legs: each leg gives its own strike and expiry", span: c.optionSpan(key))
                }
                guard case .string(let text, _) = legsExpr else {
                    throw TapeError("legs takes a quoted list such as \"+1 call 100 30d, -1 call 110 30d\"", span: legsExpr.span)
                }
                s = try OptionStrategy(name: words.isEmpty ? "custom" : name, legs: try parseLegs(text, span: legsExpr.span))
            } else {
                s = try namedStrategy(c, name, market: market, "strategy")
            }
            a = try s.analyze(market, drift: try c.number("drift"))
        } catch let e as OptionError {
            throw TapeError(e.description, span: legsExpr?.span ?? c.span)
        }
        c.print(s.name)
        let prices = try s.entryPrices(market)
        var legs = TextTable(["leg", "qty", "strike", "days", "price"])
        for (leg, p) in zip(s.legs, prices) {
            let isStock = leg.kind == .stock
            legs.add([leg.kind.rawValue, Format.number(leg.quantity), isStock ? "" : Format.number(leg.strike),
                      isStock ? "" : Format.number(leg.expiryDays), Format.fixed(p, 4)])
        }
        c.print(table: legs)
        c.print("net premium   \(Format.fixed(abs(a.netPremium), 4)) \(a.netPremium >= 0 ? "debit" : "credit")")
        c.print("breakevens    " + (a.breakevens.isEmpty ? "none" : a.breakevens.map { Format.fixed($0, 4) }.joined(separator: ", ")))
        c.print("max profit    " + bound(a.maxProfit))
        c.print("max loss      " + bound(a.maxLoss))
        c.print("P(profit)     \(Format.fixed(a.probabilityOfProfit * 100, 2))%"
                + (c.option("drift") == nil ? "  (risk-neutral)" : "  (given drift)"))
        c.print("delta \(Format.fixed(a.greeks.delta, 4))  gamma \(Format.fixed(a.greeks.gamma, 4))  theta/day \(Format.fixed(a.greeks.thetaPerDay, 4))  vega/pt \(Format.fixed(a.greeks.vegaPerPoint, 4))"
                + (a.exact ? "" : "  (multi-expiry: breakevens and extremes found numerically)"))
        if let after = try days(c, "at") {
            try profitTable(c, s, market: market, afterDays: after)
        }
        try OptionsCharts.draw(try OptionsCharts.payoff(s, market: market), c)
    }

    /// `strategy ... at 10d`: P&L by spot today, after some days and at the first expiry,
    /// over spot ± 2 standard deviations of the move to expiry (9 rows).
    static func profitTable(_ c: CommandContext, _ s: OptionStrategy, market: StrategyMarket, afterDays: Double) throws {
        let expiry = s.legs.filter { $0.kind != .stock }.map(\.expiryDays).min() ?? afterDays
        guard afterDays >= 0, afterDays < expiry else {
            throw TapeError("at must fall before the first expiry (\(Format.number(expiry)) days)", span: c.option("at")?.span)
        }
        let sd = market.vol * (expiry / 365).squareRoot()
        var t = TextTable(["spot", "today", "after \(Format.number(afterDays))d", "at expiry"])
        for k in -4...4 {
            let x = market.spot * Foundation.exp(Double(k) / 2 * sd)
            do {
                t.add([Format.fixed(x, 2), Format.fixed(try s.profit(spot: x, elapsedDays: 0, market: market), 4),
                       Format.fixed(try s.profit(spot: x, elapsedDays: afterDays, market: market), 4),
                       Format.fixed(try s.profit(spot: x, elapsedDays: expiry, market: market), 4)])
            } catch let e as OptionError {
                throw TapeError(e.description, span: c.option("at")?.span)
            }
        }
        c.print("P&L by spot (spot ± 2 sd of the move to expiry; same vol and rates):")
        c.print(table: t)
    }

    /// `greeks ... spot A..B step S`: one table row per spot, then the chosen Greek
    /// (`plot NAME`, delta by default) drawn against spot on a fine grid over the same
    /// span, so the curve is smooth however coarse the table's step.
    static func greeksOverSpot(_ c: CommandContext, _ o: OptionArguments, _ spots: [Double]) throws {
        let choice = try c.string("plot")?.lowercased() ?? "delta"
        guard let greek = OptionsCharts.plottable.first(where: { $0.name == choice }) else {
            let names = OptionsCharts.plottable.map(\.name)
            throw TapeError("cannot plot '\(choice)'", span: c.option("plot")?.span,
                            hint: Suggest.hint(choice, in: names) ?? "one of: " + names.joined(separator: ", "))
        }
        c.print("\(o.type.rawValue) \(o.modelName)")
        var t = TextTable(["spot", "price", "delta", "gamma", "theta/day", "vega/pt", "rho/pt"])
        for x in spots {
            try Interrupts.check(c.span)
            let g = try o.greeks(at: x)
            t.add([Format.number(x)] + [g.price, g.delta, g.gamma, g.thetaPerDay, g.vegaPerPoint, g.rhoPerPoint].map { Format.fixed($0, 4) })
        }
        c.print(table: t)
        guard let lo = spots.first, let hi = spots.last else { return }
        try OptionsCharts.draw(try OptionsCharts.greek(greek.name, unit: greek.unit, spots: OptionsCharts.curveGrid(lo, hi, strike: o.strike),
                                                       title: "\(greek.name) of a \(o.summary)", strike: o.strike) {
            greek.value(try o.greeks(at: $0))
        }, c)
    }

    /// `greeks|iv from "in.csv" to "out.csv"`: reads the file (noted in the session
    /// header), runs the batch and writes its CSV.
    static func batch(_ c: CommandContext, done: String, errorColumn: String,
                      _ run: (String) throws -> GreeksBatch.Result) throws {
        guard let fromExpr = c.option("from") else { return }
        guard let toExpr = c.option("to") else {
            throw TapeError("\(c.spec.name) from FILE needs: to \"out.csv\"", span: fromExpr.span)
        }
        let input = try path(c, fromExpr), output = try path(c, toExpr)
        let bytes = try LoadSources.readFile(input, span: fromExpr.span)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw TapeError("\(input) is not UTF-8 text", span: fromExpr.span)
        }
        let result: GreeksBatch.Result
        do { result = try run(text) } catch { throw TapeError("\(error)", span: fromExpr.span) }
        // After the run: a batch Ctrl-C stopped names no file in the session header.
        c.shell.noteSourceFile(path: input, bytes: bytes)
        try DataCommands.write(result.csv, to: output, span: toExpr.span)
        c.print("\(result.rows) rows \(done) to \(output)"
                + (result.failed > 0 ? " (\(result.failed) with an error; see the \(errorColumn) column)" : ""))
    }

    /// The legs of `strategy legs "..."`: comma- or semicolon-separated, each
    /// `QTY call|put STRIKE EXPIRY [@ PREMIUM]` or `QTY stock`, where QTY is signed (+1
    /// bought, -2 two sold) and EXPIRY a duration (`30d`, `8w`, `3m`, `1y`). A premium
    /// fixes what was paid; without one the leg enters at the model price.
    static func parseLegs(_ text: String, span: Span) throws -> [StrategyLeg] {
        let pieces = text.split(whereSeparator: { $0 == "," || $0 == ";" })
        guard !pieces.isEmpty else { throw TapeError("legs is empty", span: span) }
        return try pieces.enumerated().map { i, piece in
            let leg = "leg \(i + 1) '\(piece.trimmingCharacters(in: .whitespaces))'"
            var words = piece.replacingOccurrences(of: "@", with: " @ ").split(separator: " ").map(String.init)
            var premium: Double?
            if let at = words.firstIndex(of: "@") {
                guard at == words.count - 2, let p = Double(words[at + 1]), p.isFinite else {
                    throw TapeError("\(leg): @ must be followed by the premium, last", span: span)
                }
                premium = p
                words.removeLast(2)
            }
            guard let first = words.first, let qty = Double(first), qty.isFinite, words.count >= 2 else {
                throw TapeError("\(leg): expected a signed quantity then call, put or stock", span: span)
            }
            // Bounds keep premiums and P&L finite: a million units, a century to expiry.
            guard abs(qty) <= 1e6 else { throw TapeError("\(leg): quantity must be at most a million units either way", span: span) }
            let kindWord = words[1].lowercased()
            if kindWord == "stock" {
                guard words.count == 2, premium == nil else { throw TapeError("\(leg): a stock leg is just QTY stock", span: span) }
                return StrategyLeg(.stock, quantity: qty)
            }
            guard let kind = StrategyLeg.Kind(rawValue: kindWord == "c" ? "call" : kindWord == "p" ? "put" : kindWord) else {
                throw TapeError("\(leg): expected call, put or stock, got '\(words[1])'", span: span)
            }
            guard words.count == 4, let strike = Double(words[2]), strike.isFinite else {
                throw TapeError("\(leg): expected QTY \(kindWord) STRIKE EXPIRY, e.g. +1 call 105 30d", span: span)
            }
            guard let unit = words[3].last.flatMap({ NumberUnit(rawValue: String($0)) }),
                  [.days, .weeks, .months, .years].contains(unit),
                  let count = Double(words[3].dropLast()), count.isFinite else {
                throw TapeError("\(leg): expiry '\(words[3])' must be a duration such as 30d, 8w, 3m or 1y", span: span)
            }
            let days = Value.days(count, unit)
            guard days <= 36_500 else { throw TapeError("\(leg): expiry must be at most 100 years", span: span) }
            return StrategyLeg(kind, strike: strike, quantity: qty, expiryDays: days, premium: premium)
        }
    }

    // MARK: helpers

    /// The market of `strategy` and `chart payoff`: spot, vol and rate required, div 0.
    static func strategyMarket(_ c: CommandContext, _ command: String, hint: String? = nil) throws -> StrategyMarket {
        guard let spot = try c.number("spot"), let vol = try c.number("vol"), let rate = try c.number("rate") else {
            throw TapeError("\(command) needs spot, vol and rate", span: c.span, hint: hint)
        }
        return StrategyMarket(spot: spot, rate: rate, dividendYield: try c.number("div", default: 0) ?? 0, vol: vol)
    }

    /// A strategy of the catalogue centred on `strike` (default: spot) with legs `width`
    /// apart (default 5% of the strike), expiring at `expiry` (and `far`).
    static func namedStrategy(_ c: CommandContext, _ name: String, market: StrategyMarket, _ command: String) throws -> OptionStrategy {
        let strike = try c.number("strike", default: market.spot) ?? market.spot
        let width = try c.number("width", default: strike * 0.05) ?? strike * 0.05
        guard let near = try days(c, "expiry") else { throw TapeError("\(command) needs expiry (e.g. 30d)", span: c.span) }
        return try OptionStrategy.named(name, center: strike, width: width, nearDays: near, farDays: try days(c, "far"))
    }

    static func pct(_ x: Double) -> String { x.isNaN ? "-" : Format.fixed(x * 100, 2) + "%" }

    static func bound(_ b: ProfitBound) -> String {
        switch b {
        case .finite(let v): return Format.fixed(v, 4)
        case .unbounded: return "unbounded"
        }
    }

    static func path(_ c: CommandContext, _ e: Expr) throws -> String {
        guard case .string(let p, _) = e else { throw TapeError("expected a file path in quotes", span: e.span) }
        return p
    }

    /// Calendar days of a duration (`30d`, `6m`, `1y`) or of a number of years.
    static func days(_ c: CommandContext, _ key: String) throws -> Double? {
        if let d = c.duration(key) { return d.days }
        guard let e = c.option(key) else { return nil }
        switch try c.evaluate(e) {
        case .duration(let n, let unit): return Value.days(n, unit)
        case .number(let years): return years * 365
        case let v: throw TapeError("\(key) must be a duration such as 30d or a number of years, got \(v.typeName)", span: e.span)
        }
    }

    /// The arguments shared by price, greeks and iv.
    struct OptionArguments {
        let type: OptionType
        let spot, strike, years, rate, q, vol: Double
        /// The spot prices of `spot A..B step S`, when the command accepts a range.
        let spots: [Double]?
        let future: Bool
        let span: Span

        init(_ c: CommandContext, needsVol: Bool = true, allowSpotRange: Bool = false) throws {
            guard let first = c.positionals.first else {
                throw TapeError("\(c.spec.name) needs call or put", span: c.span, hint: "usage: \(c.spec.usage)")
            }
            let w: String
            if case .word(let declared)? = c.argument(0) { w = declared } else { w = try c.word(first, "call or put") }
            guard let t = OptionType(text: w) else { throw TapeError("expected call or put, got '\(w)'", span: first.span) }
            func need(_ key: String) throws -> Double {
                guard let v = try c.number(key) else {
                    throw TapeError("\(c.spec.name) needs \(key)", span: c.span, hint: "usage: \(c.spec.usage)")
                }
                return v
            }
            type = t
            if allowSpotRange, let e = c.option("spot"), case .numberRange(let lo, let hi, let step) = try c.evaluate(e) {
                let xs = Value.expand(from: lo, to: hi, step: step)
                guard xs.count >= 2, xs.count <= 10_000, let first = xs.first else {
                    throw TapeError("a spot range needs 2 to 10000 values, this one has \(xs.count)", span: e.span)
                }
                spots = xs
                spot = first
            } else {
                spots = nil
                spot = try need("spot")
            }
            strike = try need("strike")
            guard let d = try OptionsCommands.days(c, "expiry") else {
                throw TapeError("\(c.spec.name) needs expiry (e.g. 30d or 0.5 for half a year)", span: c.span)
            }
            years = d / 365
            rate = try need("rate")
            q = try c.number("div", default: 0) ?? 0
            vol = needsVol ? try need("vol") : 0
            future = c.has("future")
            span = c.span
            if future && c.option("div") != nil {
                throw TapeError("div does not apply to options on futures", span: c.optionSpan("div"))
            }
        }

        var modelName: String { future ? "Black-76 on the futures price" : "Black-Scholes-Merton" }

        func greeks() throws -> OptionGreeks { try greeks(at: spot) }

        func greeks(at spot: Double) throws -> OptionGreeks {
            try call {
                future ? try Black76.greeks(type, forward: spot, strike: strike, years: years, rate: rate, vol: vol)
                    : try BlackScholes.greeks(type, spot: spot, strike: strike, years: years, rate: rate,
                                              dividendYield: q, vol: vol)
            }
        }

        /// What the option is, for a chart's title: `call K 100, 30d, vol 25%, rate 4%`.
        var summary: String {
            "\(type.rawValue) K \(Format.number(strike)), \(Format.number(years * 365))d, vol \(OptionsCharts.percent(vol)), "
                + "rate \(OptionsCharts.percent(rate))" + (q == 0 ? "" : ", div \(OptionsCharts.percent(q))") + (future ? ", on a future" : "")
        }

        /// Runs a TapeCore call, turning its OptionError into a TapeError at the command.
        func call<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let e as OptionError { throw TapeError(e.description, span: span) }
        }
    }
}
