/// What `suggest` reads from a symbol's bars: a trend-and-momentum view and a volatility
/// level, each from the indicator catalogue, and the structures the documented table maps
/// them to (docs/SIGNALS.md).
public struct MarketView: Sendable, Equatable {
    public enum Trend: String, Sendable, CaseIterable {
        case strongBull = "strong bull", moderateBull = "moderate bull", rangeBound = "range-bound"
        case moderateBear = "moderate bear", strongBear = "strong bear"
    }

    public enum VolLevel: String, Sendable { case high, normal, low }

    public let trend: Trend
    public let close: Double
    public let sma20: Double
    public let sma50: Double
    public let adx: Double
    public let rsi: Double
    /// Annualised close-to-close volatility over the last 20 bars (rv_cc).
    public let vol: Double
    /// Where `vol` sits between its lowest and highest of the last year (0 .. 1).
    public let volRank: Double
    /// Share of the last year's values below `vol` (0 .. 1).
    public let volPercentile: Double

    public var volLevel: VolLevel { volRank >= 0.5 ? .high : (volRank <= 0.25 ? .low : .normal) }

    /// ADX at or above this is a trend worth the name; below `rangeADX` there is none.
    public static let trendADX = 25.0, rangeADX = 20.0

    /// The view on the last bar; nil with fewer than `minimumBars` bars.
    public static func read(open: [Double], high: [Double], low: [Double], close: [Double], periodsPerYear: Double) -> MarketView? {
        let n = close.count
        guard n >= minimumBars, open.count == n, high.count == n, low.count == n else { return nil }
        func ind(_ name: String, _ inputs: [[Double]], _ params: [Double]) -> [Double] {
            IndicatorCatalogue.named(name)?.compute(inputs, params, .talib).first ?? []
        }
        let sma20 = ind("sma", [close], [20]), sma50 = ind("sma", [close], [50])
        let adx = ind("adx", [high, low, close], [14]), rsi = ind("rsi", [close], [14])
        let rv = ind("rv_cc", [open, high, low, close], [20, periodsPerYear])
        guard let c = close.last, let s20 = sma20.last, let s50 = sma50.last, let a = adx.last, let r = rsi.last, let v = rv.last,
            [c, s20, s50, a, r, v].allSatisfy(\.isFinite)
        else { return nil }
        let year = rv.suffix(Int(periodsPerYear.rounded())).filter(\.isFinite)
        let lo = year.min() ?? v, hi = year.max() ?? v
        let rank = hi > lo ? (v - lo) / (hi - lo) : 0.5
        let percentile = year.isEmpty ? 0.5 : Double(year.filter { $0 < v }.count) / Double(year.count)
        let trend: Trend
        if a >= trendADX && c > s50 && s20 > s50 {
            trend = .strongBull
        } else if a >= trendADX && c < s50 && s20 < s50 {
            trend = .strongBear
        } else if a < rangeADX {
            trend = .rangeBound
        } else {
            trend = c > s50 ? .moderateBull : .moderateBear
        }
        return MarketView(trend: trend, close: c, sma20: s20, sma50: s50, adx: a, rsi: r, vol: v, volRank: rank, volPercentile: percentile)
    }

    /// The same view with the volatility level judged by another rank and percentile (IV
    /// rank from chain history); `vol`, the realised figure that prices modelled legs, stays.
    public func judged(rank: Double, percentile: Double) -> MarketView {
        MarketView(trend: trend, close: close, sma20: sma20, sma50: sma50, adx: adx, rsi: rsi, vol: vol,
                   volRank: rank, volPercentile: percentile)
    }

    /// Bars needed: 50 for the slow average, a year of volatility is used when there.
    public static let minimumBars = 60

    /// One row of the mapping table: a structure from the strategy catalogue, where its
    /// centre strike sits in strike widths from spot, and why.
    public struct Suggestion: Sendable, Equatable {
        public let strategy: String
        /// Centre strike = spot + offset × width (the catalogue builds legs around it).
        public let offset: Double
        public let why: String
    }

    /// The documented mapping (docs/SIGNALS.md): view first, the volatility level decides
    /// between buying and selling premium where the view leaves it open.
    public var suggestions: [Suggestion] {
        switch (trend, volLevel) {
        case (.strongBull, .high):
            return [Suggestion(strategy: "bull call spread", offset: 0, why: "strong uptrend; volatility is high, so the short call pays part of the dear premium"),
                    Suggestion(strategy: "long call", offset: 0, why: "strong uptrend: the most upside, at the dearest premium")]
        case (.strongBull, _):
            return [Suggestion(strategy: "long call", offset: 0, why: "strong uptrend and volatility not high: buy the move outright"),
                    Suggestion(strategy: "bull call spread", offset: 0, why: "strong uptrend with a cap on cost and on profit")]
        case (.moderateBull, _):
            return [Suggestion(strategy: "bull put spread", offset: -1, why: "mild uptrend: collect premium below the market, defined risk"),
                    Suggestion(strategy: "short put", offset: -1, why: "mild uptrend: a cash-secured put, paid to wait for a lower entry")]
        case (.strongBear, .high):
            return [Suggestion(strategy: "bear put spread", offset: 0, why: "strong downtrend; volatility is high, so the short put pays part of the dear premium"),
                    Suggestion(strategy: "long put", offset: 0, why: "strong downtrend: the most downside, at the dearest premium")]
        case (.strongBear, _):
            return [Suggestion(strategy: "long put", offset: 0, why: "strong downtrend and volatility not high: buy the move outright"),
                    Suggestion(strategy: "bear put spread", offset: 0, why: "strong downtrend with a cap on cost and on profit")]
        case (.moderateBear, _):
            return [Suggestion(strategy: "bear call spread", offset: 1, why: "mild downtrend: collect premium above the market, defined risk"),
                    Suggestion(strategy: "bear put spread", offset: 0, why: "mild downtrend at a defined cost")]
        case (.rangeBound, .high):
            return [Suggestion(strategy: "iron condor", offset: 0, why: "no trend and volatility high: sell premium on both sides, wings define the risk"),
                    Suggestion(strategy: "iron butterfly", offset: 0, why: "no trend and volatility high: more premium, a narrower profit zone")]
        case (.rangeBound, .low):
            return [Suggestion(strategy: "long straddle", offset: 0, why: "no trend and volatility low: options are cheap, a breakout either way pays"),
                    Suggestion(strategy: "calendar call spread", offset: 0, why: "no trend and volatility low: gains if the price stays put and volatility rises")]
        case (.rangeBound, .normal):
            return [Suggestion(strategy: "iron condor", offset: 0, why: "no trend: sell premium on both sides with defined risk"),
                    Suggestion(strategy: "calendar call spread", offset: 0, why: "no trend: time decay of the near option")]
        }
    }
}
