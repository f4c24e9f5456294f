import Foundation
import TapeCore
import TapeData

/// `load`: a dataset from an embedded sample, a CSV file or another source.
///
/// How its forms are declared:
/// - `load SYMBOL [DATES]`: SYMBOL is a word (Tab offers the embedded samples) or a file
///   name in quotes (`load "data/aapl.csv"`, named after the file); DATES is a date range.
/// - `from SOURCE` is one option, whatever the source. A source is written as a word
///   (`store`, `alpaca`) or a string (a path, `"https://..."`, `"s3://..."`), which no
///   single kind of value covers, so the option takes an expression and the sources are
///   a table of their own (`LoadSource`, listed in `LoadSources.all`). The option's help,
///   the examples of `help load`, what Tab offers after `from ` and the "cannot load from"
///   error are built from that table, so a registered source is everywhere at once. An
///   option only one source reads (`timeframe` of alpaca) is declared by that source and
///   becomes an option of `load`; given with another source it is an error at its key.
/// - `load universe NAME from SOURCE` takes a universe's name instead of a symbol, other
///   sources (a folder, an s3:// prefix, the store) and no date range, so it is a
///   subcommand row of its own (LoadUniverse.swift): `help load universe`, its arity and
///   its required `from` come from that row.
enum LoadCommand: Command {
    static let spec = CommandSpec(
        name: "load",
        summary: "load a dataset: embedded sample data, a CSV file, or another source",
        details: (layout([("load SPY", "embedded sample (\(SampleData.names.joined(separator: ", ")))"),
                          ("load SPY 2010-01-01..2012-12-31", "only the bars in a date range")]
                         + LoadSources.all.flatMap(\.examples))
                  + ["The loaded dataset becomes the current one (see: use, datasets)."]).joined(separator: "\n"),
        effect: .changesState,
        options: [OptionSpec("from", .expression, placeholder: "SOURCE",
                             help: "where the bars come from: " + LoadSources.all.map(\.described).joined(separator: ", "),
                             completions: { _ in LoadSources.words })]
            + LoadSources.all.flatMap(\.options),
        arguments: [ArgumentSpec("SYMBOL", .text, help: "an embedded sample or the dataset's name; a file name in quotes loads "
                                     + "the file and names the dataset after it",
                                 completions: { _ in SampleData.names }),
                    ArgumentSpec("DATES", .dateRange, optional: true, help: "only the bars in this range")],
        subcommands: [LoadUniverse.spec, LoadNews.spec],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard let first = c.positionals.first, case .word(var symbol)? = c.argument(0) else {
            throw TapeError("load needs SYMBOL", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        var range: (Int64, Int64)?
        if case .dateRange(let a, let b)? = c.argument(1) { range = (a, b) }
        var from = c.option("from")
        if from == nil, case .string(let path, let span) = first {
            // `load "data/aapl.csv"`: the file names the dataset.
            symbol = datasetName(fromFile: path)
            from = .string(path, span)
        }
        guard isValidName(symbol) else {
            throw TapeError("'\(symbol)' cannot name a dataset: use letters, digits and _ (e.g. load AAPL from \"file.csv\")", span: first.span)
        }
        let source = try from.map { try LoadSources.source(for: $0, in: c) }
        try checkSourceOptions(c, source)
        var dataset: Dataset
        if let from, let source {
            dataset = try source.load(c, symbol, from, range)
        } else {
            guard let bars = try SampleData.bars(symbol) else {
                throw TapeError("no embedded sample named '\(symbol)'", span: first.span,
                                hint: (Suggest.nearest(symbol, in: SampleData.names).map { "did you mean '\($0)'? " } ?? "")
                                    + "samples: \(SampleData.names.joined(separator: ", ")); for a file: load \(symbol) from \"file.csv\"")
            }
            let info = SampleData.info(symbol)
            dataset = Dataset(name: symbol.uppercased(), bars: bars, source: "embedded sample" + (info.map { " (\($0.title))" } ?? ""))
        }
        if let (a, b) = range {
            let sliced = dataset.bars.slice(from: a, to: throughDay(b))
            guard !sliced.isEmpty else {
                throw TapeError("no bars of \(dataset.name) fall in \(CivilTime.format(a))..\(CivilTime.format(b)) (data covers \(dataset.range))", span: c.span)
            }
            dataset = Dataset(name: dataset.name, bars: sliced, source: dataset.source)
        }
        c.workspace.add(dataset)
        c.print("\(dataset.name): \(dataset.bars.count) bars \(dataset.range) (\(dataset.source))")
    }

    /// An option a source declared, given with another source (or none): said at its key,
    /// with that source's example.
    static func checkSourceOptions(_ c: CommandContext, _ chosen: LoadSource?) throws {
        for owner in LoadSources.all {
            for option in owner.options where owner.name != chosen?.name {
                guard let span = c.optionSpan(option.name) else { continue }
                throw TapeError("\(option.name) is an option of load ... from \(owner.word ?? owner.described) only", span: span,
                                hint: owner.examples.last.map { "e.g. " + $0.example })
            }
        }
    }

    /// The last moment a range ending on a date covers: a date means the whole day, so
    /// `load SPX_1MIN 2019-11-05..2019-11-05` keeps that day's minutes (a daily bar
    /// stands at midnight, so daily data reads the same). An end with a time of day is
    /// taken as written.
    static func throughDay(_ end: Int64) -> Int64 {
        end % 86_400 == 0 && end < Int64.max - 86_399 ? end + 86_399 : end
    }

    /// `data/brk-b 2020.csv` -> `brk_b_2020`: a file's stem made into a name the
    /// language can refer to.
    static func datasetName(fromFile path: String) -> String {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var out = String(stem.unicodeScalars.map { ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "_" })
        if let f = out.unicodeScalars.first, ("0"..."9").contains(f) { out = "_" + out }
        return out.isEmpty ? "DATA" : out
    }

    static func isValidName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, !("0"..."9").contains(f) else { return false }
        return s.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// Examples beside their meaning, the meanings in one column after the examples that
    /// fit it (a longer example keeps its meaning on its own line's end).
    static func layout(_ rows: [(example: String, meaning: String)]) -> [String] {
        let widest = 34
        let column = (rows.map(\.example.count).filter { $0 <= widest }.max() ?? widest) + 2
        return rows.map { r in
            r.example.count <= widest ? r.example.padding(toLength: column, withPad: " ", startingAt: 0) + r.meaning
                : r.example + "   " + r.meaning
        }
    }
}
