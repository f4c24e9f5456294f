/// A setting of `set`: a subcommand row of its own (`set seed`, `set plot`), declared
/// with typed arguments and options like any command, so `help set plot`, Tab after
/// `set plot `, the dispatcher's range checks and docs/COMMANDS.md work for it. Each
/// area declares its settings beside its commands and lists them in `Settings.all`
/// (Commands/Registry.swift); `set` adopts them as its subcommands.
public struct SettingSpec: Sendable {
    /// The setting's row: `set NAME ...` with its arguments, options and help.
    public let declaration: CommandSpec
    /// The value as `set NAME` would take it back, for the listing `set` prints.
    public let current: @Sendable (Shell) -> String

    public var name: String { declaration.name }

    /// A typed setting. The usage line is built from the declaration unless given (it
    /// must then start with `set NAME`).
    public init(name: String, usage: String = "", summary: String, details: String = "",
                options: [OptionSpec] = [], arguments: [ArgumentSpec] = [],
                current: @escaping @Sendable (Shell) -> String, apply: @escaping @Sendable (CommandContext) throws -> Void) {
        declaration = CommandSpec(name: name, usage: usage, summary: summary, details: details, effect: .changesState,
                                  options: options, arguments: arguments, run: apply)
        self.current = current
    }

    /// The older form, for areas not yet converted: untyped option keys, and the
    /// positional arguments handed over as expressions the setting converts itself.
    /// `usage` is written without the leading `set`.
    @_disfavoredOverload
    public init(name: String, usage: String, summary: String, keys: [String],
                current: @escaping @Sendable (Shell) -> String, apply: @escaping @Sendable (CommandContext, [Expr]) throws -> Void) {
        declaration = CommandSpec(name: name, usage: "set " + usage, summary: summary, effect: .changesState,
                                  keys: keys) { c in try apply(c, c.positionals) }
        self.current = current
    }
}

/// The settings of `set`, one static per setting in the file of the area that owns it;
/// `Settings.all` (Commands/Registry.swift) lists them.
public enum Settings {}
