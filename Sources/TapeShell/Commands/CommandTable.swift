/// The one table of commands. Each area of the shell contributes its list here; the
/// parser, `help`, Tab completion and the dispatcher's argument checks all read it.
public final class CommandTable: Parser.Grammar {
    public private(set) var specs: [CommandSpec] = []
    private var byName: [String: Int] = [:]

    public init(_ specs: [CommandSpec]) {
        for s in specs { add(s) }
    }

    public func add(_ s: CommandSpec) {
        if let i = byName[s.name] {
            specs[i] = s
        } else {
            byName[s.name] = specs.count
            specs.append(s)
        }
        for a in s.aliases { byName[a] = byName[s.name] }
    }

    public func lookup(_ name: String) -> CommandSpec? { byName[name.lowercased()].map { specs[$0] } }

    /// Command names and aliases, for suggestions and completion.
    public var allNames: [String] { Array(byName.keys).sorted() }

    // Parser.Grammar
    public func isCommand(_ name: String) -> Bool { byName[name] != nil }
    public func keys(of command: String) -> Set<String> { Set(lookup(command)?.keys ?? []) }
    public func flags(of command: String) -> Set<String> { Set(lookup(command)?.flags ?? []) }
    public var commandNames: [String] { allNames }
    public func takesRawText(_ command: String) -> Bool { lookup(command)?.takesRawText ?? false }

}
