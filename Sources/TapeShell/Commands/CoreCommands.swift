import TapeCore

/// The commands about the shell itself: help, settings, quitting.
enum CoreCommands {
    static var all: [CommandSpec] { [help, set, quit] }

    static let help = CommandSpec(
        name: "help", aliases: ["?"], usage: "help [COMMAND [SUBCOMMAND] | FUNCTION | functions | commands]",
        summary: "list the commands, or explain one command, subcommand or function",
        details: "help            every command with a one-line summary\nhelp load       usage and details of a command\nhelp paper buy  a subcommand: its usage, options and details\nhelp functions  every function of the language\nhelp rsi        a function: parameters, defaults, outputs",
        effect: .meta, maxPositional: 3
    ) { c in
        guard let e = c.positionals.first else {
            c.print("Commands (help COMMAND for details, help functions for the language's functions):")
            let table = c.shell.commands
            var t = TextTable(["", ""], alignment: .left)
            var lastArea: String?
            for s in table.specs {
                let area = table.areas[s.name] ?? ""
                if area != lastArea, !area.isEmpty {
                    if lastArea != nil { t.add(["", ""]) }
                    t.add([area.lowercased() + ":", ""])
                }
                lastArea = area
                t.add(["  " + s.name, s.summary])
            }
            for line in t.render(header: false, width: c.session.terminal.columns) { c.print(line) }
            return
        }
        let words = try c.positionals.map { try c.word($0, "a command or function name").lowercased() }
        let topic = words.joined(separator: " ")
        let span = e.span.union(c.positionals.last?.span ?? e.span)
        if words.count > 1 {
            guard let spec = c.shell.commands.lookup(path: words) else {
                let parent = c.shell.commands.lookup(path: Array(words.dropLast()))
                throw TapeError("no help for '\(topic)'", span: c.positionals.last?.span ?? span,
                                hint: parent.flatMap { p in Suggest.hint(words.last ?? "", in: p.subcommands.map(\.name)) }
                                    ?? parent.map { "subcommands of \($0.fullName): " + $0.subcommands.map(\.name).joined(separator: ", ") }
                                    ?? "try: help")
            }
            for line in HelpText.command(spec) { c.print(line) }
            return
        }
        for line in try HelpText.lines(for: topic, shell: c.shell, span: span) { c.print(line) }
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
            for s in Settings.all { c.print("\(s.name) = \(s.current(c.shell))") }
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
    public let current: (Shell) -> String
    public let apply: (CommandContext, [Expr]) throws -> Void
}

public enum Settings {

    static let seed = SettingSpec(
        name: "seed", usage: "seed N", summary: "the seed of every random choice (recorded in the session header)", keys: [],
        current: { String($0.session.seed) }
    ) { c, args in
        guard let e = args.first, case .number(let x) = try c.evaluate(e), x >= 0, x == x.rounded(), x < 9e15 else {
            throw TapeError("seed must be a whole number, e.g. set seed 42", span: args.first?.span ?? c.span)
        }
        c.session.seed = UInt64(x)
    }

    static let convention = SettingSpec(
        name: "convention", usage: "convention talib|tradingview",
        summary: "which rules indicators follow where TA-Lib and TradingView differ (see docs/INDICATORS.md)", keys: [],
        current: { $0.workspace.convention.rawValue }
    ) { c, args in
        guard let e = args.first, let w = e.word?.lowercased(), let conv = Convention(rawValue: w) else {
            throw TapeError("convention must be talib or tradingview", span: args.first?.span ?? c.span)
        }
        c.workspace.convention = conv
    }
}

/// Text of `help TOPIC`, from the command table and the function table.
enum HelpText {
    static func lines(for topic: String, shell: Shell, span: Span) throws -> [String] {
        if topic == "functions" {
            var t = TextTable(["function", "group", "what it computes"], alignment: .left)
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

    /// `help COMMAND`: usage, summary, aliases, then the subcommands and the options as
    /// declared (each with its kind, range and help), then the declaration's details.
    static func command(_ s: CommandSpec) -> [String] {
        var out = ["usage: \(s.usage)", "  \(s.summary)"]
        if !s.aliases.isEmpty { out.append("  aliases: \(s.aliases.joined(separator: ", "))") }
        if !s.subcommands.isEmpty {
            out += ["", "  subcommands (help \(s.fullName) NAME for one):"]
            var t = TextTable(["", ""], alignment: .left)
            for sub in s.subcommands {
                t.add(["    " + sub.name + (sub.name == s.defaultSubcommand ? " (default)" : ""), sub.summary])
            }
            out += t.render(header: false)
        }
        let described = s.options.filter { !$0.help.isEmpty }
        if !described.isEmpty {
            out += ["", "  options:"]
            var t = TextTable(["", ""], alignment: .left)
            for o in described { t.add(["    " + o.usage, optionLine(o)]) }
            out += t.render(header: false)
        }
        if !s.details.isEmpty { out += [""] + s.details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 } }
        return out
    }

    /// An option's help, then what it takes: "strike price (price or amount, above 0)".
    static func optionLine(_ o: OptionSpec) -> String {
        let facts = optionFacts(o)
        return o.help + (facts.isEmpty ? "" : " (" + facts.joined(separator: ", ") + ")")
    }

    /// What an option takes: its kind, bounds, whether a range is allowed, whether required.
    static func optionFacts(_ o: OptionSpec) -> [String] {
        var facts: [String] = []
        switch o.kind {
        case .expression, .flag, .choice: break
        default: facts.append(o.kind.summary)
        }
        if let b = o.bounds {
            let show: (Double) -> String = o.kind == .rate ? { Format.number($0 * 100) + "%" }
                : o.kind == .duration ? { Format.number($0) + " days" } : { Format.number($0) }
            facts.append(b.describe(show))
        }
        if case .choice(let words) = o.kind { facts.append("one of " + words.joined(separator: ", ")) }
        if o.acceptsRange { facts.append("or a range a..b step s") }
        if o.required { facts.append("required") }
        return facts
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
