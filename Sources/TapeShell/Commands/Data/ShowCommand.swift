import TapeCore

/// `show [EXPR, ...]`, `show head [N] [EXPR, ...]`, `show tail [N] [EXPR, ...]`: rows of
/// the current dataset, or expressions beside its dates. `head` and `tail` are subcommand
/// rows whose optional first argument is the row count, so `show head` alone, `show
/// tail 3 close` and the count's range check come from their declarations.
enum ShowCommand: Command {
    static let rowLimit = 1_000_000

    static let spec = CommandSpec(
        name: "show",
        usage: "show [head|tail [N]] [EXPR, ...]",
        summary: "print rows of the current dataset, or of expressions beside its dates",
        details: "show                  the last 10 rows\nshow head 5           the first 5 rows\nshow tail 3 close, rsi(close, 14)",
        effect: .query,
        arguments: [expressions],
        subcommands: [end("head", "the first N rows (default 10), or of expressions beside their dates"),
                      end("tail", "the last N rows (default 10), or of expressions beside their dates")],
        run: { c in try show(c, fromHead: false, count: 10, expressions: c.positionals) })

    static let expressions = ArgumentSpec("EXPR", .expression, optional: true, variadic: true,
                                          help: "columns to print beside the dates (default: every column)")

    /// `show head` or `show tail`: a count, then the expressions.
    static func end(_ name: String, _ summary: String) -> CommandSpec {
        CommandSpec(
            name: name, summary: summary, effect: .query,
            arguments: [ArgumentSpec("N", .count, bounds: .from(0, to: Double(rowLimit)), optional: true, help: "how many rows"),
                        expressions],
            run: { c in
                var count = 10
                var exprs = c.positionals
                if case .number(let n)? = c.argument(0), let k = Int(exactly: n) {
                    count = k
                    exprs.removeFirst()
                }
                try show(c, fromHead: name == "head", count: count, expressions: exprs)
            })
    }

    static func show(_ c: CommandContext, fromHead: Bool, count: Int, expressions: [Expr]) throws {
        let d = try c.dataset(named: nil)
        var names: [String] = []
        var columns: [[Double]] = []
        if expressions.isEmpty {
            for n in d.bars.columnNames { names.append(n); columns.append(d.bars.column(n) ?? []) }
        } else {
            for e in expressions {
                let (ns, cols) = try DataCommands.columnsOf(c.evaluate(e, in: d), label: c.invocation.text(of: e), on: d, span: e.span)
                names += ns
                columns += cols
            }
        }
        let n = d.bars.count
        let rows = fromHead ? 0..<min(count, n) : max(0, n - count)..<n
        var t = TextTable(["date"] + names)
        for i in rows { t.add([CivilTime.format(d.bars.time[i])] + columns.map { i < $0.count ? Format.number($0[i]) : "" }) }
        c.print(table: t)
    }
}
