import TapeCore

/// `greeks from "in.csv" to "out.csv"`: price and every Greek of each row of a file.
enum GreeksFrom {
    static let spec = CommandSpec(
        name: "from",
        usage: "greeks from \"in.csv\" to \"out.csv\"",
        summary: "price and Greeks of every row of a CSV file, written to another",
        details: """
        in.csv columns (any order): type, spot, strike, days or years, vol, rate, [div_yield];
        out.csv adds price, delta, gamma, theta_per_year, theta_per_day, vega, rho,
        dividend_rho, vanna, volga, charm, speed, dual_delta and error (why a row failed).
        """,
        effect: .query,
        options: OptionBatch.output,
        arguments: [ArgumentSpec("FILE", .path, help: "the CSV file to read")],
        run: { c in try OptionBatch.run(c, done: "priced", errorColumn: "error") { try GreeksBatch.run(csv: $0, source: $1, cancel: Interrupts.cancelCheck) } })
}
