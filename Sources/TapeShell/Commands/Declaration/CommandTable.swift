/// The one table of commands. Each area of the shell contributes its list here; the
/// parser, `help`, Tab completion and the dispatcher's argument checks all read it.
public final class CommandTable: Parser.Grammar {
    public private(set) var specs: [CommandSpec] = []
    /// The area (folder) each command belongs to, by name, for `help`'s grouping.
    public private(set) var areas: [String: String] = [:]
    private var byName: [String: Int] = [:]

    public init(_ specs: [CommandSpec]) {
        for s in specs { add(s) }
    }

    public init(_ entries: [(area: String, spec: CommandSpec)]) {
        for (area, s) in entries { add(s, area: area) }
    }

    public func add(_ s: CommandSpec, area: String = "") {
        areas[s.name] = area
        if let i = byName[s.name] {
            specs[i] = s
        } else {
            byName[s.name] = specs.count
            specs.append(s)
        }
        for a in s.aliases { byName[a] = byName[s.name] }
    }

    public func lookup(_ name: String) -> CommandSpec? { byName[name.lowercased()].map { specs[$0] } }

    /// The declaration a path of words reaches: `["paper", "buy"]` is the subcommand
    /// `buy` of `paper`. Nil when any word names nothing.
    public func lookup(path: [String]) -> CommandSpec? {
        guard let first = path.first, var spec = lookup(first) else { return nil }
        for word in path.dropFirst() {
            guard let sub = spec.subcommand(word) else { return nil }
            spec = sub
        }
        return spec
    }

    /// Command names and aliases, for suggestions and completion.
    public var allNames: [String] { Array(byName.keys).sorted() }

    /// Every declaration, subcommands included, depth first (for docs and tests).
    public var allDeclarations: [CommandSpec] {
        func walk(_ s: CommandSpec) -> [CommandSpec] { [s] + s.subcommands.flatMap(walk) }
        return specs.flatMap(walk)
    }

    // Parser.Grammar
    public func isCommand(_ name: String) -> Bool { byName[name] != nil }
    public func subcommand(of path: [String], named word: String) -> String? {
        lookup(path: path)?.subcommand(word)?.name
    }
    public func keys(of path: [String]) -> Set<String> { Set(lookup(path: path)?.keys ?? []) }
    public func flags(of path: [String]) -> Set<String> { Set(lookup(path: path)?.flags ?? []) }
    public var commandNames: [String] { allNames }
    public func takesRawText(_ path: [String]) -> Bool { lookup(path: path)?.takesRawText ?? false }
}
