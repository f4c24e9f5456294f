import Foundation
import TapeCore
import TapeData

/// Tab completion from the shell's own tables: command names first on a line; then the
/// command's option keys, dataset, function, column and binding names; `DATASET.` gives
/// that dataset's columns; inside an open double quote, file paths.
public final class ShellCompleter: CompletionSource {
    unowned let shell: Shell

    public init(shell: Shell) { self.shell = shell }

    public func completions(line: String, cursor: Int) -> (wordStart: Int, candidates: [String]) {
        let bytes = Array(line.utf8.prefix(max(0, min(cursor, line.utf8.count))))
        // Inside an open quote: complete a file path.
        var inQuote = false, quoteStart = 0, statementStart = 0
        for (i, b) in bytes.enumerated() {
            if b == UInt8(ascii: "\"") { inQuote.toggle(); if inQuote { quoteStart = i + 1 } }
            if b == UInt8(ascii: ";") && !inQuote { statementStart = i + 1 }
        }
        if inQuote {
            let prefix = String(decoding: bytes[quoteStart...], as: UTF8.self)
            return (quoteStart, paths(prefix))
        }
        var start = bytes.count
        while start > statementStart {
            let b = bytes[start - 1]
            let isWord = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 46 || b >= 128
            if !isWord { break }
            start -= 1
        }
        let word = String(decoding: bytes[start...], as: UTF8.self)
        let before = String(decoding: bytes[statementStart..<start], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let firstWord = before.split(whereSeparator: { $0 == " " || $0 == "(" }).first.map { String($0).lowercased() }
        var pool: [String]
        if let dot = word.lastIndex(of: "."), let d = shell.workspace.dataset(String(word[..<dot])) {
            let base = String(word[...dot])
            pool = d.bars.columnNames.map { base + $0 }
        } else if before.isEmpty {
            pool = shell.commands.allNames + names()
        } else if firstWord == "help" {
            let words = before.split(separator: " ").dropFirst().map { String($0).lowercased() }
            if !words.isEmpty, let spec = shell.commands.lookup(path: words) {
                pool = spec.subcommands.map(\.name)
            } else {
                pool = shell.commands.allNames + shell.functions.names + ["functions", "commands"]
            }
        } else if let f = firstWord, shell.commands.lookup(f) != nil {
            pool = declared(before: before) ?? names()
        } else {
            pool = names()
        }
        let lower = word.lowercased()
        let matches = Set(pool.filter { $0.lowercased().hasPrefix(lower) })
        return (start, matches.sorted())
    }

    /// What the declarations offer after `before` (the statement's words left of the
    /// word being completed): a container's subcommands; a choice option's words or an
    /// option's own completions after its key; else the positional argument's completions
    /// and the option keys not given yet, then names. A declaration whose offer depends on
    /// earlier words (a strategy's parameters after its name) says so in `offered`, which
    /// gets the words typed after the command.
    func declared(before: String) -> [String]? {
        let words = before.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        guard let first = words.first, var spec = shell.commands.lookup(first) else { return nil }
        var rest = words.dropFirst()
        while let w = rest.first, let sub = spec.subcommand(w) {
            spec = sub
            rest = rest.dropFirst()
        }
        var subcommands: [String] = []
        if rest.isEmpty, !spec.subcommands.isEmpty {
            subcommands = spec.subcommands.flatMap { [$0.name] + $0.aliases }
            // A container that also runs itself (`strategy NAME`, beside `strategy list`)
            // offers its own arguments and options too, when it declares any (`set` alone
            // lists the settings and takes nothing more).
            let takesMore = spec.arguments.map { !$0.isEmpty } ?? true || !spec.options.isEmpty
            guard spec.run != nil, takesMore else { return subcommands }
        }
        if let last = rest.last?.lowercased(), let option = spec.option(last), !option.isFlag {
            // An option's own completions first: a choice may accept more than Tab
            // should offer (`maximize` takes statistic names with spaces, in quotes).
            if let more = option.completions { return more(shell) }
            if case .choice(let words) = option.kind { return words }
            return names()
        }
        // Positional arguments are the words left once options and their values are taken out.
        var positional = 0
        var skipValue = false
        for w in rest {
            if skipValue { skipValue = false; continue }
            if let o = spec.option(w.lowercased()) { skipValue = !o.isFlag; continue }
            if w.contains("=") { continue }
            positional += 1
        }
        let given = Set(rest.map { $0.lowercased().split(separator: "=").first.map(String.init) ?? "" })
        let typed = Array(rest)
        var pool = spec.options.filter { !given.contains($0.name) && $0.offered?(shell, typed) ?? true }.map(\.name)
        if let args = spec.arguments, let a = positional < args.count ? args[positional] : args.last(where: \.variadic),
           a.offered?(shell, typed) ?? true {
            if case .choice(let words) = a.kind { pool = words + pool }
            if let more = a.completions { pool = more(shell) + pool }
        }
        return subcommands + pool + (offersOnlyItsOwn(spec, at: positional) ? [] : names())
    }

    /// An argument that is a name of a kind of its own (a sample, a universe, a strategy)
    /// and says which names it takes is offered just those, not every function and column.
    func offersOnlyItsOwn(_ spec: CommandSpec, at positional: Int) -> Bool {
        guard let args = spec.arguments, let a = positional < args.count ? args[positional] : args.last(where: \.variadic) else {
            return false
        }
        return a.completions != nil && (a.kind == .word || a.kind == .text)
    }

    func names() -> [String] {
        let w = shell.workspace
        var out = shell.functions.names + Array(w.bindings.keys) + w.datasetOrder
        if let d = w.current { out += d.bars.columnNames }
        return out
    }

    /// Files and folders starting with `prefix` (folders end in `/`).
    func paths(_ prefix: String) -> [String] {
        let dir: String, stem: String
        if let slash = prefix.lastIndex(of: "/") {
            dir = String(prefix[...slash])
            stem = String(prefix[prefix.index(after: slash)...])
        } else {
            dir = ""
            stem = prefix
        }
        let expanded = dir.hasPrefix("~/") ? NSHomeDirectory() + dir.dropFirst() : dir
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: expanded.isEmpty ? "." : expanded) else { return [] }
        return entries.filter { $0.hasPrefix(stem) && (!$0.hasPrefix(".") || stem.hasPrefix(".")) }.sorted().map { name in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (expanded.isEmpty ? "" : expanded) + name, isDirectory: &isDir)
            return dir + name + (isDir.boolValue ? "/" : "")
        }
    }
}
