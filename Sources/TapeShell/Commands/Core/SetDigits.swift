import TapeCore

extension Settings {
    /// `set digits N`: how many significant digits printed numbers show.
    static let digits = SettingSpec(
        name: "digits",
        summary: "significant digits of printed numbers (10; 17 prints every digit a value has)",
        details: """
        set digits 17      every digit: the shortest text that reads back as the same number,
                           to compare with another library's output at 1e-12
        set digits 10      the default
        Files, ledgers and exported results always keep full precision; this is what is printed.
        """,
        arguments: [ArgumentSpec("N", .count, bounds: .from(1, to: 17), help: "significant digits, 1 to 17")],
        current: { String($0.workspace.displayDigits) }
    ) { c in
        guard case .number(let x)? = c.argument(0), let n = Int(exactly: x) else {
            throw TapeError("set digits needs a whole number from 1 to 17", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        c.workspace.displayDigits = n
    }
}

extension Workspace {
    /// `set digits`, kept with the other settings so a cancelled command puts it back.
    var displayDigits: Int {
        get { settings["digits"].flatMap(Int.init) ?? 10 }
        set { settings["digits"] = newValue == 10 ? nil : String(newValue) }
    }
}
