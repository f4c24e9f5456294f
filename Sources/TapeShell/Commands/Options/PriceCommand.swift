import TapeCore

/// `price`: the value of one European or American option. The mathematics lives in
/// TapeCore/Options; this reads the declared arguments, calls it and prints.
enum PriceCommand: Command {
    /// The market of one option, shared by price, greeks and iv: the kinds carry the unit
    /// rules (a rate needs %, an expiry a unit) and the bounds carry the ranges.
    static let market: [OptionSpec] = [
        .money("spot", "price of the underlying (of the future with `future`)", bounds: .positive, required: true, placeholder: "S"),
        .money("strike", "strike price", bounds: .positive, required: true, placeholder: "K"),
        .duration("expiry", "time to expiry; years are calendar days / 365", bounds: .positive, required: true),
        .rate("vol", "volatility per year", bounds: .positive, required: true),
        .rate("rate", "risk-free rate, continuously compounded", bounds: .from(-1, to: 1), required: true),
        .rate("div", "dividend yield, continuously compounded", bounds: .from(-1, to: 1)),
        .flag("future", "Black-76: spot is the futures price"),
    ]

    static let spec = CommandSpec(
        name: "price",
        usage: "price call|put spot S strike K expiry 30d vol 25% rate 4% [div 1%] [future] [american [engine crr|baw|bjs] [steps 1000]]",
        summary: "value of a European or American option",
        details: """
        price call spot 100 strike 105 expiry 30d vol 25% rate 4%            Black-Scholes-Merton
        price put spot 100 strike 105 expiry 1y vol 25% rate 4% div 2% american   CRR tree, 1000 steps
        price put ... american engine baw        Barone-Adesi-Whaley (also: bjs = Bjerksund-Stensland 1993)
        price call spot 80 strike 90 expiry 6m vol 30% rate 5% future        Black-76 (spot is the futures price)
        """,
        effect: .query,
        options: market + [
            .flag("american", "early exercise (CRR tree unless engine says otherwise)"),
            .choice("engine", ["crr", "baw", "bjs"], "American engine: CRR tree, Barone-Adesi-Whaley, Bjerksund-Stensland 1993"),
            .count("steps", "steps of the CRR tree", bounds: .from(2, to: 20_000)),
        ],
        arguments: [OptionArguments.typeArgument],
        run: run)

    static func run(_ c: CommandContext) throws {
        let o = try OptionArguments(c)
        let engine = c.text("engine")
        guard c.has("american") || engine != nil else {
            let g = try o.greeks()
            c.print("\(o.type.rawValue) \(Format.number(g.price))  (\(o.modelName))")
            return
        }
        guard !c.has("future") else {
            throw TapeError("american options on futures are not supported", span: c.optionSpan("engine") ?? c.span)
        }
        let steps = c.int("steps") ?? 1000
        let (value, name): (Double, String)
        switch engine ?? "crr" {
        case "baw":
            value = try o.call { try BaroneAdesiWhaley.price(o.type, spot: o.spot, strike: o.strike, years: o.years,
                                                             rate: o.rate, dividendYield: o.q, vol: o.vol) }
            name = "American, Barone-Adesi-Whaley"
        case "bjs":
            value = try o.call { try BjerksundStensland.price(o.type, spot: o.spot, strike: o.strike, years: o.years,
                                                              rate: o.rate, dividendYield: o.q, vol: o.vol) }
            name = "American, Bjerksund-Stensland 1993"
        default:
            value = try o.call { try BinomialTree.crr(o.type, spot: o.spot, strike: o.strike, years: o.years, rate: o.rate,
                                                      dividendYield: o.q, vol: o.vol, steps: steps, cancel: Interrupts.cancelCheck).price }
            name = "American, CRR tree \(steps) steps"
        }
        c.print("\(o.type.rawValue) \(Format.number(value))  (\(name))")
    }
}
