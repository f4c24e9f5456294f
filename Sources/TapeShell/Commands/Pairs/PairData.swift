import TapeCore

/// Two datasets' closes on the dates both have: what `spread` and `backtest pair` read.
struct PairData {
    let a: Dataset
    let b: Dataset
    let time: [Int64]
    let closesA: [Double]
    let closesB: [Double]

    /// The two datasets of `spread` and `backtest pair`.
    static let arguments = [ArgumentSpec("A", .word, help: "a loaded dataset", completions: ChartCommands.datasetNames),
                            ArgumentSpec("B", .word, help: "a loaded dataset", completions: ChartCommands.datasetNames)]
    static let hedgeOption = OptionSpec.choice("hedge", HedgeMethod.allCases.map(\.rawValue), "how B is weighed against A (default ols)")
    static let rangeOption = OptionSpec.dateRange("range", "only the dates in this range")

    /// The hedge method chosen with `hedge` (default ols).
    static func method(_ c: CommandContext) -> HedgeMethod { c.text("hedge").flatMap(HedgeMethod.init(rawValue:)) ?? .ols }

    /// Fewest common closes a pair statistic is worth computing on.
    static let minimumOverlap = 30

    /// The closes of `A` and `B` at their common timestamps (NaN closes dropped), within
    /// `range` when given; an error naming both sources when they overlap too little.
    init(_ c: CommandContext, _ ea: Expr, _ eb: Expr, range: (from: Int64, to: Int64)?, minimum: Int = PairData.minimumOverlap) throws {
        a = try c.dataset(named: ea)
        b = try c.dataset(named: eb)
        var i = 0, j = 0
        var t: [Int64] = [], xa: [Double] = [], xb: [Double] = []
        let ta = a.bars.time, tb = b.bars.time, ca = a.bars.close, cb = b.bars.close
        while i < ta.count, j < tb.count {
            if ta[i] < tb[j] { i += 1; continue }
            if tb[j] < ta[i] { j += 1; continue }
            let inside = range.map { ta[i] >= $0.from && ta[i] <= $0.to } ?? true
            if inside, ca[i].isFinite, cb[j].isFinite {
                t.append(ta[i]); xa.append(ca[i]); xb.append(cb[j])
            }
            i += 1; j += 1
        }
        guard t.count >= minimum else {
            throw TapeError("\(a.name) (\(a.source), \(a.range)) and \(b.name) (\(b.source), \(b.range)) share \(t.count) closes\(range == nil ? "" : " in the range"); a pair needs at least \(minimum)",
                            span: eb.span, hint: "pick two datasets that trade on the same dates (the same bar size), or widen the range")
        }
        time = t; closesA = xa; closesB = xb
    }

    /// Observations per year, from the span the common closes cover.
    var perYear: Double {
        guard let f = time.first, let l = time.last, l > f else { return 252 }
        return Double(time.count - 1) / (Double(l - f) / (365.25 * 86_400))
    }
}
