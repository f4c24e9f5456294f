/// Several price series' returns on the dates they all have: what a correlation matrix,
/// a portfolio VaR or a stress test of several symbols is computed from. A date one
/// series lacks (or where its price is missing) is left out for all, so every return is
/// between the same two dates for every series.
public struct ReturnPanel: Sendable, Equatable {
    public var names: [String]
    /// The end date of each return.
    public var time: [Int64]
    /// One array per name, parallel to `time`.
    public var returns: [[Double]]
    /// The last common price of each series (what "now" is valued at).
    public var lastPrices: [Double]

    /// Aligns price series by timestamp. Throws a one-line error naming the series when
    /// they share fewer than two dates.
    public static func aligned(_ series: [(name: String, time: [Int64], prices: [Double])]) throws -> ReturnPanel {
        guard let first = series.first else { throw RiskError.invalid("no series to align") }
        var common = Set<Int64>()
        for (k, t) in first.time.enumerated() where first.prices[k].isFinite && first.prices[k] > 0 { common.insert(t) }
        for s in series.dropFirst() {
            var mine = Set<Int64>()
            for (k, t) in s.time.enumerated() where k < s.prices.count && s.prices[k].isFinite && s.prices[k] > 0 { mine.insert(t) }
            common.formIntersection(mine)
        }
        let dates = common.sorted()
        guard dates.count >= 2 else {
            let names = series.map(\.name).joined(separator: ", ")
            throw RiskError.noCommonDates(dates.isEmpty ? "\(names) share no dates with a price: nothing to compare"
                                                       : "\(names) share only one date with a price: returns need two")
        }
        var returns: [[Double]] = [], last: [Double] = []
        for s in series {
            var index: [Int64: Int] = [:]
            index.reserveCapacity(s.time.count)
            for (k, t) in s.time.enumerated() { index[t] = k }
            let p = dates.map { index[$0].map { s.prices[$0] } ?? .nan }
            returns.append(RiskFigures.simpleReturns(p))
            last.append(p[p.count - 1])
        }
        return ReturnPanel(names: series.map(\.name), time: Array(dates.dropFirst()), returns: returns, lastPrices: last)
    }
}
