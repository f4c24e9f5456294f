/// What `DataQuality.validate` found, with a 0-100 score.
///
/// Score = 100 × (1 − Σ penalty / expected rows), floored at 0, where expected rows =
/// bars + missing trading days, and each affected row (or missing day) costs the largest
/// weight among its issues: 1 for missing days, duplicates, gaps in OHLC, inconsistent
/// OHLC, split-like jumps and spikes, bars on non-trading days; 0.5 for zero or missing
/// volume; 0.25 for a return outlier (often a real event, so a hint more than a fault).
public struct QualityReport: Equatable, Sendable {
    public var symbol: String
    public var rows: Int
    public var issues: [QualityIssue]
    public var score: Double

    public func issues(_ kind: QualityIssue.Kind) -> [QualityIssue] { issues.filter { $0.kind == kind } }

    public var missingDays: [Int64] { issues(.missingDay).map(\.time) }

    /// Counts by kind, in the kinds' declared order, zero counts omitted.
    public var counts: [(kind: QualityIssue.Kind, count: Int)] {
        QualityIssue.Kind.allCases.compactMap { k in
            let n = issues.lazy.filter { $0.kind == k }.count
            return n > 0 ? (k, n) : nil
        }
    }

    /// `AOS: 1259 bars, score 99.9/100; 1 inconsistent OHLC` and then one line per issue
    /// (at most `limit`).
    public func lines(limit: Int = 20) -> [String] {
        let head = "\(symbol): \(rows) bars, score \(QualityReport.format(score))/100"
            + (issues.isEmpty ? "; no problems found" : "; " + counts.map { "\($0.count) \($0.count == 1 ? $0.kind.rawValue : $0.kind.plural)" }.joined(separator: ", "))
        // A negative limit shows none (and issues.count - Int.min would trap).
        let shown = max(0, limit)
        var out = [head]
        out += issues.prefix(shown).map { "  " + $0.line }
        if issues.count > shown { out.append("  ... \(issues.count - shown) more") }
        return out
    }

    static func score(rows: Int, issues: [QualityIssue]) -> Double {
        var worst: [Int: Double] = [:]   // by row
        var missing = 0
        for i in issues {
            if i.kind == .missingDay { missing += 1; continue }
            worst[i.row] = max(worst[i.row] ?? 0, i.kind.weight)
        }
        let expected = rows + missing
        guard expected > 0 else { return 0 }
        let penalty = worst.values.reduce(0, +) + Double(missing)
        let s = 100 * max(0, 1 - penalty / Double(expected))
        return (s * 10).rounded(.down) / 10
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String((v * 10).rounded() / 10)
    }
}
