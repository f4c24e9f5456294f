import Foundation

/// When a ranked portfolio is rebalanced: after the last bar of each calendar period, or
/// every N bars.
public enum RebalanceSchedule: Sendable, Equatable {
    case everyBars(Int)
    case weekly, monthly, quarterly, yearly

    public var description: String {
        switch self {
        case .everyBars(let n): return n == 1 ? "daily" : "every \(n) bars"
        case .weekly: return "weekly"
        case .monthly: return "monthly"
        case .quarterly: return "quarterly"
        case .yearly: return "yearly"
        }
    }

    /// The calendar period a time falls in (weeks start on Monday).
    func period(_ t: Int64) -> Int64 {
        let day = CivilTime.floorDiv(t, CivilTime.secondsPerDay)
        switch self {
        case .everyBars: return 0
        // 1970-01-01 was a Thursday: day + 3 counts weeks from Monday 1969-12-29.
        case .weekly: return CivilTime.floorDiv(day + 3, 7)
        case .monthly, .quarterly, .yearly:
            let c = CivilTime.civil(days: day)
            if self == .yearly { return Int64(c.year) }
            return Int64(c.year * 12 + (c.month - 1) / (self == .quarterly ? 3 : 1) * (self == .quarterly ? 3 : 1))
        }
    }
}

/// How the selected members share each side of the book.
public enum RankWeighting: String, Sendable, Equatable, CaseIterable {
    /// 1/N each.
    case equal
    /// In proportion to the score (longs to max(score, 0), shorts to max(−score, 0));
    /// equal when every such score is 0.
    case score
    /// In proportion to 1 / the sample sd of the member's last `volLookback` returns.
    case inverseVol = "inverse_vol"
}

/// `backtest UNIVERSE rank by EXPR [long top N] [short bottom N] [weights ...]
/// [rebalance monthly] [max_weight 10%]`.
public struct RankedPortfolioConfig: Sendable, Equatable {
    public var cash: Double
    public var commission: Commission
    public var slippageBps: Double
    /// How many of the best scores to hold long, and of the worst to hold short (nil: none).
    public var long: Int?
    public var short: Int?
    public var weighting: RankWeighting
    public var rebalance: RebalanceSchedule
    /// The largest |weight| of one member; what a cap removes goes to the side's other
    /// members in proportion, or stays in cash when every member is capped.
    public var maxWeight: Double?
    public var volLookback: Int
    public var wholeUnits: Bool

    public init(cash: Double = 10_000, commission: Commission = Commission(), slippageBps: Double = 0, long: Int? = 10,
                short: Int? = nil, weighting: RankWeighting = .equal, rebalance: RebalanceSchedule = .monthly,
                maxWeight: Double? = nil, volLookback: Int = 63, wholeUnits: Bool = false) {
        self.cash = cash
        self.commission = commission
        self.slippageBps = slippageBps
        self.long = long
        self.short = short
        self.weighting = weighting
        self.rebalance = rebalance
        self.maxWeight = maxWeight
        self.volLookback = volLookback
        self.wholeUnits = wholeUnits
    }

    func validate() throws {
        guard cash.isFinite, cash > 0 else { throw BacktestError.invalidConfig("cash must be a positive amount") }
        try BacktestConfig.validateCosts(commission: commission, slippageBps: slippageBps)
        guard (long ?? 0) > 0 || (short ?? 0) > 0 else { throw BacktestError.invalidConfig("a ranked portfolio needs long top N or short bottom N") }
        if let l = long, l < 1 { throw BacktestError.invalidConfig("long top must be at least 1") }
        if let s = short, s < 1 { throw BacktestError.invalidConfig("short bottom must be at least 1") }
        if case .everyBars(let n) = rebalance, n < 1 { throw BacktestError.invalidConfig("rebalance period must be at least 1 bar") }
        if let w = maxWeight, !(w > 0 && w <= 1) { throw BacktestError.invalidConfig("max_weight must be above 0% and at most 100%") }
        guard volLookback >= 2 else { throw BacktestError.invalidConfig("vol_lookback must be at least 2 bars") }
    }

    var description: String {
        var parts: [String] = []
        if let l = long { parts.append("long top \(l)") }
        if let s = short { parts.append("short bottom \(s)") }
        parts.append("\(weighting.rawValue) weights")
        parts.append("rebalance \(rebalance.description)")
        if let w = maxWeight { parts.append("max_weight \(Format.number(w * 100))%") }
        return parts.joined(separator: ", ")
    }
}

