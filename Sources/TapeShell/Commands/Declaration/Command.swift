/// A command of the top-level table: one type per command, in a file of its own under
/// `Sources/TapeShell/Commands/<Area>/`, whose `spec` is its whole declaration.
///
/// Conforming types are found by `scripts/generate-registry.sh`, which writes
/// `Registry+Generated.swift`; a test fails when that file is stale, so a new command is
/// registered by declaring it, not by editing a hand-kept list. Subcommands are not
/// `Command`s: they are declarations in their parent's `subcommands`.
protocol Command {
    static var spec: CommandSpec { get }
}
