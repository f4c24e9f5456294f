import TapeCore

/// `greeks`: price and every Greek of one European option, in QuantLib's units, or a
/// table over a range of spot prices with one Greek drawn against spot. The batch form
/// over a file is the subcommand `greeks from` (GreeksFrom.swift).
enum GreeksCommand: Command {
    /// Price's market, with a spot that may be a range (`spot 80..120 step 5`).
    static let options: [OptionSpec] = PriceCommand.market.map { o in
        guard o.name == "spot" else { return o }
        return OptionSpec("spot", .money, bounds: .positive, range: true, required: true, placeholder: "S",
                          help: "price of the underlying, or a range A..B step S: a row per spot and a Greek drawn over it")
    } + [
        OptionSpec("plot", .choice(OptionsCharts.plottable.map(\.name)), placeholder: "GREEK",
                   help: "the Greek drawn over a spot range (delta unless given)"),
        .flag("nochart", "print the table without the picture"),
    ] + AmericanOptions.declarations

    static let spec = CommandSpec(
        name: "greeks",
        usage: "greeks call|put spot S strike K expiry 30d vol 25% rate 4% [div 1%] [future] [american [engine crr|baw|bjs|bjs2002] [steps N]]  |  ... spot A..B [step S] [plot GREEK] [nochart]",
        summary: "price and Greeks of a European or American option, or of every row of a CSV file (greeks from)",
        details: """
        greeks call spot 100 strike 105 expiry 30d vol 25% rate 4%
        Units (QuantLib's): theta per year and per calendar day (/365); vega, rho and
        dividend rho per 1.00 and per 1 point (1%); charm per year as time passes.
        greeks call spot 80..120 step 5 strike 100 expiry 30d vol 25% rate 4% plot gamma
        A spot range prints one row per spot and draws one Greek against spot (delta unless
        plot names another: price, delta, gamma, theta, vega, rho, vanna, volga, charm,
        speed; theta per day, vega and rho per point); nochart skips the picture.
        greeks from "in.csv" to "out.csv"      every row of a file (help greeks from)
        greeks put spot 100 strike 105 expiry 1y vol 25% rate 4% american [engine bjs]
        An American option's price, delta, gamma, theta, vega and rho from its engine: the
        CRR tree reads delta, gamma and theta off its nodes; the rest are differences of
        the engine's price (docs/OPTIONS.md).
        """,
        effect: .query,
        options: options,
        arguments: [OptionArguments.typeArgument],
        subcommands: [GreeksFrom.spec],
        run: run)

    static func run(_ c: CommandContext) throws {
        let o = try OptionArguments(c)
        if let engine = try AmericanOptions.engine(c) {
            guard c.has("american") else {
                throw TapeError("a European option's Greeks are Black-Scholes-Merton's", span: c.optionSpan("engine") ?? c.span,
                                hint: "add american for the tree's Greeks, or drop engine")
            }
            guard o.spots == nil else {
                throw TapeError("American Greeks are for one spot at a time", span: c.optionSpan("spot") ?? c.span,
                                hint: "greeks put spot 100 ... american")
            }
            return try american(c, o, engine)
        }
        if let spots = o.spots { return try overSpot(c, o, spots) }
        if c.text("plot") != nil {
            throw TapeError("plot draws a Greek over a range of spot prices", span: c.option("plot")?.span,
                            hint: "greeks call spot 80..120 step 5 ... plot gamma")
        }
        let g = try o.greeks()
        c.print("\(o.type.rawValue) \(o.modelName)")
        var t = TextTable(["greek", "value", "unit"])
        let rows = firstOrder(price: g.price, delta: g.delta, gamma: g.gamma, theta: g.thetaPerYear, vega: g.vega, rho: g.rho) + [
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

    /// `greeks ... american`: the engine's price and five Greeks, in the units above.
    static func american(_ c: CommandContext, _ o: OptionArguments, _ engine: AmericanEngine) throws {
        let g = try o.call {
            try American.greeks(engine, AmericanOptions.contract(o), steps: c.int("steps") ?? 1000,
                                cancel: Interrupts.cancelCheck)
        }
        c.print("\(o.type.rawValue) American, \(g.method)")
        var t = TextTable(["greek", "value", "unit"])
        let rows = firstOrder(price: g.price, delta: g.delta, gamma: g.gamma, theta: g.thetaPerYear, vega: g.vega, rho: g.rho)
        for (name, value, unit) in rows { t.add([name, Format.number(value), unit]) }
        c.print(table: t)
    }

    /// The price and first-order Greeks every engine gives, with their per-day and
    /// per-point forms, as rows of the greeks table.
    static func firstOrder(price: Double, delta: Double, gamma: Double, theta: Double, vega: Double,
                           rho: Double) -> [(String, Double, String)] {
        [
            ("price", price, "currency"),
            ("delta", delta, "per 1 of spot"),
            ("gamma", gamma, "per 1 of spot, squared"),
            ("theta", theta, "per year"),
            ("theta/day", theta / 365, "per calendar day (/365)"),
            ("vega", vega, "per 1.00 of vol"),
            ("vega/pt", vega / 100, "per 1 vol point (1%)"),
            ("rho", rho, "per 1.00 of rate"),
            ("rho/pt", rho / 100, "per 1% of rate"),
        ]
    }

    /// `greeks ... spot A..B step S`: one table row per spot, then the chosen Greek
    /// (`plot NAME`, delta by default) drawn against spot on a fine grid over the same
    /// span, so the curve is smooth however coarse the table's step.
    static func overSpot(_ c: CommandContext, _ o: OptionArguments, _ spots: [Double]) throws {
        let choice = c.text("plot") ?? "delta"
        // The declaration's choices are these names, so a miss here is a table out of step.
        guard let greek = OptionsCharts.plottable.first(where: { $0.name == choice }) else {
            throw TapeError("cannot plot '\(choice)'", span: c.option("plot")?.span)
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
}
