/// What running a command does to the session, which decides what the recorder keeps.
public enum CommandEffect: Sendable {
    /// Changes the workspace (load, let, set, backtest): always recorded.
    case changesState
    /// Reads and prints (describe, show, stats): recorded, since its output is part of
    /// the notebook and can be checked.
    case query
    /// About the shell itself (help, history, quit): never recorded.
    case meta
}

/// One command, declared once: its name, help, the options and arguments it takes with
/// their kinds and ranges, its subcommands (each a declaration of its own), and what it
/// does. Help, Tab completion, the parser's option keys, the dispatcher's conversions and
/// checks, and docs/COMMANDS.md all come from this declaration.
///
/// A subcommand (`paper buy`) is a `CommandSpec` in its parent's `subcommands`, with its
/// own options, arguments, usage and help: `help paper buy` and the arity and key checks
/// work for it as for any command.
public struct CommandSpec: Sendable {
    public let name: String
    public let aliases: [String]
    /// The words that reach this declaration: `["paper", "buy"]` for a subcommand. Set by
    /// the parent when it adopts its subcommands.
    public private(set) var path: [String]
    /// One line for `help`.
    public let summary: String
    /// Longer help with examples for `help NAME` (may be empty).
    public let details: String
    public let effect: CommandEffect
    /// Options, in the order help lists them.
    public let options: [OptionSpec]
    /// Positional arguments in order; nil when the command reads free-form expressions
    /// (then `maxPositional` bounds how many).
    public let arguments: [ArgumentSpec]?
    /// At most this many positional arguments when `arguments` is nil (nil = any).
    public let maxPositional: Int?
    /// The argument is another command's text (`time COMMAND`), not parsed here.
    public let takesRawText: Bool
    /// Subcommands, each a row of its own.
    public private(set) var subcommands: [CommandSpec]
    /// The subcommand that runs when none is named (`paper` shows the account).
    public let defaultSubcommand: String?
    private let givenUsage: String
    /// Nil for a container whose work is done by its subcommands.
    public let run: (@Sendable (CommandContext) throws -> Void)?

    /// A typed declaration.
    public init(name: String, aliases: [String] = [], usage: String = "", summary: String, details: String = "",
                effect: CommandEffect, options: [OptionSpec] = [], arguments: [ArgumentSpec]? = nil,
                maxPositional: Int? = nil, takesRawText: Bool = false, subcommands: [CommandSpec] = [],
                defaultSubcommand: String? = nil, run: (@Sendable (CommandContext) throws -> Void)? = nil) {
        self.name = name
        self.aliases = aliases
        self.path = [name]
        self.givenUsage = usage
        self.summary = summary
        self.details = details
        self.effect = effect
        self.options = options
        self.arguments = arguments
        self.maxPositional = arguments == nil ? maxPositional : (arguments?.contains { $0.variadic } == true ? nil : arguments?.count)
        self.takesRawText = takesRawText
        self.subcommands = []
        self.defaultSubcommand = defaultSubcommand
        self.run = run
        for s in subcommands { adopt(s) }
    }

    /// The older form: option keys that take a value and flags, without kinds. The values
    /// reach the command as expressions it converts itself.
    @_disfavoredOverload
    public init(name: String, aliases: [String] = [], usage: String, summary: String, details: String = "",
                effect: CommandEffect, keys: [String] = [], flags: [String] = [], maxPositional: Int? = nil,
                takesRawText: Bool = false, run: @escaping @Sendable (CommandContext) throws -> Void) {
        self.init(name: name, aliases: aliases, usage: usage, summary: summary, details: details, effect: effect,
                  options: keys.map { OptionSpec($0, .expression) } + flags.map { OptionSpec($0, .flag) },
                  maxPositional: maxPositional, takesRawText: takesRawText, run: run)
    }

    private mutating func adopt(_ sub: CommandSpec) {
        var s = sub
        s.reroot(under: path)
        subcommands.append(s)
    }

    private mutating func reroot(under parent: [String]) {
        path = parent + [name]
        subcommands = subcommands.map { var s = $0; s.reroot(under: path); return s }
    }

    /// `paper buy` for a subcommand, `load` for a command.
    public var fullName: String { path.joined(separator: " ") }

    /// Option keys that take a value.
    public var keys: [String] { options.filter { !$0.isFlag }.map(\.name) }
    /// Option keys that take none.
    public var flags: [String] { options.filter(\.isFlag).map(\.name) }

    public func option(_ key: String) -> OptionSpec? { options.first { $0.name == key } }

    /// The subcommand `word` names (by name or alias), if any.
    public func subcommand(_ word: String) -> CommandSpec? {
        let w = word.lowercased()
        return subcommands.first { $0.name == w || $0.aliases.contains(w) }
    }

    /// The usage line: as written in the declaration, or built from it.
    public var usage: String {
        if !givenUsage.isEmpty { return givenUsage }
        if !subcommands.isEmpty && arguments == nil {
            let subs = subcommands.map(\.name).joined(separator: "|")
            return "\(fullName) " + (defaultSubcommand == nil ? subs : "[\(subs)]") + " ..."
        }
        var parts = [fullName]
        parts += (arguments ?? []).map(\.usage)
        parts += options.map(\.usage)
        return parts.joined(separator: " ")
    }

    /// Fewest positional arguments the declaration needs.
    public var minPositional: Int { (arguments ?? []).filter { !$0.optional && !$0.variadic }.count }
}
