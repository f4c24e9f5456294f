import Foundation
import TapeCore
import TapeData

/// `export EXPR [as NAME], ... to "file.csv"`: series beside the current dataset's dates,
/// written as CSV; `export NAME to FILE` writes a named result another area registered
/// (`Exporters.all`: stats, trades, equity). Every file goes through `DataCommands.write`.
enum ExportCommand: Command {
    static let spec = CommandSpec(
        name: "export",
        usage: "export EXPR [as NAME], ... to \"file.csv\"  |  export " + Exporters.all.map(\.name).joined(separator: "|") + " to FILE",
        summary: "write series (a date column, then one column per expression) or a result to a file",
        details: """
        export close, sma(close, 20) as sma20 to "out.csv"
        Values are written at round-trip precision; NaN is an empty cell; a function with
        several outputs writes one column per output (bbands(...).upper, .middle, .lower).
        """ + Exporters.all.map { "\nexport \($0.name) to \"\($0.example)\"   \($0.summary)" }.joined(),
        effect: .query,
        options: [.path("to", "the file to write", required: true),
                  .word("as", "the column name of the expression before it", placeholder: "NAME")],
        arguments: [ArgumentSpec("EXPR", .expression, variadic: true,
                                 help: "series, functions or numbers; or one of " + Exporters.all.map(\.name).joined(separator: ", "),
                                 completions: { _ in Exporters.all.map(\.name) })],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let path)? = c.arguments.options["to"], let toSpan = c.option("to")?.span else {
            throw TapeError("export needs to \"FILE\"", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        if let first = c.positionals.first, c.positionals.count == 1, case .name(let n, _) = first,
           let exporter = Exporters.all.first(where: { $0.name == n.lowercased() }),
           c.workspace.bindings[n.lowercased()] == nil, c.workspace.current?.column(n) == nil {
            let text = try exporter.render(c, path)
            try DataCommands.write(text, to: path, span: toSpan, c)
            c.print("wrote \(path)")
            return
        }
        let d = try c.dataset(named: nil)
        var names: [String] = []
        var columns: [[Double]] = []
        var lastLabelIndex: Int?
        for item in c.invocation.items {
            switch item {
            case .positional(let e):
                let (ns, cols) = try DataCommands.columnsOf(c.evaluate(e, in: d), label: c.invocation.text(of: e), on: d, span: e.span)
                lastLabelIndex = names.count
                names += ns
                columns += cols
            case .option("as", let span, let v?):
                guard let idx = lastLabelIndex, let name = v.word else {
                    throw TapeError("'as' names the expression before it: export close as price to \"f.csv\"", span: span)
                }
                let count = names.count - idx
                for k in 0..<count {
                    let suffix = count > 1 ? names[idx + k].split(separator: ".").last.map { "." + $0 } ?? "" : ""
                    names[idx + k] = name + suffix
                }
                lastLabelIndex = nil
            default: break
            }
        }
        guard !names.isEmpty else { throw TapeError("export needs at least one expression", span: c.span) }
        let text = CSVWriter.write(times: d.bars.time, columns: zip(names, columns).map { (name: $0.0, values: $0.1) })
        try DataCommands.write(text, to: path, span: toSpan, c)
        c.print("wrote \(path): \(d.bars.count) rows, columns date, \(names.joined(separator: ", "))")
    }
}

/// A named result that `export NAME to FILE` writes (`stats`, `trades`, `equity`). Areas
/// add theirs to `Exporters.all`.
public struct ExporterSpec {
    public let name: String
    public let example: String
    public let summary: String
    public let render: (CommandContext, _ path: String) throws -> String
}
