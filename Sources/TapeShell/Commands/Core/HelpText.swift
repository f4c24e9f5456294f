import Foundation
import TapeCore

/// The text of `help`, made from the declarations alone: the command table (commands,
/// subcommands, their arguments and options), the function table and the indicator
/// catalogue. Nothing here is written per command, so help cannot drift from what the
/// dispatcher checks.
///
/// Every table is left-aligned, and every line longer than the terminal is broken at word
/// boundaries, continuing under its own column (TextTable.wrap is the one wrapping
/// rule). A usage line breaks only between its top-level words, never inside `[...]`.
enum HelpText {
    /// `help WORDS`: the overview, a command, a subcommand, `functions`, `commands`, an
    /// indicator or another function. `spans` point at each word, for the error.
    static func lines(for words: [String], spans: [Span], shell: Shell, width: Int) throws -> [String] {
        let table = shell.commands
        guard let topic = words.first else { return overview(table, width: width) }
        let wordSpan = { (i: Int) in i < spans.count ? spans[i] : nil }
        if topic == "feature", words.count <= 2 {
            return try FeatureHelp.lines(words.count == 2 ? words[1] : nil, span: wordSpan(1), width: width)
        }
        if words.count > 1 {
            // The first word that names nothing is the one at fault.
            var spec: CommandSpec?
            for (i, word) in words.enumerated() {
                if let next = spec == nil ? table.lookup(word) : spec?.subcommand(word) {
                    spec = next
                    continue
                }
                let shown = "no help for '\(words.prefix(i + 1).joined(separator: " "))'"
                guard let parent = spec else {
                    throw TapeError(shown, span: wordSpan(i), hint: Suggest.hint(word, in: table.allNames) ?? "try: help")
                }
                let names = parent.subcommands.map(\.name)
                throw TapeError(shown, span: wordSpan(i),
                                hint: Suggest.hint(word, in: names)
                                    ?? (names.isEmpty ? "\(parent.fullName) has no subcommands"
                                        : "subcommands of \(parent.fullName): " + names.joined(separator: ", ")))
            }
            if let spec { return command(spec, width: width) }
        }
        if topic == "functions" { return functions(shell.functions, width: width) }
        if topic == "commands" { return usages(table, width: width) }
        if let s = table.lookup(topic) { return command(s, width: width) }
        if let spec = IndicatorCatalogue.named(topic) { return indicator(spec, width: width) }
        if let f = shell.functions.lookup(topic) { return [f.usage] + wrap(f.summary, width: width, indent: "  ") }
        throw TapeError("no help for '\(topic)'", span: wordSpan(0),
                        hint: Suggest.hint(topic, in: table.allNames + shell.functions.names) ?? "try: help")
    }

    /// `help`: every command with its summary, grouped by area (the folder it is declared
    /// in), areas in alphabetical order so the listing does not depend on which areas
    /// are declared one file per command yet.
    static func overview(_ table: CommandTable, width: Int) -> [String] {
        var byArea: [String: [CommandSpec]] = [:]
        for s in table.specs { byArea[(table.areas[s.name] ?? "").lowercased(), default: []].append(s) }
        var rows: [[String]] = []
        for (k, area) in byArea.keys.sorted().enumerated() {
            if k > 0 { rows.append(["", ""]) }
            if !area.isEmpty { rows.append([area + ":", ""]) }
            for s in byArea[area] ?? [] { rows.append(["  " + s.name, s.summary]) }
        }
        return wrap("Commands (help COMMAND for details, help functions for the language's functions):", width: width, indent: "")
            + self.table(rows, width: width)
    }

    /// `help COMMAND` and `help COMMAND SUBCOMMAND`: usage, summary and aliases, then the
    /// arguments, subcommands and options as declared (each with its kind, range and
    /// help), then the declaration's details.
    static func command(_ s: CommandSpec, width: Int) -> [String] {
        var out = usage(s.usage, width: width)
        out += wrap(s.summary, width: width, indent: "  ")
        if !s.aliases.isEmpty { out += wrap("aliases: " + s.aliases.joined(separator: ", "), width: width, indent: "  ") }
        let arguments = (s.arguments ?? []).filter { !$0.help.isEmpty }
        if !arguments.isEmpty {
            let rows = arguments.map { a in
                ["    " + a.usage, sentence(a.help, facts(a.kind, a.bounds, range: false, required: false,
                                                         choices: a.name != a.kind.placeholder))]
            }
            out += ["", "  arguments:"] + table(rows, width: width)
        }
        if !s.subcommands.isEmpty {
            let rows = s.subcommands.map { sub in
                ["    " + sub.name + (sub.name == s.defaultSubcommand ? " (default)" : ""), sub.summary]
            }
            out += ["", "  subcommands (help \(s.fullName) NAME for one):"] + table(rows, width: width)
        }
        let described = s.options.filter { !$0.help.isEmpty }
        if !described.isEmpty {
            let rows = described.map { o in
                ["    " + o.usage, sentence(o.help, facts(o.kind, o.bounds, range: o.acceptsRange, required: o.required,
                                                         choices: !o.placeholder.isEmpty))]
            }
            out += ["", "  options:"] + table(rows, width: width)
        }
        if !s.details.isEmpty {
            out += [""] + details(s.details, width: width, indent: "  ", command: s.path.first ?? s.name)
        }
        return out
    }

