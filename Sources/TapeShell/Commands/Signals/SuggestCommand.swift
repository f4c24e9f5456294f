import Foundation
import TapeCore

/// `suggest SYMBOL`: option structures that fit the symbol's trend, momentum and
/// volatility, by the table of docs/SIGNALS.md, each with legs, premium, extremes,
/// breakevens, P(profit), Greeks and a payoff chart.
enum SuggestCommand: Command {
    static let spec = CommandSpec(
        name: "suggest",
        usage: "suggest [SYMBOL] [horizon 30d] [risk N] [rate 4%] [nochart]",
        summary: "option structures for the symbol's trend and volatility (the table in docs/SIGNALS.md), each analysed with a payoff chart",
        details: """
        suggest SPY
        suggest AAPL horizon 45d risk 2000
        The view: strong bull or bear when ADX(14) ≥ 25 with the close and SMA(20) on the same
        side of SMA(50); range-bound when ADX < 20; otherwise moderate, by the close against
        SMA(50). The volatility level: the rank of 20-bar realised volatility (rv_cc) within its
        last year, high from 50%, low up to 25%. When the store holds implied-vol history of
        SYMBOL (chain save, 10 or more quote dates in the last year), the level is judged by IV
        rank and IV percentile of the latest 30-day ATM implied vol instead; otherwise the
        realised-volatility figures stand in, and say so.
        With a chain loaded (chain load) whose underlying is SYMBOL, the legs come from it: the
        listed expiry nearest the horizon (within half of it, at least 7 days) and the listed
        strikes nearest the modelled ones, paid at mid and valued at each quote's implied vol,
        at the chain's spot and rate; a chain without the needed expiry is an error naming
        its file and line. Otherwise legs are modelled: the centre strike at spot (or one width out of the money for credit
        spreads), strikes 5% of spot apart rounded to a strike step, expiry = horizon, priced
        with Black-Scholes at the realised volatility and the given rate. With risk N, the
        number of 100-share contracts whose maximum loss stays within N.
        """,
        effect: .query,
        options: [.duration("horizon", "the expiry of the suggested options (default 30d)", bounds: .positive),
                  .money("risk", "most you accept to lose: sizes the position in 100-share contracts", bounds: .positive),
                  .rate("rate", "risk-free rate for the model prices (default 4%)", bounds: .from(-1, to: 1)),
                  .flag("nochart", "print the analyses without the payoff pictures")],
        arguments: [ArgumentSpec("SYMBOL", .word, optional: true, help: "a loaded dataset (default: the current one)",
                                 completions: ChartCommands.datasetNames)],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.dataset(named: c.positionals.first)
        let perYear = PairDataYear.perYear(d.bars.time)
        guard let realised = MarketView.read(open: d.bars.open, high: d.bars.high, low: d.bars.low, close: d.bars.close, periodsPerYear: perYear) else {
            throw TapeError("\(d.name) has \(d.bars.count) bars; suggest needs at least \(MarketView.minimumBars) with high, low and close",
                            span: c.positionals.first?.span ?? c.span, hint: "load more history")
        }
        let (v, volLine) = try judged(realised, c, d.name)
        let days = try OptionArguments.days(c, "horizon") ?? 30
        let rate = c.value("rate") ?? 0.04
        let chain = chainFor(c, d.name)
        let spot = chain?.spot ?? v.close
        let step = strikeStep(spot)
        let width = max(step, (spot * 0.05 / step).rounded() * step)
        // Every structure is resolved before anything prints, so a chain that cannot carry
        // one of them is a single error, not half a report.
        var picks: [(MarketView.Suggestion, OptionStrategy, StrategyMarket, StrategyAnalysis)] = []
        for s in v.suggestions {
            try Interrupts.check(c.span)
            let centre = max(step, ((spot + s.offset * width) / step).rounded() * step)
            do {
                var strategy = try OptionStrategy.named(s.strategy, center: centre, width: width, nearDays: days)
                var market = StrategyMarket(spot: spot, rate: rate, dividendYield: 0, vol: v.vol)
                if let chain, let analysis = chain.analysis {
                    do {
                        strategy = try ChainLegs.fit(strategy, horizonDays: days, analysis: analysis,
                                                     lines: chain.chain?.lines ?? [], source: chain.source)
                    } catch let e as CSVError {
                        throw TapeError(e.description, span: c.optionSpan("horizon") ?? c.positionals.first?.span ?? c.span,
                                        hint: "suggest \(d.name) horizon Nd with N near one of the chain's expiries, or load a chain that lists it")
                    }
                    let near = strategy.firstExpiryDays
                    let atm = analysis.smiles.first { abs($0.years * 365 - near) < 0.5 }?.atmVol ?? .nan
                    market = StrategyMarket(spot: spot, rate: chain.rate, dividendYield: chain.dividendYield,
                                            vol: atm.isFinite && atm > 0 ? atm : v.vol)
                }
                picks.append((s, strategy, market, try strategy.analyze(market)))
            } catch let e as OptionError {
                throw TapeError(e.description, span: c.span)
            }
        }
        let last = d.bars.time.last.map { CivilTime.format($0) } ?? ""
        c.print("\(d.name) on \(last): \(v.trend.rawValue)  (close \(Format.fixed(v.close, 2)), SMA20 \(Format.fixed(v.sma20, 2)), SMA50 \(Format.fixed(v.sma50, 2)), ADX \(Format.fixed(v.adx, 1)), RSI \(Format.fixed(v.rsi, 1)))")
        c.print(volLine)
        for (k, (s, strategy, market, a)) in picks.enumerated() {
            try Interrupts.check(c.span)
            let expiry = Format.number(strategy.firstExpiryDays)
            c.print("")
            c.print("\(k + 1). \(strategy.name), \(expiry)d — \(s.why)")
            if let chain {
                let quoteTime = chain.chain?.quotes.map(\.quoteDate).max()
                let quoted = quoteTime.map { CivilTime.format($0) } ?? ""
                // A view read on other days than the quotes is worth saying: the two need not agree.
                var apart = false
                if let q = quoteTime, let b = d.bars.time.last { apart = CivilTime.day(q) != CivilTime.day(b) }
                c.print("   legs from the chain \(chain.source) (\(chain.underlying) quoted \(quoted), spot \(Format.number(chain.spot))): "
                        + "nearest listed expiry and strikes, paid at mid, each at its own implied vol; "
                        + "ATM vol \(Format.fixed(market.vol * 100, 1))%, rate \(Format.fixed(market.rate * 100, 2, trimmingZeros: true))%"
                        + (apart ? "; the view is of \(last), not the quote date" : ""))
            } else {
                c.print("   legs modelled (\(modelledReason(c, d.name))): Black-Scholes at realised vol \(Format.fixed(v.vol * 100, 1))%, rate \(Format.fixed(rate * 100, 2, trimmingZeros: true))%, strikes \(Format.number(width)) apart")
            }
            try StrategyCommand.report(c, strategy, a, market: market, givenDrift: false)
            if let risk = c.value("risk") {
                switch a.maxLoss {
                case .finite(let loss) where loss > 0:
                    let perContract = loss * 100
                    let n = Int((risk / perContract).rounded(.down))
                    c.print(n > 0 ? "size          \(n) contract\(n == 1 ? "" : "s") of 100: max loss \(Format.fixed(Double(n) * perContract, 2)) within risk \(Format.fixed(risk, 2))"
                                  : "size          none: one contract can lose \(Format.fixed(perContract, 2)), more than risk \(Format.fixed(risk, 2))")
                case .finite:
                    c.print("size          no loss at expiry in the model: risk does not bound it")
                case .unbounded:
                    c.print("size          none: the loss is unbounded")
                }
            }
            if !c.has("nochart") { try OptionsCharts.draw(try OptionsCharts.payoff(strategy, market: market), c) }
        }
    }

