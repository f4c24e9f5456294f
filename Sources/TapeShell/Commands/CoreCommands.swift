import TapeCore

/// The commands about the shell itself: help, settings, quitting.
enum CoreCommands {
    static var all: [CommandSpec] { [help, set, quit] }

    static let help = CommandSpec(
        name: "help", aliases: ["?"], usage: "help [COMMAND | FUNCTION | functions | commands]",
        summary: "list the commands, or explain one command or function",
        details: "help            every command with a one-line summary\nhelp load       usage and details of a command\nhelp functions  every function of the language\nhelp rsi        a function: parameters, defaults, outputs",
        effect: .meta, maxPositional: 1
    ) { c in
        guard let e = c.positionals.first else {
            c.print("Commands (help COMMAND for details, help functions for the language's functions):")
            var t = TextTable(["command", "what it does"])
            for s in c.shell.commands.specs { t.add([s.name, s.summary]) }
            c.print(table: t)
            return
        }
        let topic = try c.word(e, "a command or function name").lowercased()
        for line in try HelpText.lines(for: topic, shell: c.shell, span: e.span) { c.print(line) }
    }

    static let quit = CommandSpec(name: "quit", aliases: ["exit"], usage: "quit", summary: "leave the shell (Ctrl-D does too)",
                                  effect: .meta, maxPositional: 0) { _ in }

    static let set = CommandSpec(
        name: "set", usage: "set SETTING VALUE ...",
        summary: "change a setting: " + Settings.all.map(\.name).joined(separator: ", "),
        details: Settings.all.map { "set \($0.usage)\n    \($0.summary)" }.joined(separator: "\n"),
        effect: .changesState, keys: Settings.all.flatMap(\.keys)
    ) { c in
        guard let first = c.positionals.first else {
            for s in Settings.all { c.print("\(s.name) = \(s.current(c.workspace))") }
            return
        }
        let name = try c.word(first, "a setting name").lowercased()
        guard let setting = Settings.all.first(where: { $0.name == name }) else {
            throw TapeError("unknown setting '\(name)'", span: first.span,
                            hint: Suggest.hint(name, in: Settings.all.map(\.name)) ?? "settings: \(Settings.all.map(\.name).joined(separator: ", "))")
        }
        try setting.apply(c, Array(c.positionals.dropFirst()))
    }
}

/// A setting of `set`. Each area adds its settings to `Settings.all`.
public struct SettingSpec {
    public let name: String
    public let usage: String
    public let summary: String
    /// Option keys the setting reads (`set plot terminal=png size=800x600`).
    public let keys: [String]
    public let current: (Workspace) -> String
    public let apply: (CommandContext, [Expr]) throws -> Void
}

public enum Settings {

    static let seed = SettingSpec(
        name: "seed", usage: "seed N", summary: "the seed of every random choice (recorded in the session header)", keys: [],
        current: { String($0.seed) }
    ) { c, args in
        guard let e = args.first, case .number(let x) = try c.evaluate(e), x >= 0, x == x.rounded(), x < 9e15 else {
            throw TapeError("seed must be a whole number, e.g. set seed 42", span: args.first?.span ?? c.span)
        }
        c.workspace.seed = UInt64(x)
    }

    static let convention = SettingSpec(
        name: "convention", usage: "convention " + Convention.allCases.map(\.rawValue).joined(separator: "|"),
        summary: "which rules indicators (and built-in strategies) follow where TA-Lib, TradingView and pandas differ (see docs/INDICATORS.md)", keys: [],
        current: { $0.convention.rawValue }
    ) { c, args in
        guard let e = args.first, let w = e.word?.lowercased(), let conv = Convention(rawValue: w) else {
            throw TapeError("convention must be talib, tradingview or pandas", span: args.first?.span ?? c.span)
        }
        c.workspace.convention = conv
    }
}

/// Text of `help TOPIC`, from the command table and the function table.
enum HelpText {
    static func lines(for topic: String, shell: Shell, span: Span) throws -> [String] {
        if topic == "functions" {
            var t = TextTable(["function", "group", "what it computes"])
            for f in shell.functions.all { t.add([f.usage, f.group, f.summary]) }
            return ["Functions (help NAME for details):"] + t.render()
        }
        if topic == "commands" { return shell.commands.specs.map { "\($0.usage)  —  \($0.summary)" } }
        if let s = shell.commands.lookup(topic) { return command(s) }
        if let spec = IndicatorCatalogue.named(topic) { return indicator(spec) }
        if let f = shell.functions.lookup(topic) { return ["\(f.usage)", "  \(f.summary)"] }
        throw TapeError("no help for '\(topic)'", span: span,
                        hint: Suggest.hint(topic, in: shell.commands.allNames + shell.functions.names) ?? "try: help")
    }

    static func command(_ s: CommandSpec) -> [String] {
        var out = ["usage: \(s.usage)", "  \(s.summary)"]
        if !s.aliases.isEmpty { out.append("  aliases: \(s.aliases.joined(separator: ", "))") }
        if !s.details.isEmpty { out += [""] + s.details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 } }
        return out
    }

    static func indicator(_ spec: IndicatorSpec) -> [String] {
        var out = ["\(IndicatorFunctions.usage(spec))  [\(spec.group)]", "  \(spec.summary)", "  formula: \(spec.formula)"]
        if !spec.params.isEmpty {
            out.append("  parameters:")
            for p in spec.params {
                let range = p.isInteger ? "\(Format.number(p.min))..\(Format.number(p.max)), whole" : "\(Format.number(p.min))..\(Format.number(p.max))"
                out.append("    \(p.name) = \(Format.number(p.defaultValue))  (\(range)) \(p.help)")
            }
        }
        let defaults = spec.params.map(\.defaultValue)
        out.append("  inputs: \(spec.inputs.map(\.name).joined(separator: ", "))")
        out.append("  outputs: \(spec.outputs.joined(separator: ", "))")
        out.append("  lookback: \(spec.lookback(defaults)) bars with the defaults (NaN before)")
        out.append("  convention: \(spec.conventionNote)")
        return out
    }
}