/// A portfolio over a universe ranked by a score, through the single-symbol engine's
/// rules: decisions use data up to a bar's close and fill at the next bar's open, with
/// the same commission and slippage (buys pay more, sells get less), and the result is a
/// `BacktestResult` whose statistics are computed by the same code.
///
/// Rules, stated:
/// - at each decision bar (the first bar of the range, then the last bar of each
///   rebalancing period) the members with a bar and a finite score are ranked; the best
///   `long` are held long and the worst `short` short (a member is never both);
/// - the book is 100% of equity gross: all of it to one side, or half to each;
/// - orders fill at the next bar's open; a member without a bar then keeps its holding
///   until the next decision; sells (and short sales) go first so their proceeds fund
///   the buys, and a buy cash cannot cover is cut to what it can;
/// - equity is marked at each close, a member without a bar at its last close;
/// - Buy & Hold is an equal-weight index of every member with a bar on both days of each
///   period (rebalanced daily): the universe's own average.
public enum RankedPortfolio {
    public static func run(panel: UniversePanel, scores: [[Double]], config: RankedPortfolioConfig, range: Range<Int>? = nil,
                           strategyName: String = "rank", cancel: Backtester.Cancel? = nil) throws -> PortfolioResult {
        try config.validate()
        let m = panel.members, n = panel.dates
        guard scores.count == m, scores.allSatisfy({ $0.count == n }) else {
            throw BacktestError.invalidStrategy("scores must give one value per member per date")
        }
        let r = range ?? 0..<n
        guard r.count >= 2, r.lowerBound >= 0, r.upperBound <= n else {
            throw BacktestError.invalidData("range \(r.lowerBound)..<\(r.upperBound) needs at least 2 of the \(n) dates")
        }
        let slip = config.slippageBps / 10_000
        let c = config.commission
        var units = [Double](repeating: 0, count: m)
        var lastClose = [Double](repeating: .nan, count: m)
        var held: [Int] = []          // members with units != 0
        var cash = config.cash
        var equity = [Double](repeating: config.cash, count: r.count)
        var fills: [PortfolioFill] = []
        var pending: [Double]?        // target weights decided at the previous bar
        struct Holding { var entryBar = 0; var bought = 0.0; var sold = 0.0; var boughtUnits = 0.0; var soldUnits = 0.0; var commission = 0.0; var peak = 0.0 }
        var holding = [Holding](repeating: Holding(), count: m)
        var trades: [(Int, Trade)] = []
        var firstDecision: Int?
        // Members' closes before the range are known: marks start from them.
        for j in 0..<m {
            var k = r.lowerBound - 1
            while k >= 0, !panel.close[j][k].isFinite { k -= 1 }
            if k >= 0 { lastClose[j] = panel.close[j][k] }
        }

        func closeTrade(_ j: Int, at i: Int) {
            let h = holding[j]
            let isLong = h.peak > 0
            let entry = isLong ? h.bought / h.boughtUnits : h.sold / h.soldUnits
            let exit = isLong ? h.sold / h.soldUnits : h.bought / h.boughtUnits
            let pnl = h.sold - h.bought - h.commission
            let base = isLong ? h.bought : h.sold
            trades.append((j, Trade(size: h.peak, entryBar: h.entryBar, exitBar: i, entryTime: panel.time[h.entryBar], exitTime: panel.time[i],
                                    entryPrice: entry, exitPrice: exit, pnl: pnl, commission: h.commission,
                                    returnPct: base > 0 ? pnl / base : .nan, exitReason: .signal)))
        }

        for i in r {
            if i & 255 == 0, let cancel, cancel() { throw BacktestError.cancelled }
            if let w = pending {
                pending = nil
                var value = cash
                for j in held { value += units[j] * (panel.open[j][i].isFinite ? panel.open[j][i] : lastClose[j]) }
                var target = units
                for j in 0..<m where panel.open[j][i].isFinite && panel.open[j][i] > 0 {
                    var t = w[j] * value / panel.open[j][i]
                    if config.wholeUnits { t = t.rounded(.towardZero) }
                    target[j] = t
                }
                var touched: [Int] = []
                for j in 0..<m where target[j] != units[j] { touched.append(j) }
                for pass in 0..<2 {
                    for j in touched {
                        let delta = target[j] - units[j]
                        guard pass == 0 ? delta < 0 : delta > 0 else { continue }
                        guard abs(delta) > 1e-9 * max(abs(target[j]), abs(units[j])) else { continue }
                        let d: Double = delta > 0 ? 1 : -1
                        let price = panel.open[j][i] * (1 + d * slip)
                        var qty = abs(delta)
                        if d > 0 {
                            let affordable = max(0, cash - c.perOrder) / (price * (1 + c.percent) + c.perShare)
                            qty = min(qty, config.wholeUnits ? affordable.rounded(.down) : affordable)
                            guard qty > 0 else { continue }
                        }
                        let fee = c.cost(units: qty, price: price)
                        cash -= d * qty * price + fee
                        let before = units[j]
                        units[j] += d * qty
                        if abs(units[j]) < 1e-12 * max(1, abs(before)) { units[j] = 0 }
                        // A fill that crosses zero closes one trade and opens the next.
                        if before != 0 && (units[j] == 0 || (before > 0) != (units[j] > 0)) {
                            let closing = abs(before)
                            let part = closing / qty
                            if d > 0 { holding[j].bought += closing * price; holding[j].boughtUnits += closing } else { holding[j].sold += closing * price; holding[j].soldUnits += closing }
                            holding[j].commission += fee * part
                            closeTrade(j, at: i)
                            holding[j] = Holding()
                            let rest = qty - closing
                            if units[j] != 0 {
                                holding[j].entryBar = i
                                if d > 0 { holding[j].bought = rest * price; holding[j].boughtUnits = rest } else { holding[j].sold = rest * price; holding[j].soldUnits = rest }
                                holding[j].commission = fee * (1 - part)
                                holding[j].peak = units[j]
                            }
                        } else {
                            if before == 0 { holding[j] = Holding(); holding[j].entryBar = i }
                            if d > 0 { holding[j].bought += qty * price; holding[j].boughtUnits += qty } else { holding[j].sold += qty * price; holding[j].soldUnits += qty }
                            holding[j].commission += fee
                            if abs(units[j]) > abs(holding[j].peak) { holding[j].peak = units[j] }
                        }
                        fills.append(PortfolioFill(bar: i, symbol: panel.names[j], units: d * qty, price: price, commission: fee))
                    }
                }
                held = (0..<m).filter { units[$0] != 0 }
            }
            var eq = cash
            for j in held {
                let p = panel.close[j][i]
                if p.isFinite { lastClose[j] = p }
                eq += units[j] * lastClose[j]
            }
            equity[i - r.lowerBound] = eq
            let decide: Bool
            switch config.rebalance {
            case .everyBars(let k): decide = (i - r.lowerBound) % k == 0
            default: decide = i == r.lowerBound || (i + 1 < n && config.rebalance.period(panel.time[i]) != config.rebalance.period(panel.time[i + 1]))
            }
            if decide, i + 1 < r.upperBound {
                pending = weights(panel: panel, scores: scores, at: i, config: config)
                if firstDecision == nil { firstDecision = i }
            }
            // Marks of members not held too: a later order values them at their last close.
            for j in 0..<m where units[j] == 0 && panel.close[j][i].isFinite { lastClose[j] = panel.close[j][i] }
        }
        var open: [OpenTrade] = []
        for j in held {
            let h = holding[j]
            let entry = units[j] > 0 ? h.bought / max(h.boughtUnits, 1e-300) : h.sold / max(h.soldUnits, 1e-300)
            open.append(OpenTrade(size: units[j], entryBar: h.entryBar, entryTime: panel.time[h.entryBar], entryPrice: entry,
                                  entryCommission: h.commission, unrealizedPnL: units[j] * (lastClose[j] - entry)))
        }
        let index = equalWeightIndex(panel, range: r)
        let bt = BacktestConfig(cash: config.cash, commission: config.commission, slippageBps: config.slippageBps,
                                sizing: .fractionOfEquity(1), wholeUnits: config.wholeUnits)
        let first = firstDecision ?? r.lowerBound
        var result = BacktestResult(symbol: "\(m) members", strategyName: "\(strategyName) (\(config.description))", config: bt,
                                    exits: ExitRules(), range: r, time: Array(panel.time[r]), close: index, equity: equity,
                                    trades: trades.map(\.1), openTrades: open, firstDecisionBar: first, benchmarkBar: r.lowerBound,
                                    adjusted: false)
        // Stated with the result, as for every backtest: whether the book went short.
        result.shorting = (config.short ?? 0) > 0 ? Shorting(allowed: true, how: "the short bottom N") : Shorting(allowed: false, how: "short bottom N to allow")
        return PortfolioResult(result: result, fills: fills, symbols: panel.names, tradeSymbols: trades.map { panel.names[$0.0] })
    }

