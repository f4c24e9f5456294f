import TapeCore

/// `iv`: the implied volatility of one option price (Jäckel's Let's Be Rational). The
/// batch form over a file is the subcommand `iv from` (IVFrom.swift).
enum IVCommand: Command {
    /// Price's market without the vol (the answer), with the option's price.
    static let options: [OptionSpec] = [
        .money("price", "the option's price", bounds: .nonNegative, required: true, placeholder: "P"),
    ] + PriceCommand.market.filter { $0.name != "vol" }

    static let spec = CommandSpec(
        name: "iv",
        usage: "iv call|put price P spot S strike K expiry 30d rate 4% [div 1%] [future]",
        summary: "implied volatility of an option price (Jäckel's Let's Be Rational), or of every row of a CSV file (iv from)",
        details: """
        iv call price 2.5 spot 100 strike 105 expiry 30d rate 4%
        Accurate to the last digits of the price, from 1e-300 time value up; at the intrinsic
        value (no time value left in doubles) a volatility that reprices it; an error when the
        price is below intrinsic by more than rounding, or above the maximum.
        iv from "in.csv" to "out.csv"      every row of a file (help iv from)
        """,
        effect: .query,
        options: options,
        arguments: [OptionArguments.typeArgument],
        subcommands: [IVFrom.spec],
        run: run)

    static func run(_ c: CommandContext) throws {
        let o = try OptionArguments(c)
        let p = try c.required("price")
        let vol = try o.call {
            o.future
                ? try ImpliedVolatility.black76(price: p, type: o.type, forward: o.spot, strike: o.strike, years: o.years, rate: o.rate)
                : try ImpliedVolatility.bsm(price: p, type: o.type, spot: o.spot, strike: o.strike, years: o.years,
                                            rate: o.rate, dividendYield: o.q)
        }
        c.print("implied vol \(Format.fixed(vol * 100, 4))%  (\(Format.number(vol)))")
    }
}
