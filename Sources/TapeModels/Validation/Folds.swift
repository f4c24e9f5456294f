import TapeCore

/// One train/test split over the samples (rows with features and a label), by position
/// in time order.
public struct Fold: Sendable, Equatable {
    /// Sample positions used for training and for testing.
    public var train: [Int]
    public var test: [Int]
    /// Training samples left out because their label's window overlaps the test labels.
    public var purged: [Int]
    /// Training samples left out after the test block (beyond the purge) by the embargo.
    public var embargoed: [Int]
}

/// How a validation splits samples. Honest schemes keep time order, purge and embargo;
/// the shuffled one is kept only to show what it would have reported.
public enum SplitScheme: Sendable, Equatable {
    /// k contiguous test blocks; training on everything else minus purge and embargo.
    case purgedKFold(folds: Int, embargo: Int)
    /// The samples cut into folds + 1 blocks; fold f trains on the blocks before block
    /// f + 1 (all of them, anchored) and tests on it, with the purge and the embargo
    /// between them.
    case walkForward(folds: Int, embargo: Int)
    /// k folds of a seeded shuffle, no purge, no embargo: how "99%" is usually measured.
    case shuffledKFold(folds: Int, seed: UInt64)

    public var name: String {
        switch self {
        case .purgedKFold(let k, _): return "purged \(k)-fold"
        case .walkForward(let k, _): return "walk-forward, \(k) folds"
        case .shuffledKFold(let k, _): return "shuffled \(k)-fold (no purge, no embargo)"
        }
    }

    /// The folds over samples at bar indices `bars` (ascending) whose labels read
    /// `horizon` bars ahead.
    public func folds(bars: [Int], horizon: Int) throws -> [Fold] {
        let n = bars.count
        switch self {
        case let .purgedKFold(k, embargo), let .walkForward(k, embargo):
            let walk: Bool = { if case .walkForward = self { return true }; return false }()
            let blocks = walk ? k + 1 : k
            guard k >= 2 || (walk && k >= 1) else { throw ModelError.invalidParameter("validation needs at least 2 folds") }
            guard n >= blocks * 2 else {
                throw ModelError.invalidData("\(n) labelled rows are too few for \(k) folds")
            }
            guard embargo >= horizon else {
                throw ModelError.invalidParameter("the embargo (\(embargo) bars) must be at least the label horizon (\(horizon) bars)")
            }
            let edges = (0...blocks).map { $0 * n / blocks }
            var out: [Fold] = []
            for f in 0..<k {
                let b = walk ? f + 1 : f
                let test = Array(edges[b]..<edges[b + 1])
                guard let first = test.first, let last = test.last else { continue }
                let testStart = bars[first], testEnd = bars[last]
                var train: [Int] = [], purged: [Int] = [], embargoed: [Int] = []
                let candidates = walk ? Array(0..<first) : Array(0..<first) + Array((last + 1)..<n)
                for j in candidates {
                    let t = bars[j]
                    if t < testStart {
                        // Its label reads bars t+1...t+h: they must end before the test's first bar.
                        if t + horizon >= testStart { purged.append(j) } else { train.append(j) }
                    } else {
                        // A test label reads up to testEnd + h; after that, `embargo` more bars.
                        if t <= testEnd + horizon { purged.append(j) }
                        else if t <= testEnd + horizon + embargo { embargoed.append(j) }
                        else { train.append(j) }
                    }
                }
                out.append(Fold(train: train, test: test, purged: purged, embargoed: embargoed))
            }
            return out
        case let .shuffledKFold(k, seed):
            guard k >= 2, n >= 2 * k else { throw ModelError.invalidData("\(n) labelled rows are too few for \(k) folds") }
            var order = Array(0..<n)
            var rng = SplitMix64(seed: seed)
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            return (0..<k).map { f in
                let test = Array(order[(f * n / k)..<((f + 1) * n / k)]).sorted()
                let inTest = Set(test)
                return Fold(train: (0..<n).filter { !inTest.contains($0) }, test: test, purged: [], embargoed: [])
            }
        }
    }
}