    /// A declaration's details as written, for a terminal of `width` columns. Lines that
    /// fit are kept as they are (so help at the usual width reads as the declaration does,
    /// and as docs/COMMANDS.md shows it). What does not fit wraps at word boundaries:
    /// - a paragraph (consecutive lines of prose at one indent) is reflowed as a whole;
    /// - an example laid out in columns (a run of two spaces after its first words)
    ///   continues under its second column;
    /// - any other line (an example starting with `command`) continues under itself.
    static func details(_ text: String, width: Int, indent: String, command: String) -> [String] {
        var out: [String] = []
        var paragraph: [String] = [], paragraphLead = 0
        func flush() {
            defer { paragraph = [] }
            guard !paragraph.isEmpty else { return }
            let pad = indent + String(repeating: " ", count: min(paragraphLead, max(0, width - indent.count - 30)))
            if paragraph.allSatisfy({ indent.count + paragraphLead + $0.count <= width }) {
                out += paragraph.map { indent + String(repeating: " ", count: paragraphLead) + $0 }
            } else {
                out += wrap(paragraph.joined(separator: " "), width: width, indent: pad)
            }
        }
        for sub in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(sub)
            while line.hasSuffix(" ") { line.removeLast() }
            let lead = line.prefix { $0 == " " }.count
            let body = String(line.dropFirst(lead))
            let column = secondColumn(of: line, after: lead)
            let isExample = body == command || body.hasPrefix(command + " ")
            if !body.isEmpty, column == nil, !isExample {
                if !paragraph.isEmpty, lead != paragraphLead { flush() }
                paragraphLead = lead
                paragraph.append(body)
                continue
            }
            flush()
            if indent.count + line.count <= width {
                out.append(line.isEmpty ? "" : indent + line)
            } else if let column, indent.count + column <= width - 20 {
                let head = indent + String(line.prefix(column))
                out += wrap(String(line.dropFirst(column)), width: width, indent: head, rest: String(repeating: " ", count: head.count))
            } else {
                let pad = indent + String(repeating: " ", count: min(lead, max(0, width - indent.count - 30)))
                out += wrap(body, width: width, indent: pad, rest: pad + "    ")
            }
        }
        flush()
        return out
    }

    /// Where the second column of a line laid out in columns starts: after the first run
    /// of two or more spaces past its indentation. Nil for prose.
    static func secondColumn(of line: String, after lead: Int) -> Int? {
        let chars = Array(line)
        var k = lead
        while k + 1 < chars.count {
            if chars[k] == " ", chars[k + 1] == " " {
                var c = k
                while c < chars.count, chars[c] == " " { c += 1 }
                return c < chars.count ? c : nil
            }
            k += 1
        }
        return nil
    }

    /// `help commands`: every command's usage line, its summary beneath.
    static func usages(_ table: CommandTable, width: Int) -> [String] {
        table.specs.sorted { $0.name < $1.name }.flatMap { s in usage(s.usage, width: width, label: "") + wrap(s.summary, width: width, indent: "    ") }
    }

    /// `help functions`: the language's functions as one table.
    static func functions(_ functions: FunctionTable, width: Int) -> [String] {
        ["Functions (help NAME for details):"]
            + table(functions.all.map { [$0.usage, $0.group, $0.summary] }, header: ["function", "group", "what it computes"], width: width)
    }

    /// `help rsi`: an indicator's call, formula, parameters with their defaults and
    /// ranges, inputs, outputs, lookback and convention.
    static func indicator(_ spec: IndicatorSpec, width: Int) -> [String] {
        var out = wrap("\(IndicatorFunctions.usage(spec))  [\(spec.group)]", width: width, indent: "")
        out += wrap(spec.summary, width: width, indent: "  ")
        out += wrap("formula: \(spec.formula)", width: width, indent: "  ", rest: "           ")
        if !spec.params.isEmpty {
            let rows = spec.params.map { p in
                ["    \(p.name) = \(Format.number(p.defaultValue))",
                 "(\(Format.number(p.min))..\(Format.number(p.max))\(p.isInteger ? ", whole" : "")) \(p.help)"]
            }
            out += ["  parameters:"] + table(rows, width: width)
        }
        let defaults = spec.params.map(\.defaultValue)
        out += wrap("inputs: \(spec.inputs.map(\.name).joined(separator: ", "))", width: width, indent: "  ")
        out += wrap("outputs: \(spec.outputs.joined(separator: ", "))", width: width, indent: "  ")
        out += wrap("lookback: \(spec.lookback(defaults)) bars with the defaults (NaN before)", width: width, indent: "  ")
        out += wrap("convention: \(spec.conventionNote)", width: width, indent: "  ", rest: "              ")
        return out
    }

    // MARK: - What an option or argument takes

    /// An option's facts for the command reference (docs/COMMANDS.md), where the choices
    /// are always listed.
    static func optionFacts(_ o: OptionSpec) -> [String] {
        facts(o.kind, o.bounds, range: o.acceptsRange, required: o.required, choices: true)
    }

    /// What a value takes: its kind, its bounds, whether a range is allowed, whether it
    /// is required. `choices` lists a choice's words (help leaves them out where the
    /// usage column already shows them).
    static func facts(_ kind: ValueKind, _ bounds: Bounds?, range: Bool, required: Bool, choices: Bool) -> [String] {
        var facts: [String] = []
        switch kind {
        // A choice lists its words; "expression", "flag" and "text" would say nothing.
        case .expression, .flag, .choice, .text: break
        default: facts.append(kind.summary)
        }
        if let b = bounds {
            let show: (Double) -> String = kind == .rate ? { Format.number($0 * 100) + "%" }
                : kind == .duration ? { Format.number($0) + " days" } : { Format.number($0) }
            facts.append(b.describe(show))
        }
        if choices, case .choice(let words) = kind { facts.append("one of " + words.joined(separator: ", ")) }
        if range { facts.append("or a range a..b step s") }
        if required { facts.append("required") }
        return facts
    }

    /// "strike price (price or amount, above 0)".
    static func sentence(_ help: String, _ facts: [String]) -> String {
        help + (facts.isEmpty ? "" : " (" + facts.joined(separator: ", ") + ")")
    }

    // MARK: - Layout

    /// The narrowest a table's last column may be before the table is stacked instead.
    static let narrowestLastColumn = 24

    /// A left-aligned table whose last column wraps (TextTable), while that column keeps
    /// `narrowestLastColumn` characters. On a narrower terminal each row is stacked
    /// instead: its leading cells on one line, its last cell wrapped beneath, indented.
    static func table(_ rows: [[String]], header: [String]? = nil, width: Int) -> [String] {
        let n = header?.count ?? rows.first?.count ?? 0
        guard n > 1 else { return rows.flatMap { wrap($0.joined(), width: width, indent: "") } }
        let all = (header.map { [$0] } ?? []) + rows
        let leading = (0..<(n - 1)).map { j in all.map { j < $0.count ? $0[j].count : 0 }.max() ?? 0 }.reduce(0, +) + 2 * (n - 1)
        if leading + narrowestLastColumn <= width {
            var t = TextTable(header ?? Array(repeating: "", count: n), alignment: .left)
            for r in rows { t.add(r) }
            return t.render(header: header != nil, width: width)
        }
        return all.flatMap { r -> [String] in
            var lead = r.dropLast().joined(separator: "  ")
            while lead.hasSuffix(" ") { lead.removeLast() }
            let indent = String(repeating: " ", count: lead.prefix { $0 == " " }.count)
            var out = wrap(lead.trimmingCharacters(in: .whitespaces), width: width, indent: indent, rest: indent + "  ")
            if let last = r.last, !last.isEmpty { out += wrap(last, width: width, indent: indent + "    ") }
            return out
        }
    }

    /// `text` broken at word boundaries into lines of at most `width` characters, the
    /// first after `indent`, the others after `rest` (the indent unless given).
    static func wrap(_ text: String, width: Int, indent: String, rest: String? = nil) -> [String] {
        let restIndent = rest ?? indent
        let room = max(20, width - max(indent.count, restIndent.count))
        return TextTable.wrap(text, width: room).enumerated().map { k, piece in
            var line = (k == 0 ? indent : restIndent) + piece
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// "usage: ..." broken only between top-level words: the spaces inside `[...]` (and
    /// before a `...`) are held together while wrapping, so an optional part never splits
    /// across lines. A part too long for any line breaks after its `|`s instead.
    static func usage(_ text: String, width: Int, label: String = "usage: ") -> [String] {
        if label.count + text.count <= width { return [label + text] }
        let glue: Character = "\u{00A0}", joint: Character = "\u{001F}"
        var depth = 0
        let held = String(text.map { ch -> Character in
            if ch == "[" { depth += 1 } else if ch == "]" { depth = max(0, depth - 1) }
            return ch == " " && depth > 0 ? glue : ch
        }).replacingOccurrences(of: " ...", with: "\(glue)...")
        let rest = String(repeating: " ", count: label.count + 2)
        let room = max(20, width - rest.count)
        // A `joint` then a space marks where an over-long part may break; both go again
        // once the lines are made.
        let words = held.split(separator: " ").map { w in
            w.count > room ? w.replacingOccurrences(of: "|", with: "|\(joint) ") : String(w)
        }
        return wrap(words.joined(separator: " "), width: width, indent: label, rest: rest).map { line in
            String(line.replacingOccurrences(of: "\(joint) ", with: "").filter { $0 != joint }.map { $0 == glue ? " " : $0 })
        }
    }
}
