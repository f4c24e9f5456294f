/// The outcome of one backtest: trades, the equity curve and the rules that produced them.
public struct BacktestResult: Sendable {
    public var symbol: String
    public var strategyName: String
    public var config: BacktestConfig
    /// The protective exits in force (the configuration's, or the strategy's own).
    public var exits: ExitRules
    /// Bars of the dataset that were traded and measured.
    public var range: Range<Int>
    /// Times of the bars in `range` (element k is bar range.lowerBound + k): the axis the
    /// close and the equity lie on.
    public var axis: TimeAxis
    public var time: [Int64] { axis.time }
    /// Close of the bars in `range`.
    public var close: [Double]
    /// Equity at each bar's close, same indexing as `time`.
    public var equity: [Double]
    /// Closed trades; their bar indices are dataset indices.
    public var trades: [Trade]
    public var openTrades: [OpenTrade]
    /// First bar at which the strategy was asked to decide.
    public var firstDecisionBar: Int
    /// Bar whose close is the Buy & Hold base: the last warm-up bar (the bar before the
    /// first decision), or the first bar of the range when that is later.
    public var benchmarkBar: Int
    /// Whether the strategy could go short (a portfolio never does).
    public var shorting: Shorting = .longOnly
    /// Whether the dataset carried an adjusted-close column (prices traded are as loaded).
    public var adjusted: Bool

    public init(symbol: String, strategyName: String, config: BacktestConfig, exits: ExitRules, range: Range<Int>,
                time: [Int64], close: [Double], equity: [Double], trades: [Trade], openTrades: [OpenTrade],
                firstDecisionBar: Int, benchmarkBar: Int, adjusted: Bool) {
        self.symbol = symbol
        self.strategyName = strategyName
        self.config = config
        self.exits = exits
        self.range = range
        self.axis = TimeAxis(name: symbol, time: time)
        self.close = close
        self.equity = equity
        self.trades = trades
        self.openTrades = openTrades
        self.firstDecisionBar = firstDecisionBar
        self.benchmarkBar = benchmarkBar
        self.adjusted = adjusted
    }

    /// The equity curve as a series on the result's axis (what charts draw).
    public var equityCurve: Series { Series(axis: axis, values: equity, name: "equity") }

    /// The closes of the bars traded, on the same axis.
    public var closes: Series { Series(axis: axis, values: close, name: "close") }

    /// Where Buy & Hold is measured from, and why that bar: the same rule for every run,
    /// so the same strategy with or without `warmup` stated has the same benchmark.
    public var buyAndHold: String {
        let k = benchmarkBar - range.lowerBound
        let date = k >= 0 && k < time.count ? CivilTime.format(time[k]) : "?"
        let why = benchmarkBar > range.lowerBound
            ? "the end of the warm-up: the first bar every indicator of the strategy is defined"
            : "the first bar of the run"
        return "from the close of \(date) (\(why)) to the last close"
    }

    /// The assumptions every printed figure rests on.
    public var assumptions: Assumptions {
        Assumptions(fill: config.fill, entry: config.entry, commission: config.commission, slippageBps: config.slippageBps,
                    sizing: config.sizing, wholeUnits: config.wholeUnits, shorting: shorting, exits: exits,
                    convention: config.convention, buyAndHold: buyAndHold,
                    endOfData: config.endOfData, cash: config.cash,
                    start: time.first ?? 0, end: time.last ?? 0, bars: time.count,
                    adjustment: adjusted ? "prices as loaded; the adj_close column is not used for fills"
                                         : "prices as loaded (no adjustment column)")
    }
}

/// A readable record of the rules behind a result, printed beside the statistics.
public struct Assumptions: Sendable, Equatable {
    public var fill: FillRule
    public var entry: EntryRule
    public var commission: Commission
    public var slippageBps: Double
    public var sizing: Sizing
    public var wholeUnits: Bool
    public var shorting: Shorting = .longOnly
    public var exits: ExitRules
    /// The indicator convention (`BacktestConfig.convention`).
    public var convention: Convention = .talib
    /// `BacktestResult.buyAndHold`: the benchmark's first bar and why.
    public var buyAndHold: String = ""
    public var endOfData: EndOfData
    public var cash: Double
    public var start: Int64
    public var end: Int64
    public var bars: Int
    public var adjustment: String

    /// (name, value) lines in a fixed order.
    public var lines: [(String, String)] {
        var out: [(String, String)] = [("fill", fill.rawValue)]
        // Only when set, so market-entry results read (and export) as before.
        if entry != .market { out.append(("entry", entry.description)) }
        out += [
            ("commission", commission.description),
            ("slippage", "\(StrategyRegistry.format(slippageBps)) bp"),
            ("sizing", sizing.description + (wholeUnits ? ", whole units" : ", fractional units")),
            ("cash", StrategyRegistry.format(cash)),
            ("shorting", shorting.description),
        ]
        if let s = exits.stopLoss { out.append(("stop loss", s.description)) }
        if let t = exits.takeProfit { out.append(("take profit", t.description)) }
        if let t = exits.trailingStop { out.append(("trailing stop", t.description + " from the best close")) }
        if !exits.isEmpty { out.append(("stop and target in one bar", exits.bothTouched.rawValue)) }
        // Only when not the default, so results read (and export) as before.
        if exits.takeProfit != nil, exits.entryBarTarget != .sameBar {
            out.append(("target on the entry bar", exits.entryBarTarget.rawValue))
        }
        // Only when not the default, so results under TA-Lib's rules read as before.
        if convention != .talib { out.append(("indicators", "\(convention.rawValue) convention")) }
        if endOfData == .closeAtLastOpen, fill == .signalClose {
            out.append(("open trade at end", "closed at the close before the last bar (backtesting.py, trade on close)"))
        } else {
            out.append(("open trade at end", endOfData.rawValue))
        }
        out.append(("data", "\(CivilTime.format(start)) .. \(CivilTime.format(end)), \(bars) bars"))
        if !buyAndHold.isEmpty { out.append(("buy & hold", buyAndHold)) }
        out.append(("adjustment", adjustment))
        out.append(("risk-free rate", "0"))
        return out
    }
}
