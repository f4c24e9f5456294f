/// Labelled market cycles of the US stock market, with their dates and where the dates
/// come from, usable as a series (`cycle` in expressions: the cycle's number at each bar)
/// and by `stats by cycle`.
///
/// Turning points are S&P 500 closing highs and lows (S&P Dow Jones Indices' published
/// closes, as tabulated in Yardeni Research's "S&P 500 Bull & Bear Markets"); the
/// recessions named are the NBER's business-cycle dates. A cycle runs from its start up
/// to (not including) its end, where the next begins; the last has no end yet.
public struct MarketCycle: Sendable, Equatable {
    public enum Kind: String, Sendable { case bull, bear }
    public var name: String
    public var title: String
    public var kind: Kind
    public var start: Int64
    /// Nil for the cycle under way.
    public var end: Int64?
    public var source: String

    init(_ name: String, _ title: String, _ kind: Kind, _ start: (Int, Int, Int), _ end: (Int, Int, Int)?, _ source: String) {
        self.name = name
        self.title = title
        self.kind = kind
        self.start = CivilTime.days(year: start.0, month: start.1, day: start.2) * CivilTime.secondsPerDay
        self.end = end.map { CivilTime.days(year: $0.0, month: $0.1, day: $0.2) * CivilTime.secondsPerDay }
        self.source = source
    }

    public func contains(_ t: Int64) -> Bool { t >= start && end.map { t < $0 } ?? true }
}

public enum MarketCycles {
    public static let all: [MarketCycle] = [
        MarketCycle("crash_1987", "1987 crash", .bear, (1987, 8, 25), (1987, 12, 4),
                    "S&P 500 high 336.77 on 1987-08-25, Black Monday -20.5% on 1987-10-19, low 223.92 on 1987-12-04"),
        MarketCycle("nineties_bull", "1990s bull market", .bull, (1987, 12, 4), (1995, 1, 1),
                    "S&P 500 from its 1987-12-04 low, through the 1990 bear market of -19.9% (not quite 20%)"),
        MarketCycle("dotcom_boom", "dot-com boom", .bull, (1995, 1, 1), (2000, 3, 24),
                    "the internet boom from 1995 (Shiller, Irrational Exuberance, 2000) to the S&P 500 high of 1527.46 on 2000-03-24"),
        MarketCycle("dotcom_bust", "dot-com bust", .bear, (2000, 3, 24), (2002, 10, 9),
                    "S&P 500 1527.46 (2000-03-24) to 776.76 (2002-10-09), -49.1%; NBER recession 2001-03 to 2001-11"),
        MarketCycle("housing_bull", "mid-2000s bull market", .bull, (2002, 10, 9), (2007, 10, 9),
                    "S&P 500 776.76 (2002-10-09) to 1565.15 (2007-10-09)"),
        MarketCycle("financial_crisis", "2008 financial crisis", .bear, (2007, 10, 9), (2009, 3, 9),
                    "S&P 500 1565.15 (2007-10-09) to 676.53 (2009-03-09), -56.8%; NBER recession 2007-12 to 2009-06"),
        MarketCycle("recovery", "post-crisis recovery", .bull, (2009, 3, 9), (2020, 2, 19),
                    "S&P 500 676.53 (2009-03-09) to 3386.15 (2020-02-19), the longest bull market on record"),
        MarketCycle("covid_crash", "COVID crash", .bear, (2020, 2, 19), (2020, 3, 23),
                    "S&P 500 3386.15 (2020-02-19) to 2237.40 (2020-03-23), -33.9% in 23 trading days; NBER recession 2020-02 to 2020-04"),
        MarketCycle("covid_rebound", "pandemic rebound", .bull, (2020, 3, 23), (2022, 1, 3),
                    "S&P 500 2237.40 (2020-03-23) to 4796.56 (2022-01-03)"),
        MarketCycle("rate_shock", "2022 rate shock", .bear, (2022, 1, 3), (2022, 10, 12),
                    "S&P 500 4796.56 (2022-01-03) to 3577.03 (2022-10-12), -25.4%, as the Fed raised its target from 0.25% to 3.25%"),
        MarketCycle("ai_boom", "AI boom", .bull, (2022, 10, 12), nil,
                    "S&P 500 low of 3577.03 (2022-10-12); ChatGPT's release on 2022-11-30 (OpenAI) began the AI-led rally"),
    ]

    public static func named(_ name: String) -> MarketCycle? { all.first { $0.name == name.lowercased() } }

    /// The cycle number (1 for the first of `all`) at each time, NaN outside every cycle.
    public static func numbers(_ time: [Int64]) -> [Double] {
        time.map { t in all.firstIndex { $0.contains(t) }.map { Double($0 + 1) } ?? .nan }
    }
}
