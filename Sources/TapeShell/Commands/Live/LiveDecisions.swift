/// Why `paper auto ... live` placed each order, for `paper why ID`: the bar, its close,
/// which rule was true and the position it found. Kept in the workspace; a replay of the
/// session makes the same decisions again.
final class LiveDecisions {
    var byOrder: [String: String] = [:]
}
