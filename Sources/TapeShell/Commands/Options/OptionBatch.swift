import TapeCore

/// `greeks from "in.csv" to "out.csv"` and `iv from ...`: read the file (noted in the
/// session header), run one of TapeCore's batches over its rows and write the CSV it
/// returns. A row that fails keeps its cells and says why; the batch goes on.
enum OptionBatch {
    /// The two subcommands' options: where the results go.
    static let output: [OptionSpec] = [.path("to", "the CSV file to write, the input's columns plus the results", required: true)]

    static func run(_ c: CommandContext, done: String, errorColumn: String,
                    _ batch: (_ csv: String, _ source: String) throws -> GreeksBatch.Result) throws {
        guard case .word(let input)? = c.argument(0), let output = c.text("to") else {
            throw TapeError("\(c.spec.fullName) needs a file to read and one to write", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        let inputSpan = c.positionals.first?.span ?? c.span
        let bytes = try LoadSources.readFile(input, span: inputSpan)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw TapeError("\(input) is not UTF-8 text", span: inputSpan)
        }
        let result: GreeksBatch.Result
        do { result = try batch(text, input) } catch { throw TapeError("\(error)", span: inputSpan) }
        // After the run: a batch Ctrl-C stopped names no file in the session header.
        c.shell.noteSourceFile(path: input, bytes: bytes)
        try DataCommands.write(result.csv, to: output, span: c.option("to")?.span ?? c.span, c)
        c.print("\(result.rows) rows \(done) to \(output)"
                + (result.failed > 0 ? " (\(result.failed) with an error; see the \(errorColumn) column)" : ""))
    }
}
