import Foundation
import TapeCore
import TapeData

/// A shard's file: one slice of a search's trials (`optimize ... shard I/N`), with the
/// search's identity so `optimize merge` joins only shards of one search.
///
/// The identity is a SHA-256 over everything that decides the trials: the strategy, the
/// searched ranges and fixed values, the method with its seed and draws, the statistic
/// maximised, the `where` constraint as written, every engine setting, the bars' range
/// and the bars themselves (their bytes). Two shards with the same identity ran the same
/// search on the same data; anything else is refused, with what differs.
///
/// JSON, numbers as Swift writes them (the shortest text that reads back as the same
/// double), NaN and infinities as strings: merged trials are bit for bit the ones each
/// machine computed.
struct ShardFile: Codable {
    static let format = "tape-optimize-shard/1"
    var format = ShardFile.format
    /// SHA-256 (hex) of `about`.
    var search: String
    /// What the identity covers, one line per part (shown when shards differ).
    var about: [String]
    var dataset: String
    var strategy: String
    var fixed: [String: Double]
    var shard: SearchShard
    /// The shard's trials (its deflated Sharpe ratio counts only them: merge recomputes it).
    var result: OptimizationResult
}

enum OptimizeShard {
    /// `shard 2/4`, read from the expression as written (it parses as a division).
    static func shard(_ e: Expr) throws -> SearchShard {
        guard case .binary("/", .number(let i, nil, _), .number(let n, nil, _), _) = e, i == i.rounded(), n == n.rounded(),
              i >= 1, n >= 1, n <= 100_000, i <= n
        else {
            throw TapeError("shard must be I/N with whole numbers, 1 ≤ I ≤ N", span: e.span, hint: "e.g. shard 2/4 runs the second quarter")
        }
        return try SearchShard(Int(i), of: Int(n))
    }

    /// The lines the search's identity is the hash of.
    static func identity(_ c: CommandContext, _ q: SearchRequest, range: Range<Int>?) -> [String] {
        let bars = q.dataset.bars
        let r = range ?? 0..<bars.count
        var data = SHA256()
        func add<T>(_ values: [T]) { values.withUnsafeBytes { data.update($0) } }
        add(bars.time)
        for column in [bars.open, bars.high, bars.low, bars.close, bars.volume] + (bars.adjClose.map { [$0] } ?? []) { add(column) }
        return [
            "strategy \(q.info.name)",
            "space \(String(reflecting: q.space))",
            "fixed " + q.fixed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
            "method \(String(reflecting: q.method))",
            "maximize \(q.objective)",
            "where " + (c.option("where").map { c.invocation.text(of: $0) } ?? "(default)"),
            "engine \(String(reflecting: q.config))",
            "bars \(r.lowerBound)..<\(r.upperBound) of \(bars.count)",
            "data \(bars.symbol) sha256:\(SHA256.hex(data.finish()))",
        ]
    }

    static func write(_ c: CommandContext, _ q: SearchRequest, range: Range<Int>?, shard: SearchShard, result: OptimizationResult) throws {
        let about = identity(c, q, range: range)
        let file = ShardFile(search: SHA256.hex(SHA256.hash(Array(about.joined(separator: "\n").utf8))), about: about,
                             dataset: q.dataset.name, strategy: q.info.name, fixed: q.fixed, shard: shard,
                             result: result)
        let path = try c.string("out") ?? "optimize-shard-\(shard.index)-of-\(shard.count).json"
        let span = c.option("out")?.span ?? c.option("shard")?.span ?? c.span
        try DataCommands.write(String(decoding: try encoder.encode(file), as: UTF8.self), to: path, span: span, c)
        c.print("shard \(shard) of \(q.dataset.name) \(q.info.name): \(result.trials.count) of \(result.candidates) trials written to \(path)"
                + " (search \(file.search.prefix(12)))")
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}
