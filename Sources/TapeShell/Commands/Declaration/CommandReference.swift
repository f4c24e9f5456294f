/// docs/COMMANDS.md is generated from the command table (`make docs`), and a test fails
/// when the file and the table disagree, so the reference can never drift from `help`.
public enum CommandReference {
    public static func markdown(_ table: CommandTable) -> String {
        var out = ["# Command reference", "",
                   "Generated from the command table by `make docs`; `help COMMAND` prints the same text.",
                   "A test fails when this file and the table disagree.", ""]
        for s in table.specs.sorted(by: { $0.name < $1.name }) {
            out.append("### \(s.name)")
            out.append("")
            out.append("`\(s.usage)`")
            out.append("")
            out.append(s.summary.prefix(1).uppercased() + s.summary.dropFirst() + ".")
            if !s.aliases.isEmpty { out.append(""); out.append("Aliases: " + s.aliases.map { "`\($0)`" }.joined(separator: ", ")) }
            let opts = s.keys.map { "`\($0) VALUE`" } + s.flags.map { "`\($0)`" }
            if !opts.isEmpty { out.append(""); out.append("Options: " + opts.joined(separator: ", ")) }
            out.append("")
            out.append("Recorded in the session: " + (s.effect == .meta ? "no" : "yes") + (s.effect == .changesState ? " (changes state)" : ""))
            if !s.details.isEmpty {
                out.append("")
                out.append("```")
                out.append(s.details)
                out.append("```")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
