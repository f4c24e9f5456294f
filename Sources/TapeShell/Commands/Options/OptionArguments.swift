import TapeCore

/// The market of one option as price, greeks and iv read it, from values the dispatcher
/// has already converted and checked against `PriceCommand.market` (units, ranges,
/// required keys). What is left here are the rules between options, which no single
/// declaration can state: a spot range's length, `div` with `future`.
struct OptionArguments {
    let type: OptionType
    let spot, strike, years, rate, q, vol: Double
    /// The spot prices of `spot A..B step S`, when the command accepts a range.
    let spots: [Double]?
    let future: Bool
    let span: Span

    /// The one positional argument of price, greeks and iv.
    static let typeArgument = ArgumentSpec("call|put", .choice(["call", "put"]), help: "the option's type")

    /// The most spot prices one `greeks` range may ask for: a table longer than this is
    /// no longer read, and each row prices an option.
    static let maxSpots = 10_000

    init(_ c: CommandContext) throws {
        guard case .word(let w)? = c.argument(0), let t = OptionType(text: w) else {
            throw TapeError("\(c.spec.fullName) needs call or put", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        type = t
        if case .numbers(let xs)? = c.arguments.options["spot"] {
            guard xs.count >= 2, xs.count <= Self.maxSpots, let first = xs.first else {
                throw TapeError("a spot range needs 2 to \(Self.maxSpots) values, this one has \(xs.count)",
                                span: c.option("spot")?.span ?? c.span)
            }
            spots = xs
            spot = first
        } else {
            spots = nil
            spot = try c.required("spot")
        }
        strike = try c.required("strike")
        guard let expiry = c.duration("expiry") else {
            throw TapeError("\(c.spec.fullName) needs expiry", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        years = expiry.years
        rate = try c.required("rate")
        q = c.value("div") ?? 0
        vol = c.value("vol") ?? 0
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

    /// Calendar days of a duration option. A declared option is already converted; an
    /// older free-form one (`chart greek`, `chart payoff`) is converted here by the
    /// dispatcher's own duration rule, so `expiry 30` is refused the same way everywhere.
    static func days(_ c: CommandContext, _ key: String) throws -> Double? {
        if let d = c.duration(key) { return d.days }
        guard let e = c.option(key) else { return nil }
        let checker = ArgumentChecker(spec: c.spec, invocation: c.invocation, evaluate: { try c.evaluate($0) })
        guard case .duration(let d) = try checker.convert(e, kind: .duration, bounds: .positive, acceptsRange: false, name: key) else {
            return nil
        }
        return d.days
    }
}
