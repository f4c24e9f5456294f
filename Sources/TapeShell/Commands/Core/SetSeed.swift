extension Settings {
    /// `set seed N`. Seeds stop below 10^15, where every whole number prints as written
    /// (Format.number), so the seed in the session header reads back as the same seed.
    static let seed = SettingSpec(
        name: "seed",
        summary: "the seed of every random choice (recorded in the session header)",
        details: "Random search, genetic optimisation and sampling draw from it; a replay uses the seed it recorded.",
        arguments: [ArgumentSpec("SEED", .count, bounds: .from(0, to: 999_999_999_999_999), help: "the seed")],
        current: { String($0.session.seed) }
    ) { c in
        guard case .number(let x)? = c.argument(0), let seed = UInt64(exactly: x) else {
            throw TapeError("set seed needs a whole number", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        c.session.seed = seed
    }
}
