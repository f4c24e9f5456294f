import TapeCore

extension Settings {
    /// `set convention talib|tradingview`.
    static let convention = SettingSpec(
        name: "convention",
        usage: "set convention talib|tradingview",
        summary: "which rules indicators follow where TA-Lib and TradingView differ (see docs/INDICATORS.md)",
        arguments: [ArgumentSpec("CONVENTION", .choice(Convention.allCases.map(\.rawValue)), help: "the convention")],
        current: { $0.workspace.convention.rawValue }
    ) { c in
        guard case .word(let w)? = c.argument(0), let convention = Convention(rawValue: w) else {
            throw TapeError("set convention needs talib or tradingview", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        c.workspace.convention = convention
    }
}
