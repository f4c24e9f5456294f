import Foundation
import TapeCore

/// User-defined commands: `commands/NAME.tape` whose first usage line declares the
/// parameters becomes the command NAME.
///
///   # usage: quicklook SYMBOL [rows=5]
///   load $SYMBOL
///   show tail $rows
///
/// Upper-case words are required positional parameters; `[key=default]` are options
/// (written `rows 3` or `rows=3` when called). `$name` in the body is replaced by the
/// argument's text before each line runs.
public enum UserCommands {
    public struct Definition {
        public var name: String
        public var usage: String
        public var summary: String
        public var required: [String]
        public var optional: [(String, String)]
        public var body: String
        public var path: String
    }

    /// Folders searched, in order: ./commands, then the user's data directory.
    public static func directories() -> [String] { ["commands", Paths.dataDirectory() + "/commands"] }

    static func register(into shell: Shell) {
        for dir in directories() {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for f in files.sorted() where f.hasSuffix(".tape") {
                let path = dir + "/" + f
                guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                      let def = try? parse(text, path: path),
                      shell.commands.lookup(def.name) == nil else { continue }
                shell.commands.add(spec(for: def))
            }
        }
    }

    public static func parse(_ text: String, path: String) throws -> Definition {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        var usage: String?
        var summary = "user command from \(path)"
        // `isNewline` also matches "\r\n" (one Character), so CRLF files read the same.
        for line in text.split(whereSeparator: \.isNewline).prefix(10) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.lowercased().hasPrefix("# usage:") { usage = String(t.dropFirst(8)).trimmingCharacters(in: .whitespaces) }
            else if t.lowercased().hasPrefix("# summary:") { summary = String(t.dropFirst(10)).trimmingCharacters(in: .whitespaces) }
        }
        guard let usage else { throw TapeError("\(path): no '# usage: \(name) ...' line") }
        var words = usage.split(separator: " ").map(String.init)
        guard words.first?.lowercased() == name else { throw TapeError("\(path): the usage line must start with '\(name)'") }
        words.removeFirst()
        var required: [String] = [], optional: [(String, String)] = []
        for w in words {
            if w.hasPrefix("["), w.hasSuffix("]") {
                let inner = w.dropFirst().dropLast()
                let kv = inner.split(separator: "=", maxSplits: 1).map(String.init)
                guard let key = kv.first, !key.isEmpty else { throw TapeError("\(path): empty option '\(w)' in the usage line") }
                optional.append((key.lowercased(), kv.count > 1 ? kv[1] : ""))
            } else {
                required.append(w)
            }
        }
        return Definition(name: name, usage: usage, summary: summary, required: required, optional: optional, body: text, path: path)
    }

    static func spec(for def: Definition) -> CommandSpec {
        CommandSpec(name: def.name, usage: def.usage, summary: def.summary, details: "defined in \(def.path)",
                    effect: .changesState, keys: def.optional.map(\.0), maxPositional: def.required.count) { c in
            var values: [String: String] = [:]
            let pos = c.positionals
            for (i, p) in def.required.enumerated() {
                guard i < pos.count else {
                    throw TapeError("\(def.name) needs \(p)", span: c.span, hint: "usage: \(def.usage)")
                }
                values[p] = c.invocation.text(of: pos[i])
            }
            for (k, d) in def.optional { values[k] = c.option(k).map { c.invocation.text(of: $0) } ?? d }
            var body = def.body
            // Longest names first, so $fast does not clobber $fastest.
            for k in values.keys.sorted(by: { $0.count > $1.count }) {
                body = body.replacingOccurrences(of: "$" + k, with: values[k] ?? "")
            }
            let ok = try c.shell.nested(at: c.span) { $0.runScript(body, name: def.path) }
            if !ok { throw TapeError("\(def.name) stopped at a failed command (\(def.path))", span: c.span) }
        }
    }
}
