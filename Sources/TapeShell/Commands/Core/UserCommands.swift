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
    public struct Definition: Sendable {
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

    /// Adds every user command that parses and does not shadow a command of the table,
    /// under the area "user" in `help`.
    static func register(into shell: Shell) {
        for dir in directories() {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for f in files.sorted() where f.hasSuffix(".tape") {
                let path = dir + "/" + f
                guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                      let def = try? parse(text, path: path),
                      shell.commands.lookup(def.name) == nil else { continue }
                shell.commands.add(spec(for: def), area: "User")
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

    /// The declaration the usage line makes: each required word a positional argument,
    /// each `[key=default]` an option. The usage line says nothing about types, so the
    /// values stay expressions whose text the body receives; the dispatcher still checks
    /// the arity, the keys ("did you mean") and the usage, and help and Tab read it.
    static func spec(for def: Definition) -> CommandSpec {
        CommandSpec(
            name: def.name, usage: def.usage, summary: def.summary, details: "defined in \(def.path)",
            effect: .changesState,
            options: def.optional.map { key, value in
                OptionSpec(key, .expression, placeholder: "VALUE",
                           help: "replaces $\(key) in the body" + (value.isEmpty ? " (default: nothing)" : " (default \(value))"))
            },
            arguments: def.required.map { ArgumentSpec($0, .expression, help: "replaces $\($0) in the body") }
        ) { c in
            var values: [String: String] = [:]
            for (p, e) in zip(def.required, c.positionals) { values[p] = c.invocation.text(of: e) }
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