    /// Target weights decided at bar `i` (signed: negative for shorts).
    static func weights(panel: UniversePanel, scores: [[Double]], at i: Int, config: RankedPortfolioConfig) -> [Double] {
        let m = panel.members
        var eligible: [Int] = []
        for j in 0..<m where scores[j][i].isFinite && panel.close[j][i].isFinite {
            if config.weighting == .inverseVol && !(volatility(panel.close[j], at: i, lookback: config.volLookback) > 0) { continue }
            eligible.append(j)
        }
        var w = [Double](repeating: 0, count: m)
        guard !eligible.isEmpty else { return w }
        let byScore = eligible.sorted { scores[$0][i] > scores[$1][i] || (scores[$0][i] == scores[$1][i] && $0 < $1) }
        let longs = Array(byScore.prefix(config.long ?? 0))
        let taken = Set(longs)
        let shorts = Array(byScore.reversed().filter { !taken.contains($0) }.prefix(config.short ?? 0))
        let both = !longs.isEmpty && !shorts.isEmpty
        let budget = both ? 0.5 : 1.0
        for (side, members) in [(1.0, longs), (-1.0, shorts)] where !members.isEmpty {
            var raw: [Double]
            switch config.weighting {
            case .equal: raw = members.map { _ in 1 }
            case .score: raw = members.map { max(side * scores[$0][i], 0) }
            case .inverseVol: raw = members.map { 1 / volatility(panel.close[$0], at: i, lookback: config.volLookback) }
            }
            if raw.reduce(0, +) <= 0 { raw = members.map { _ in 1 } }
            let capped = cap(raw.map { $0 / raw.reduce(0, +) * budget }, at: config.maxWeight)
            for (k, j) in members.enumerated() { w[j] = side * capped[k] }
        }
        return w
    }

