/// Whether a run could go short, and how that is switched in the shell's words: stated
/// with every result (`Assumptions`, `stats`), so a long-only figure is never mistaken
/// for a long-short one or the other way round.
public struct Shorting: Sendable, Equatable {
    /// The strategy may sell short (a short signal, `shorts 1`).
    public var allowed: Bool
    /// How to switch it ("shorts 1 to allow"); nil when the strategy cannot short.
    public var how: String?

    public init(allowed: Bool, how: String? = nil) {
        self.allowed = allowed
        self.how = how
    }

    /// Built-ins without a `shorts` parameter and portfolios: long only, always.
    public static let longOnly = Shorting(allowed: false, how: "this strategy trades long only")

    /// A built-in with the `shorts` parameter set to `on`.
    static func parameter(_ on: Bool) -> Shorting {
        Shorting(allowed: on, how: on ? "shorts 0 for long only" : "shorts 1 to allow")
    }

    /// "off (shorts 1 to allow)".
    public var description: String { (allowed ? "on" : "off") + (how.map { " (\($0))" } ?? "") }
}
