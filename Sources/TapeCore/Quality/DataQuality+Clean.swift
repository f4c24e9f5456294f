import Foundation

extension DataQuality {
    public struct CleanOptions: Sendable {
        public enum Inconsistent: String, Sendable {
            /// Widen high/low to bracket open and close (keeps the row).
            case fix
            case drop
        }
        public var inconsistent: Inconsistent = .fix
        /// Forward-fill an empty open/high/low/close from the previous bar.
        public var fillMissing = true
        /// Remove one-bar spikes (a split-ratio jump undone on the next bar): a bad print.
        public var dropSpikes = true
        /// Divide prices before each split-like jump by its ratio (and multiply volume),
        /// as a split adjustment would. Off by default: a jump can be a real crash.
        public var adjustSplits = false
        public var splitTolerance = 0.04

        public init() {}
    }

    /// A repaired copy of `b` and one line per change, in the order made. Volume is
    /// never invented: an empty volume stays NaN.
    public static func clean(_ input: Bars, options: CleanOptions = CleanOptions()) -> (bars: Bars, changes: [String]) {
        var b = aligned(input)
        var changes: [String] = []
        func day(_ t: Int64) -> String { CivilTime.format(t) }

        // 1. Time order, then one bar per time (the first one kept).
        if zip(b.time, b.time.dropFirst()).contains(where: { $0 > $1 }) {
            let order = b.time.indices.sorted { (b.time[$0], $0) < (b.time[$1], $1) }
            b = pick(b, order)
            changes.append("sorted \(b.count) bars into time order")
        }
        var keep: [Int] = []
        for i in b.time.indices {
            if let last = keep.last, b.time[last] == b.time[i] {
                changes.append("\(day(b.time[i])): dropped a duplicate bar (kept the first)")
            } else {
                keep.append(i)
            }
        }
        if keep.count != b.count { b = pick(b, keep) }

        // 2. Empty prices: forward-fill, or drop a leading bar that has nothing to fill from.
        if options.fillMissing {
            keep = []
            for i in b.time.indices {
                let names = ["open", "high", "low", "close"]
                let empty = names.indices.filter { price(b, $0, i).isNaN }
                if empty.isEmpty { keep.append(i); continue }
                guard let prev = keep.last else {
                    changes.append("\(day(b.time[i])): dropped the first bar: empty " + empty.map { names[$0] }.joined(separator: ", ")
                        + " and nothing before it to fill from")
                    continue
                }
                for f in empty { setPrice(&b, f, i, price(b, f, prev)) }
                changes.append("\(day(b.time[i])): filled empty " + empty.map { names[$0] }.joined(separator: ", ")
                    + " from \(day(b.time[prev]))")
                keep.append(i)
            }
            if keep.count != b.count { b = pick(b, keep) }
        }

        // 3. One-bar spikes are bad prints: remove them.
        if options.dropSpikes {
            var opt = Options()
            opt.splitTolerance = options.splitTolerance
            let spikes = Set(jumps(b, opt).filter { $0.kind == .spike }.map(\.row))
            if !spikes.isEmpty {
                for r in spikes.sorted() {
                    changes.append("\(day(b.time[r])): dropped a one-bar spike (close \(fmt(b.close[r])), undone the next bar)")
                }
                b = pick(b, b.time.indices.filter { !spikes.contains($0) })
            }
        }

        // 4. Impossible bars: fix by widening high/low, or drop.
        keep = []
        for i in b.time.indices {
            guard let why = inconsistency(b.open[i], b.high[i], b.low[i], b.close[i]) else { keep.append(i); continue }
            let prices = [b.open[i], b.high[i], b.low[i], b.close[i]].filter { !$0.isNaN }
            if options.inconsistent == .drop || prices.contains(where: { $0 <= 0 || !$0.isFinite }) {
                changes.append("\(day(b.time[i])): dropped an inconsistent bar (\(why))")
                continue
            }
            let hi = prices.max() ?? b.high[i], lo = prices.min() ?? b.low[i]
            changes.append("\(day(b.time[i])): set high/low to \(fmt(hi))/\(fmt(lo)) (was \(fmt(b.high[i]))/\(fmt(b.low[i])): \(why))")
            b.high[i] = hi
            b.low[i] = lo
            keep.append(i)
        }
        if keep.count != b.count { b = pick(b, keep) }

        // 5. Split adjustment, on request: scale everything before each jump.
        if options.adjustSplits {
            var opt = Options()
            opt.splitTolerance = options.splitTolerance
            for s in jumps(b, opt).filter({ $0.kind == .splitLike }).reversed() {
                let r = s.row
                guard r > 0, let prev = (0..<r).last(where: { b.close[$0].isFinite && b.close[$0] > 0 }),
                      let m = splitMatch(b.close[prev] / b.close[r], options.splitTolerance) else { continue }
                for i in 0..<r {
                    b.open[i] /= m.ratio; b.high[i] /= m.ratio; b.low[i] /= m.ratio; b.close[i] /= m.ratio
                    b.volume[i] *= m.ratio
                }
                changes.append("\(day(b.time[r])): adjusted \(r) earlier bars for a \(m.label) split (prices ÷ \(fmt(m.ratio)), volume × \(fmt(m.ratio)))")
            }
        }
        return (b, changes)
    }

    private static func price(_ b: Bars, _ f: Int, _ i: Int) -> Double {
        switch f {
        case 0: return b.open[i]
        case 1: return b.high[i]
        case 2: return b.low[i]
        default: return b.close[i]
        }
    }

    private static func setPrice(_ b: inout Bars, _ f: Int, _ i: Int, _ v: Double) {
        switch f {
        case 0: b.open[i] = v
        case 1: b.high[i] = v
        case 2: b.low[i] = v
        default: b.close[i] = v
        }
    }

    /// The given rows, in the given order.
    static func pick(_ b: Bars, _ rows: [Int]) -> Bars {
        Bars(symbol: b.symbol, time: rows.map { b.time[$0] }, open: rows.map { b.open[$0] }, high: rows.map { b.high[$0] },
             low: rows.map { b.low[$0] }, close: rows.map { b.close[$0] }, volume: rows.map { b.volume[$0] },
             adjClose: b.adjClose.map { a in rows.map { a[$0] } })
    }
}
