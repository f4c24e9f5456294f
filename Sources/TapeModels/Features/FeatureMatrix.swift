import Foundation
import TapeCore

/// The features of one symbol as columns over its bars: what `features SYMBOL` builds and
/// `export features` writes. Columns keep every bar (NaN in each feature's warm-up);
/// `usableRows` says which rows a model may use.
public struct FeatureMatrix: Sendable {
    public let symbol: String
    /// The set it was built from (`all`, `core`, a family, `leaky`).
    public let set: String
    public let names: [String]
    public let time: [Int64]
    public let columns: [[Double]]
    /// The bars it was built from (labels and regimes are computed from them).
    public let bars: Bars

    public init(symbol: String, set: String, names: [String], time: [Int64], columns: [[Double]], bars: Bars) {
        self.symbol = symbol
        self.set = set
        self.names = names
        self.time = time
        self.columns = columns
        self.bars = bars
    }

    public var rowCount: Int { time.count }
    public var featureCount: Int { names.count }

    /// Every feature of `features` over `bars`, on two threads of about equal work: price,
    /// volume and technical features on one, the statistical, volatility, regime and
    /// pattern families (which share returns, volatilities and averages) on the other,
    /// each thread with its own cache. Each column is computed alone from the bars, so the
    /// matrix is the same whatever the threads do. `cancel` is polled between features.
    public static func build(_ bars: Bars, features: [FeatureSpec], set: String,
                             cancel: (@Sendable () -> Bool)? = nil) throws -> FeatureMatrix {
        let second: Set<FeatureFamily> = [.statistical, .volatility, .regime, .pattern]
        let parts = [features.indices.filter { !second.contains(features[$0].family) },
                     features.indices.filter { second.contains(features[$0].family) }]
        let results = ColumnSlots(count: features.count)
        DispatchQueue.concurrentPerform(iterations: parts[1].isEmpty || features.count < 8 ? 1 : 2) { part in
            let indices = parts[1].isEmpty || features.count < 8 ? Array(features.indices) : parts[part]
            let inputs = FeatureInputs(bars)
            for k in indices {
                if cancel?() == true { return }
                var v = features[k].values(inputs)
                // Infinities (a zero price somewhere) are missing values, like NaN.
                for i in v.indices where v[i].isInfinite { v[i] = .nan }
                results.set(k, v)
            }
        }
        if cancel?() == true { throw ModelError.cancelled }
        return FeatureMatrix(symbol: bars.symbol, set: set, names: features.map(\.name), time: bars.time,
                             columns: results.columns(), bars: bars)
    }

    /// Rows where every feature has a value, and why the others were left out: in the
    /// warm-up (before the last feature's first value) or missing later (a NaN inside
    /// the data, e.g. a zero price or volume).
    public struct Usable: Sendable, Equatable {
        public var rows: [Int]
        public var warmup: Int
        public var missing: Int
    }

    public func usableRows() -> Usable {
        let n = rowCount
        var ok = [Bool](repeating: true, count: n)
        var firstFull = 0
        for c in columns {
            let first = c.firstIndex { !$0.isNaN } ?? n
            firstFull = max(firstFull, first)
            for i in 0..<n where c[i].isNaN { ok[i] = false }
        }
        var rows: [Int] = []
        rows.reserveCapacity(n)
        var missing = 0
        for i in 0..<n {
            if ok[i] { rows.append(i) } else if i >= firstFull { missing += 1 }
        }
        return Usable(rows: rows, warmup: min(firstFull, n), missing: missing)
    }

    /// Features that have no value anywhere or one value throughout (a symbol without
    /// volume): they would drop every row or teach nothing.
    public func uninformative() -> [String] {
        zip(names, columns).compactMap { name, c in
            let vals = c.filter { !$0.isNaN }
            guard let first = vals.first else { return name }
            return vals.allSatisfy { $0 == first } ? name : nil
        }
    }

    /// The same matrix without the named features.
    public func dropping(_ drop: Set<String>) -> FeatureMatrix {
        let keep = names.indices.filter { !drop.contains(names[$0]) }
        return FeatureMatrix(symbol: symbol, set: set, names: keep.map { names[$0] }, time: time,
                             columns: keep.map { columns[$0] }, bars: bars)
    }

    /// Row-major values of `rows` (the layout every library takes).
    public func design(_ rows: [Int]) -> [Double] {
        let p = featureCount
        var x = [Double](repeating: 0, count: rows.count * p)
        for (j, c) in columns.enumerated() {
            for (r, i) in rows.enumerated() { x[r * p + j] = c[i] }
        }
        return x
    }
}

/// The columns two threads fill, each writing only its own slots.
private final class ColumnSlots: @unchecked Sendable {
    // @unchecked: each slot is written by exactly one thread (the features are split
    // between the threads), through a pointer so no thread touches the array as a whole,
    // and read only after concurrentPerform has returned, which orders the writes first.
    private let slots: UnsafeMutablePointer<[Double]>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: [], count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func set(_ k: Int, _ v: [Double]) { slots[k] = v }
    func columns() -> [[Double]] { Array(UnsafeBufferPointer(start: slots, count: count)) }
}
