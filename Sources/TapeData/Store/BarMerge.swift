import TapeCore

/// The incremental save's rule, on columns: stored bars and incoming bars are merged in
/// time order; a new time is added, an equal bar is skipped, a differing one is a
/// conflict that keeps the stored values unless `replace`. A time the incoming bars
/// repeat is compared with the bar already merged for it (so the first copy counts as
/// new and later copies as unchanged or conflicting), as the row-per-bar store did.
enum BarMerge {
    static let columnNames = ["open", "high", "low", "close", "volume", "adj_close"]

    static func merge(stored: Bars?, incoming: Bars, adjClose: Bool, replace: Bool, report: inout SaveReport) -> Bars {
        if stored == nil, increasing(incoming.time) {
            // A new symbol or range (the whole of a first save): every bar is new.
            report.inserted = incoming.count
            var b = incoming
            if adjClose, b.adjClose == nil { b.adjClose = [Double](repeating: .nan, count: b.count) }
            return b
        }
        let s = stored.map(columns) ?? [], inc = columns(incoming)
        let sTime = stored?.time ?? [], iTime = incoming.time
        let order = increasing(iTime) ? Array(iTime.indices) : iTime.indices.sorted { (iTime[$0], $0) < (iTime[$1], $1) }
        let total = sTime.count + iTime.count
        var time: [Int64] = []
        time.reserveCapacity(total)
        var out = [[Double]](repeating: [], count: 6)
        for k in out.indices { out[k].reserveCapacity(total) }
        func append(_ source: [[Double]], _ i: Int, _ t: Int64) {
            time.append(t)
            for k in 0..<6 { out[k].append(source[k][i]) }
        }
        /// Compares the incoming bar `j` with the last merged bar (same time) and applies the rule.
        func settle(_ j: Int) {
            let last = time.count - 1
            let differing = (0..<6).filter { !Store.same(out[$0][last], inc[$0][j]) }
            if differing.isEmpty { report.unchanged += 1; return }
            report.conflicts.append(.init(time: iTime[j], columns: differing.map { columnNames[$0] }))
            guard replace else { return }
            report.replaced += 1
            for k in 0..<6 { out[k][last] = inc[k][j] }
        }
        var i = 0
        for j in order {
            let t = iTime[j]
            while i < sTime.count, sTime[i] < t {
                append(s, i, sTime[i])
                i += 1
            }
            if i < sTime.count, sTime[i] == t {
                append(s, i, t)
                i += 1
                settle(j)
            } else if time.last == t {
                settle(j)
            } else {
                append(inc, j, t)
                report.inserted += 1
            }
        }
        while i < sTime.count {
            append(s, i, sTime[i])
            i += 1
        }
        return Bars(symbol: incoming.symbol, time: time, open: out[0], high: out[1], low: out[2], close: out[3],
                    volume: out[4], adjClose: adjClose ? out[5] : nil)
    }

    /// The six value columns, adj_close NaN where the bars have none.
    static func columns(_ b: Bars) -> [[Double]] {
        [b.open, b.high, b.low, b.close, b.volume, b.adjClose ?? [Double](repeating: .nan, count: b.count)]
    }

    static func increasing(_ t: [Int64]) -> Bool {
        var k = 1
        while k < t.count {
            if t[k] <= t[k - 1] { return false }
            k += 1
        }
        return true
    }
}
