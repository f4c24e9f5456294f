import TapeCore

extension Settings {
    /// `set convention talib|tradingview|pandas`.
    static let convention = SettingSpec(
        name: "convention",
        usage: "set convention " + Convention.allCases.map(\.rawValue).joined(separator: "|"),
        summary: "which rules indicators (and built-in strategies) follow where TA-Lib, TradingView and pandas differ (see docs/INDICATORS.md)",
        arguments: [ArgumentSpec("CONVENTION", .choice(Convention.allCases.map(\.rawValue)), help: "the convention")],
        current: { $0.workspace.convention.rawValue }
    ) { c in
        guard case .word(let w)? = c.argument(0), let convention = Convention(rawValue: w) else {
            throw TapeError("set convention needs one of " + Convention.allCases.map(\.rawValue).joined(separator: ", "),
                            span: c.span, hint: "usage: \(c.spec.usage)")
        }
        c.workspace.convention = convention
    }
}