    /// Water-filling: no weight above `cap`; the excess goes to the uncapped in
    /// proportion, and stays unallocated once all are capped.
    static func cap(_ w: [Double], at cap: Double?) -> [Double] {
        guard let cap else { return w }
        var out = w
        var fixed = [Bool](repeating: false, count: w.count)
        for _ in 0..<w.count {
            var excess = 0.0
            for k in out.indices where !fixed[k] && out[k] > cap + 1e-15 { excess += out[k] - cap; out[k] = cap; fixed[k] = true }
            guard excess > 1e-15 else { break }
            let free = out.indices.filter { !fixed[$0] }
            let base = free.reduce(0) { $0 + out[$1] }
            guard base > 0 else { break }
            for k in free { out[k] += excess * out[k] / base }
        }
        return out
    }

    /// Sample sd of the last `lookback` returns up to bar i (skipping dates without a
    /// close); NaN with fewer.
    static func volatility(_ close: [Double], at i: Int, lookback: Int) -> Double {
        var r: [Double] = []
        r.reserveCapacity(lookback)
        var k = i, later = Double.nan
        while k >= 0 && r.count < lookback {
            let p = close[k]
            if p.isFinite && p > 0 {
                if later.isFinite { r.append(later / p - 1) }
                later = p
            }
            k -= 1
        }
        return r.count == lookback ? RiskFigures.sampleStandardDeviation(r) : .nan
    }

    /// The universe's equal-weight index over `range`, starting at 1.
    static func equalWeightIndex(_ panel: UniversePanel, range r: Range<Int>) -> [Double] {
        var index = [Double](repeating: 1, count: r.count)
        var sums = [Double](repeating: 0, count: r.count), counts = [Int](repeating: 0, count: r.count)
        for row in panel.close {
            row.withUnsafeBufferPointer { p in
                for i in (r.lowerBound + 1)..<r.upperBound where p[i].isFinite && p[i - 1].isFinite && p[i - 1] > 0 {
                    sums[i - r.lowerBound] += p[i] / p[i - 1] - 1
                    counts[i - r.lowerBound] += 1
                }
            }
        }
        for k in 1..<r.count { index[k] = index[k - 1] * (1 + (counts[k] > 0 ? sums[k] / Double(counts[k]) : 0)) }
        return index
    }
}
