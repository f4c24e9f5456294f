import TapeCore

/// `chart greek GREEK call|put ...`: one Greek against spot at three times to expiry, to
/// show how it sharpens as expiry nears. The market options are `price`'s declarations
/// (PriceCommand.market) and the Greeks those `greeks ... plot` draws
/// (OptionsCharts.plottable), in the same units.
enum ChartGreek {
    static let options: [OptionSpec] = PriceCommand.market.filter { ["strike", "expiry", "vol", "rate", "div"].contains($0.name) }

    static let spec = CommandSpec(
        name: "greek",
        usage: "chart greek GREEK call|put strike K expiry 30d vol 25% rate 4% [div 1%]",
        summary: "one Greek against spot at a quarter of the expiry, the expiry and three times it",
        details: """
            chart greek delta call strike 105 expiry 30d vol 25% rate 4%
            chart greek theta put strike 100 expiry 60d vol 30% rate 4%
            Spot runs from 60% to 140% of the strike. Theta is per calendar day, vega per
            vol point, rho per 1% of rate (as greeks prints theta/day, vega/pt, rho/pt).
            """,
        effect: .query,
        options: options,
        arguments: [ArgumentSpec("GREEK", .choice(OptionsCharts.plottable.map(\.name)), help: "the Greek drawn"),
                    OptionArguments.typeArgument],
        run: run)

    static func run(_ c: CommandContext) throws {
        // The declaration's choices are these names, so a miss here is a table out of step.
        guard case .word(let g)? = c.argument(0), let greek = OptionsCharts.plottable.first(where: { $0.name == g }),
              case .word(let w)? = c.argument(1), let type = OptionType(text: w), let expiry = c.duration("expiry") else {
            throw TapeError("chart greek needs a Greek, call or put, and expiry", span: c.span, hint: "usage: \(spec.usage)")
        }
        let strike = try c.required("strike"), vol = try c.required("vol"), rate = try c.required("rate")
        let q = c.value("div") ?? 0
        let spots = OptionsCharts.curveGrid(strike * 0.6, strike * 1.4, strike: strike)
        let days = expiry.days
        do {
            let series = try [days / 4, days, days * 3].map { d in
                ChartSeries(Format.number((d * 10).rounded() / 10) + "d", try spots.map { s in
                    greek.value(try BlackScholes.greeks(type, spot: s, strike: strike, years: d / 365, rate: rate,
                                                        dividendYield: q, vol: vol))
                })
            }
            try ChartCommands.show(.greek(GreekChart(title: "\(type.rawValue) \(greek.name), K=\(Format.number(strike)), vol \(OptionsCharts.percent(vol))",
                                                     greek: "\(greek.name) (\(greek.unit))", spot: spots, series: series, strike: strike)), c)
        } catch let e as OptionError {
            throw TapeError(e.description, span: c.span)
        }
    }
}
