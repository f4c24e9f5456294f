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

/// One command, declared once. Help, Tab completion, the parser's option keys and the
/// dispatcher's checks all come from this declaration.
public struct CommandSpec {
    public let name: String
    public let aliases: [String]
    /// The usage line, e.g. `load SYMBOL [from "file.csv"]`.
    public let usage: String
    /// One line for `help`.
    public let summary: String
    /// Longer help with examples for `help NAME` (may be empty).
    public let details: String
    public let effect: CommandEffect
    /// Option keys that take a value (`strike 105`, `strike=105`).
    public let keys: [String]
    /// Option keys that take no value (`american`).
    public let flags: [String]
    /// At most this many positional arguments (nil = any).
    public let maxPositional: Int?
    /// The argument is another command's text (`time COMMAND`), not parsed here.
    public let takesRawText: Bool
    public let run: (CommandContext) throws -> Void

    public init(name: String, aliases: [String] = [], usage: String, summary: String, details: String = "",
                effect: CommandEffect, keys: [String] = [], flags: [String] = [], maxPositional: Int? = nil,
                takesRawText: Bool = false, run: @escaping (CommandContext) throws -> Void) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.summary = summary
        self.details = details
        self.effect = effect
        self.keys = keys
        self.flags = flags
        self.maxPositional = maxPositional
        self.takesRawText = takesRawText
        self.run = run
    }
}
