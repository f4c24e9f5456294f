import Foundation
import TapeCore
import TapeData

/// Where `load NAME from SOURCE` can read from. The file and embedded-sample sources
/// live here; other areas (the store, HTTP, S3, Alpaca) add theirs to `LoadSources.all`.
public struct LoadSource {
    public let name: String
    /// Whether this source handles the `from` expression (`store`, `"s3://..."`, ...).
    public let matches: (Expr) -> Bool
    /// Reads the bars; `range` is a date range written after the name, if any.
    public let load: (CommandContext, _ symbol: String, _ from: Expr, _ range: (Int64, Int64)?) throws -> Dataset
}

public enum LoadSources {

    /// A local CSV file: `load AAPL from "data/aapl.csv"`. The file's hash goes into the
    /// session header so a replay can tell when the data underneath it changed.
    static let file = LoadSource(name: "file", matches: { e in
        if case .string(let s, _) = e { return !s.contains("://") }
        return false
    }) { c, symbol, from, _ in
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
