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
        usage: "price call|put spot S strike K expiry 30d vol 25% rate 4% [div 1%] [future] [american] [engine crr|baw|bjs|bjs2002] [steps 1000]",
        summary: "value of a European or American option",
        details: """
        price call spot 100 strike 105 expiry 30d vol 25% rate 4%            Black-Scholes-Merton
        price put spot 100 strike 105 expiry 1y vol 25% rate 4% div 2% american   CRR tree, 1000 steps
        price put ... american engine baw        Barone-Adesi-Whaley (also: bjs = Bjerksund-Stensland 1993,
                                                 bjs2002 = Bjerksund-Stensland 2002)
        price put ... engine crr steps 2000      the European option on the same tree
        price call spot 80 strike 90 expiry 6m vol 30% rate 5% future        Black-76 (spot is the futures price)
        The CRR tree is QuantLib's, except at high volatility over years, where QuantLib's
        probability misses the forward: there it matches the forward and adds the European
        control variate, and says so (docs/OPTIONS.md).
        """,
        effect: .query,
        options: market + AmericanOptions.declarations,
        arguments: [OptionArguments.typeArgument],
        run: run)

    static func run(_ c: CommandContext) throws {
        let o = try OptionArguments(c)
        let steps = c.int("steps") ?? 1000
        guard let engine = try AmericanOptions.engine(c) else {
            let g = try o.greeks()
            c.print("\(o.type.rawValue) \(Format.number(g.price))  (\(o.modelName))")
            return
        }
        if !c.has("american") {
            let tree = try o.call {
                try BinomialTree.crr(o.type, american: false, spot: o.spot, strike: o.strike, years: o.years, rate: o.rate,
                                     dividendYield: o.q, vol: o.vol, steps: steps, cancel: Interrupts.cancelCheck)
            }
            c.print("\(o.type.rawValue) \(Format.number(tree.price))  (European, CRR tree \(steps) steps)")
            return
        }
        let value = try o.call {
            try American.price(engine, AmericanOptions.contract(o), steps: steps, cancel: Interrupts.cancelCheck)
        }
        c.print("\(o.type.rawValue) \(Format.number(value.price))  (American, \(value.method))")
    }
}
