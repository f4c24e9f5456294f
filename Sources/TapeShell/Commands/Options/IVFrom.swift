import TapeCore

/// `iv from "in.csv" to "out.csv"`: the implied volatility of each row of a file.
enum IVFrom {
    static let spec = CommandSpec(
        name: "from",
        usage: "iv from \"in.csv\" to \"out.csv\"",
        summary: "implied volatility of every row of a CSV file, written to another",
        details: """
        in.csv columns (any order): type, price, spot, strike, days or years, rate, [div_yield];
        out.csv adds implied_vol (a fraction) and iv_error (why a row has none).
        """,
        effect: .query,
        options: OptionBatch.output,
        arguments: [ArgumentSpec("FILE", .path, help: "the CSV file to read")],
        run: { c in try OptionBatch.run(c, done: "solved", errorColumn: "iv_error") { try ImpliedVolatilityBatch.run(csv: $0, source: $1, cancel: Interrupts.cancelCheck) } })
}
