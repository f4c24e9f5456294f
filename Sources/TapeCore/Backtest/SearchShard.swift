/// One deterministic slice of a parameter search, for running a search on many machines:
/// shard I of N evaluates candidates I-1, I-1+N, I-1+2N, ... of the search's candidate
/// list (interleaved, so every shard gets a like share of cheap and dear parameter sets).
/// The list itself is the same on every machine: the grid in order, or the random and
/// Latin-hypercube draws from the search's seed, made distinct and filtered by the
/// constraint before slicing. `Optimizer.merge` joins the shards' trials into the result
/// one machine would have computed.
///
/// A genetic search cannot be sharded: each generation is bred from the last one's scores.
public struct SearchShard: Sendable, Equatable, Codable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init(_ index: Int, of count: Int) throws {
        guard count >= 1, count <= 100_000, index >= 1, index <= count else {
            throw BacktestError.invalidParameter("shard must be I/N with 1 ≤ I ≤ N ≤ 100000, got \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    static let geneticRefusal = "a genetic search cannot be sharded (each generation is bred from the last); use method grid, random or lhs"

    /// This shard's candidates, in their order.
    func slice<T>(_ all: [T]) -> [T] {
        Array(stride(from: index - 1, to: all.count, by: count).map { all[$0] })
    }
}

extension Optimizer {
    /// Why shard results cannot be joined.
    public enum MergeError: Error, Equatable, CustomStringConvertible {
        case nothing
        case mixedShardCounts([Int])
        case duplicate(Int)
        case missing([Int])
        case incomplete(expected: Int, got: Int)

        public var description: String {
            switch self {
            case .nothing: return "no shards to merge"
            case .mixedShardCounts(let n): return "the shards split the search differently (into \(n.map(String.init).joined(separator: ", ")) parts)"
            case .duplicate(let i): return "shard \(i) is given twice"
            case .missing(let i): return "shard\(i.count == 1 ? "" : "s") \(i.map(String.init).joined(separator: ", ")) missing"
            case let .incomplete(expected, got): return "the shards hold \(got) trials of the search's \(expected)"
            }
        }
    }

    /// The whole search's result from every shard's (as `search` returned them with
    /// `shard`): all trials ranked as one search ranks them, the deflated Sharpe ratio
    /// over every trial of every shard. The caller has checked that the shards come from
    /// one search (same strategy, space, method, data); this checks that each shard is
    /// there once and that together they hold every candidate.
    public static func merge(_ parts: [(shard: SearchShard, result: OptimizationResult)]) throws -> OptimizationResult {
        guard let first = parts.first else { throw MergeError.nothing }
        let counts = Set(parts.map(\.shard.count))
        guard counts.count == 1 else { throw MergeError.mixedShardCounts(counts.sorted()) }
        var seen = Set<Int>()
        for p in parts where !seen.insert(p.shard.index).inserted { throw MergeError.duplicate(p.shard.index) }
        let missing = (1...first.shard.count).filter { !seen.contains($0) }
        guard missing.isEmpty else { throw MergeError.missing(missing) }
        var all = first.result
        all.trials = parts.flatMap(\.result.trials)
        all.deflatedSharpe = nil
        guard all.trials.count == all.candidates else { throw MergeError.incomplete(expected: all.candidates, got: all.trials.count) }
        return finish(all)
    }
}
