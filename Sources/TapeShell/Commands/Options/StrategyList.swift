import TapeCore

/// `strategy list`: every strategy of the catalogue and its legs around K with spacing w.
enum StrategyList {
    static let spec = CommandSpec(
        name: "list",
        summary: "every strategy of the catalogue, its legs around K with spacing w",
        effect: .query,
        arguments: [],
        run: { c in
            var t = TextTable(["strategy", "legs"])
            for s in StrategyTemplate.catalog { t.add([s.name, s.summary]) }
            c.print(table: t)
        })
}
