import Foundation
import TapeCore

/// `strategy`: a multi-leg option position, named from the catalogue
/// (TapeCore/Options/StrategyCatalog.swift) or given leg by leg, analysed (net premium,
/// breakevens, extremes, probability of profit, Greeks) and drawn as a payoff.
/// `strategy list` (StrategyList.swift) prints the catalogue.
enum StrategyCommand: Command {
    /// What Tab offers for the name: the catalogue's names written as one word
    /// (`iron_condor`), which the catalogue reads as the name itself.
    static func completionNames(_: Shell) -> [String] {
        StrategyTemplate.catalog.map { $0.name.replacingOccurrences(of: " ", with: "_") }
    }

    static let spec = CommandSpec(
        name: "strategy",
        usage: "strategy NAME spot S expiry 30d vol 25% rate 4% [strike K] [width W] [far 60d] [div 1%] [drift 8%] [at 10d] [nochart]  |  strategy [NAME] legs \"LEGS\" spot S vol 25% rate 4% ...",
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
        effect: .query,
        options: [
            .money("spot", "price of the underlying", bounds: .positive, required: true, placeholder: "S"),
            .money("strike", "centre strike K (default: spot)", bounds: .positive, placeholder: "K"),
            .money("width", "strike spacing w (default 5% of K)", bounds: .positive, placeholder: "W"),
            .duration("expiry", "the (near) expiry of a named strategy", bounds: .positive),
            .duration("far", "the far expiry of calendars and diagonals (default twice expiry)", bounds: .positive, placeholder: "60d"),
            .rate("vol", "volatility per year", bounds: .positive, required: true),
            .rate("rate", "risk-free rate, continuously compounded", bounds: .from(-1, to: 1), required: true),
            .rate("div", "dividend yield, continuously compounded", bounds: .from(-1, to: 1)),
            .rate("drift", "expected return per year for the probability of profit (default: risk-neutral r - q)",
                  bounds: .from(-1, to: 1)),
            .text("legs", "custom legs: QTY call|put STRIKE EXPIRY [@ PREMIUM], ... or QTY stock", placeholder: "\"LEGS\""),
            OptionSpec("at", .duration, bounds: .nonNegative, placeholder: "10d",
                       help: "adds P&L by spot today, after this long and at the first expiry"),
            .flag("nochart", "print the analysis without the payoff picture"),
        ],
        arguments: [ArgumentSpec("NAME", .word, optional: true, variadic: true,
                                 help: "a strategy of `strategy list` (words or one_word); before legs, a title",
                                 completions: completionNames)],
        subcommands: [StrategyList.spec],
        run: run)

    static func run(_ c: CommandContext) throws {
        let words = c.arguments.positionals.compactMap { v -> String? in
            if case .word(let w) = v { return w }
            return nil
        }
        let legs = c.text("legs")
        guard !words.isEmpty || legs != nil else {
            throw TapeError("strategy needs a name or legs \"...\"", span: c.span, hint: "strategy list shows them")
        }
        let name = words.joined(separator: " ")
        if legs == nil, StrategyTemplate.named(name) == nil {
            let names = StrategyTemplate.catalog.map(\.name)
            throw TapeError("unknown strategy '\(name)'", span: c.positionals.first?.span,
                            hint: Suggest.hint(name, in: names) ?? "strategy list shows them")
        }
        let market = try self.market(c, "strategy")
        let legsSpan = c.option("legs")?.span
        let s: OptionStrategy, a: StrategyAnalysis
        do {
            if let legs {
                if let key = ["strike", "width", "expiry", "far"].first(where: { c.option($0) != nil }) {
                    throw TapeError("\(key) does not apply to legs: each leg gives its own strike and expiry", span: c.optionSpan(key))
                }
                s = try OptionStrategy(name: words.isEmpty ? "custom" : name, legs: try StrategyLegs.parse(legs, span: legsSpan ?? c.span))
            } else {
                s = try named(c, name, market: market, "strategy")
            }
            a = try s.analyze(market, drift: c.value("drift"))
        } catch let e as OptionError {
            throw TapeError(e.description, span: legsSpan ?? c.span)
        }
        c.print(s.name)
        try report(c, s, a, market: market, givenDrift: c.value("drift") != nil)
        if let after = c.duration("at") {
            try profitTable(c, s, market: market, afterDays: after.days)
        }
        try OptionsCharts.draw(try OptionsCharts.payoff(s, market: market), c)
    }

