import Foundation
import TapeCore
import TapeData

/// A place `load NAME from SOURCE` reads bars from, declared once: what `help load`
/// shows for it, the word Tab offers after `from`, the options of `load` only it takes,
/// and how it reads. `LoadSources.all` (Commands/Registry.swift) lists them, and `load`'s
/// declaration is built from that list, so a new source appears in help, completion and
/// the "cannot load from" error by being registered.
public struct LoadSource: Sendable {
    public let name: String
    /// How the source is written, as the list of sources in an error shows it
    /// (`a file path in quotes`, `store`, `"s3://..."`).
    public let described: String
    /// The bare word that names the source (`store`, `alpaca`), offered by Tab after
    /// `from`; nil for a source written as a quoted path or URL.
    public let word: String?
    /// Lines for `help load`: an example and what it does.
    public let examples: [(example: String, meaning: String)]
    /// Options of `load` that only this source reads (`timeframe` of alpaca); given with
    /// another source they are an error at the key.
    public let options: [OptionSpec]
    /// Whether this source handles the `from` expression (`store`, `"s3://..."`, ...).
    public let matches: @Sendable (Expr) -> Bool
    /// Reads the bars; `range` is a date range written after the name, if any.
    public let load: @Sendable (CommandContext, _ symbol: String, _ from: Expr, _ range: (Int64, Int64)?) throws -> Dataset

    public init(name: String, described: String, word: String? = nil, examples: [(example: String, meaning: String)],
                options: [OptionSpec] = [], matches: @escaping @Sendable (Expr) -> Bool,
                load: @escaping @Sendable (CommandContext, _ symbol: String, _ from: Expr, _ range: (Int64, Int64)?) throws -> Dataset) {
        self.name = name
        self.described = described
        self.word = word
        self.examples = examples
        self.options = options
        self.matches = matches
        self.load = load
    }
}

public enum LoadSources {

    /// A local CSV file: `load AAPL from "data/aapl.csv"`. The file's hash goes into the
    /// session header so a replay can tell when the data underneath it changed.
    static let file = LoadSource(
        name: "file", described: "a file path in quotes",
        examples: [("load AAPL from \"data/aapl.csv\"", "a CSV file (Yahoo, Stooq or date,open,high,low,close,volume)"),
                   ("load \"data/aapl.csv\"", "the same, named after the file")],
        matches: { e in
            if case .string(let s, _) = e { return !s.contains("://") }
            return false
        }
    ) { c, symbol, from, _ in
        guard case .string(let path, _) = from else { throw TapeError("expected a file path in quotes", span: from.span) }
        let bytes = try readFile(path, span: from.span)
        let bars: Bars
        do {
            bars = try BarsCSV.parse(bytes: bytes, name: symbol, source: path)
        } catch {
            throw TapeError(String(describing: error), span: from.span)
        }
        c.shell.noteSourceFile(path: path, bytes: bytes)
        return Dataset(name: symbol, bars: bars, source: "file \(path)")
    }

    /// The words Tab offers after `from`.
    static var words: [String] { all.compactMap(\.word) }

    /// The source that reads `from`, or an error at it listing every source.
    static func source(for from: Expr, in c: CommandContext) throws -> LoadSource {
        if let source = all.first(where: { $0.matches(from) }) { return source }
        var hint = "sources: " + all.map(\.described).joined(separator: ", ")
        if case .name(let w, _) = from, let near = Suggest.hint(w.lowercased(), in: words) { hint = near + " " + hint }
        throw TapeError("cannot load from \(c.invocation.text(of: from))", span: from.span, hint: hint)
    }

    /// A whole local file, refused before it is read when it is not a regular file or is
    /// larger than `LocalFile.maxBytes`.
    public static func readFile(_ path: String, span: Span?) throws -> [UInt8] {
        do {
            return Array(try LocalFile.read(path))
        } catch let e as LocalFile.Failure {
            if case .directory = e { throw TapeError("\(path) is a directory, not a CSV file", span: span) }
            throw TapeError(e.description, span: span)
        }
    }
}

extension Shell {
    /// Names a file a command read in the session header, with its SHA-256.
    public func noteSourceFile(path: String, bytes: [UInt8]) {
        recorder?.addHeader("file: \(path) sha256:\(SHA256.hex(bytes))")
    }
}