    /// The view judged by IV rank and percentile when the store holds enough implied-vol
    /// history for the symbol (`chain save`), else by the realised figures; and the line
    /// that says which.
    static func judged(_ v: MarketView, _ c: CommandContext, _ symbol: String) throws -> (MarketView, String) {
        let realised = "realised \(Format.fixed(v.vol * 100, 1))%"
        let history = try c.dataCall(c.span) { try c.dataSources.existingBarStore(c)?.ivHistory(symbol: symbol) } ?? []
        if let r = ImpliedVolHistory.rank(history) {
            let iv = v.judged(rank: r.rank, percentile: r.percentile)
            return (iv, "volatility \(iv.volLevel.rawValue): \(Format.number(ImpliedVolHistory.days))-day ATM implied \(Format.fixed(r.current * 100, 1))% on \(CivilTime.format(r.date)), "
                        + "IV rank \(Format.fixed(r.rank * 100, 0))%, IV percentile \(Format.fixed(r.percentile * 100, 0))% over \(r.count) quote dates since \(CivilTime.format(r.since)) "
                        + "(chain history in the store); \(realised)")
        }
        let why = history.isEmpty ? "no implied-volatility history is stored"
            : "\(history.count) date\(history.count == 1 ? "" : "s") of implied-volatility history in the store, fewer than \(ImpliedVolHistory.minimumDates) in a year"
        return (v, "volatility \(v.volLevel.rawValue): \(realised), rank \(Format.fixed(v.volRank * 100, 0))%, percentile \(Format.fixed(v.volPercentile * 100, 0))% over the last year "
                    + "(from realised volatility: \(why))")
    }

    /// The loaded chain when it quotes `symbol` (by the chain's underlying column), else nil.
    static func chainFor(_ c: CommandContext, _ symbol: String) -> ChainState? {
        let state = c.workspace.state { ChainState() }
        guard state.analysis != nil, state.underlying.uppercased() == symbol.uppercased() else { return nil }
        return state
    }

    /// Why the legs are modelled: no chain, or a chain of another underlying.
    static func modelledReason(_ c: CommandContext, _ symbol: String) -> String {
        let state = c.workspace.state { ChainState() }
        guard state.analysis != nil else { return "no chain loaded" }
        return "the chain loaded quotes \(state.underlying), not \(symbol)"
    }

    /// Listed-strike spacing by price level, so modelled strikes look like real ones.
    static func strikeStep(_ spot: Double) -> Double {
        spot < 25 ? 0.5 : spot < 200 ? 1 : spot < 1000 ? 5 : 10
    }
}

/// Bars per year from a time axis (for annualising realised volatility).
enum PairDataYear {
    static func perYear(_ time: [Int64]) -> Double {
        guard time.count > 1, let f = time.first, let l = time.last, l > f else { return 252 }
        return min(1_000_000, max(1, Double(time.count - 1) / (Double(l - f) / (365.25 * 86_400))))
    }
}