    /// The legs table and the analysis lines `strategy` and `suggest` print.
    static func report(_ c: CommandContext, _ s: OptionStrategy, _ a: StrategyAnalysis, market: StrategyMarket, givenDrift: Bool) throws {
        let prices = try s.entryPrices(market)
        var table = TextTable(["leg", "qty", "strike", "days", "price"])
        for (leg, p) in zip(s.legs, prices) {
            let isStock = leg.kind == .stock
            table.add([leg.kind.rawValue, Format.number(leg.quantity), isStock ? "" : Format.number(leg.strike),
                       isStock ? "" : Format.number(leg.expiryDays), Format.fixed(p, 4)])
        }
        c.print(table: table)
        c.print("net premium   \(Format.fixed(abs(a.netPremium), 4)) \(a.netPremium >= 0 ? "debit" : "credit")")
        c.print("breakevens    " + (a.breakevens.isEmpty ? "none" : a.breakevens.map { Format.fixed($0, 4) }.joined(separator: ", ")))
        c.print("max profit    " + bound(a.maxProfit))
        c.print("max loss      " + bound(a.maxLoss))
        c.print("P(profit)     \(Format.fixed(a.probabilityOfProfit * 100, 2))%"
                + (givenDrift ? "  (given drift)" : "  (risk-neutral)"))
        c.print("delta \(Format.fixed(a.greeks.delta, 4))  gamma \(Format.fixed(a.greeks.gamma, 4))  theta/day \(Format.fixed(a.greeks.thetaPerDay, 4))  vega/pt \(Format.fixed(a.greeks.vegaPerPoint, 4))"
                + (a.exact ? "" : "  (multi-expiry: breakevens and extremes found numerically)"))
    }

    /// The market of `strategy` and `chart payoff`: spot, vol and rate, div 0 unless given.
    /// Reads declared values, or evaluates an older free-form command's options.
    static func market(_ c: CommandContext, _ command: String, hint: String? = nil) throws -> StrategyMarket {
        guard let spot = try c.number("spot"), let vol = try c.number("vol"), let rate = try c.number("rate") else {
            throw TapeError("\(command) needs spot, vol and rate", span: c.span, hint: hint)
        }
        return StrategyMarket(spot: spot, rate: rate, dividendYield: try c.number("div", default: 0) ?? 0, vol: vol)
    }

    /// A strategy of the catalogue centred on `strike` (default: spot) with legs `width`
    /// apart (default 5% of the strike), expiring at `expiry` (and `far`).
    static func named(_ c: CommandContext, _ name: String, market: StrategyMarket, _ command: String) throws -> OptionStrategy {
        let strike = try c.number("strike", default: market.spot) ?? market.spot
        let width = try c.number("width", default: strike * 0.05) ?? strike * 0.05
        guard let near = try OptionArguments.days(c, "expiry") else {
            throw TapeError("\(command) needs expiry (e.g. 30d)", span: c.span)
        }
        return try OptionStrategy.named(name, center: strike, width: width, nearDays: near, farDays: try OptionArguments.days(c, "far"))
    }

    /// `strategy ... at 10d`: P&L by spot today, after some days and at the first expiry,
    /// over spot ± 2 standard deviations of the move to expiry (9 rows).
    static func profitTable(_ c: CommandContext, _ s: OptionStrategy, market: StrategyMarket, afterDays: Double) throws {
        let expiry = s.legs.filter { $0.kind != .stock }.map(\.expiryDays).min() ?? afterDays
        // The declaration keeps `at` at 0 or more; the first expiry is known only now.
        guard afterDays < expiry else {
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

    static func bound(_ b: ProfitBound) -> String {
        switch b {
        case .finite(let v): return Format.fixed(v, 4)
        case .unbounded: return "unbounded"
        }
    }
}
