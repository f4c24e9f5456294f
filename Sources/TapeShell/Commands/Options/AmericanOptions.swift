import TapeCore

/// `american [engine crr|baw|bjs|bjs2002] [steps N]`, as price and greeks declare and read
/// them. The engines live in TapeCore/Options/AmericanEngine.swift.
enum AmericanOptions {
    static let declarations: [OptionSpec] = [
        .flag("american", "early exercise (the CRR tree unless engine says otherwise)"),
        .choice("engine", AmericanEngine.allCases.map(\.rawValue),
                "crr: Cox-Ross-Rubinstein tree (European without american); baw: Barone-Adesi-Whaley; bjs: Bjerksund-Stensland 1993; bjs2002: Bjerksund-Stensland 2002"),
        .count("steps", "steps of the CRR tree", bounds: .from(2, to: 20_000)),
    ]

    /// The engine an American option asked for, checked against the rest of the line.
    /// Nil for a European option priced in closed form.
    static func engine(_ c: CommandContext) throws -> AmericanEngine? {
        let name = c.text("engine")
        let engine = name.flatMap(AmericanEngine.init(rawValue:))
        if c.has("american") || engine != nil, c.has("future") {
            throw TapeError("american options on futures are not supported", span: c.optionSpan("engine") ?? c.span)
        }
        if let engine, engine != .crr, !c.has("american") {
            throw TapeError("engine \(engine.rawValue) prices American options", span: c.optionSpan("engine") ?? c.span,
                            hint: "add american, or use engine crr for a European tree")
        }
        if c.int("steps") != nil, (engine ?? (c.has("american") ? .crr : nil)) != .crr {
            throw TapeError("steps is the number of steps of the CRR tree", span: c.optionSpan("steps") ?? c.span,
                            hint: c.has("american") ? "drop steps, or use engine crr" : "add american (the CRR tree by default) or engine crr (European)")
        }
        return c.has("american") ? engine ?? .crr : engine
    }

    static func contract(_ o: OptionArguments) -> AmericanContract {
        AmericanContract(o.type, spot: o.spot, strike: o.strike, years: o.years, rate: o.rate, dividendYield: o.q,
                         vol: o.vol)
    }
}
