/// docs/COMMANDS.md is generated from the command table (`make docs`), and a test fails
/// when the file and the table disagree, so the reference can never drift from `help`.
public enum CommandReference {
    public static func markdown(_ table: CommandTable) -> String {
        var out = ["# Command reference", "",
                   "Generated from the command table by `make docs`; `help COMMAND` prints the same text.",
                   "A test fails when this file and the table disagree.", ""]
        for s in table.specs.sorted(by: { $0.name < $1.name }) { out += section(s, level: 3) }
        return out.joined(separator: "\n")
    }

    static func section(_ s: CommandSpec, level: Int) -> [String] {
        var out = [String(repeating: "#", count: level) + " \(s.fullName)", "", "`\(s.usage)`", ""]
        out.append(s.summary.prefix(1).uppercased() + s.summary.dropFirst() + ".")
        if !s.aliases.isEmpty { out.append(""); out.append("Aliases: " + s.aliases.map { "`\($0)`" }.joined(separator: ", ")) }
        if let args = s.arguments, !args.isEmpty {
            out.append("")
            out.append("Arguments: " + args.map { "`\($0.usage)`" + ($0.help.isEmpty ? "" : " \($0.help)") }.joined(separator: "; "))
        }
        let described = s.options.filter { !$0.help.isEmpty || $0.kind != .expression && !$0.isFlag }
        if !described.isEmpty {
            out.append("")
            out.append("| option | takes | meaning |")
            out.append("|---|---|---|")
            for o in s.options {
                out.append("| `\(o.isFlag ? o.name : o.name + " " + (o.placeholder.isEmpty ? o.kind.placeholder : o.placeholder))` | "
                           + "\(HelpText.optionFacts(o).joined(separator: ", ").replacingOccurrences(of: "|", with: "\\|")) | \(o.help.replacingOccurrences(of: "|", with: "\\|")) |")
            }
        } else {
            let opts = s.keys.map { "`\($0) VALUE`" } + s.flags.map { "`\($0)`" }
            if !opts.isEmpty { out.append(""); out.append("Options: " + opts.joined(separator: ", ")) }
        }
        if !s.subcommands.isEmpty {
            out.append("")
            out.append("Subcommands: " + s.subcommands.map { "`\($0.name)`" }.joined(separator: ", ")
                       + (s.defaultSubcommand.map { " (default `\($0)`)" } ?? ""))
        }
        out.append("")
        out.append("Recorded in the session: " + (s.effect == .meta ? "no" : "yes") + (s.effect == .changesState ? " (changes state)" : ""))
        if !s.details.isEmpty {
            out.append("")
            out.append("```")
            out.append(s.details)
            out.append("```")
        }
        out.append("")
        for sub in s.subcommands { out += section(sub, level: level + 1) }
        return out
    }
}
