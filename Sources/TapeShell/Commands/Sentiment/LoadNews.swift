import Foundation
import TapeCore
import TapeData

/// `load news NAME from "file.csv"`: headlines (time, symbol, headline; CSV or JSON lines)
/// scored with VADER, for `sentiment(NAME)` and `event study NAME`. A subcommand of `load`.
enum LoadNews {
    static let spec = CommandSpec(
        name: "news",
        usage: "load news NAME from \"FILE.csv\"|\"FILE.jsonl\"",
        summary: "headlines (time, symbol, headline) scored with the VADER lexicon, for sentiment(NAME) and event study",
        details: """
        load news aapl_news from "headlines.csv"      columns time, symbol, headline (any order)
        load news feed from "headlines.jsonl"          one {"time": ..., "symbol": ..., "headline": ...} per line
        Times are YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]. Each headline gets VADER's compound score
        (−1 .. 1; C.J. Hutto's lexicon and rules, MIT licence): negation ("not good"),
        intensifiers ("very", "slightly"), "but", capitals and "!" move it. Scores of 0.05 and
        above count as positive, −0.05 and below as negative.
        """,
        effect: .changesState,
        options: [OptionSpec("from", .expression, required: true, placeholder: "FILE", help: "a CSV or JSON-lines file in quotes")],
        arguments: [ArgumentSpec("NAME", .word, help: "the headline set's name, for sentiment(NAME)")],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let name)? = c.argument(0), let from = c.option("from") else {
            throw TapeError("\(c.spec.fullName) needs NAME and from FILE", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        guard case .string(let path, _) = from else {
            throw TapeError("expected a file path in quotes", span: from.span, hint: "load news \(name) from \"headlines.csv\"")
        }
        let bytes = try LoadSources.readFile(path, span: from.span)
        let headlines: [Headline]
        do {
            headlines = try Headlines.parse(text: String(decoding: bytes, as: UTF8.self), source: path)
        } catch let e as CSVError {
            throw TapeError(e.description, span: from.span)
        }
        guard !headlines.isEmpty else { throw TapeError("\(path): header only, no headlines", span: from.span) }
        c.shell.noteSourceFile(path: path, bytes: bytes)
        NewsState.of(c.workspace).sets[name.lowercased()] = NewsState.NewsSet(name: name, source: path, headlines: headlines)
        let pos = headlines.filter { $0.score >= 0.05 }.count, neg = headlines.filter { $0.score <= -0.05 }.count
        let times = headlines.map(\.time)
        let span = (times.min().map { CivilTime.format($0) } ?? "") + ".." + (times.max().map { CivilTime.format($0) } ?? "")
        let symbols = Set(headlines.map(\.symbol)).count
        c.print("news \(name): \(headlines.count) headlines \(span), \(symbols) symbol\(symbols == 1 ? "" : "s"); "
                + "\(pos) positive, \(neg) negative, \(headlines.count - pos - neg) neutral (VADER compound ≥ 0.05 / ≤ −0.05)")
    }
}
