/// A trading rule the engine calls once per bar, after that bar has closed.
///
/// The engine reveals bars one at a time: at bar i the context answers for bars 0...i
/// only, so a strategy cannot look ahead by construction (backtesting.py's shape).
/// Indicators a strategy precomputes must be causal (value i from inputs 0...i) and be
/// read at index `context.index` or earlier.
public protocol Strategy {
    /// Name shown in results ("sma_cross(fast 10, slow 20)").
    var name: String { get }
    /// Index of the first bar at which every indicator the strategy reads is defined.
    /// Declared rather than inferred from the signals' NaNs: the engine first calls `next`
    /// at bar warmup + 1 (so a crossover has a defined previous bar), and Buy & Hold is
    /// bought at the close of bar `warmup` (backtesting.py's convention): the first bar
    /// the strategy could trade from, whatever the signals look like before it.
    var warmup: Int { get }
    /// Protective exits the strategy itself brings (e.g. trend_following's ATR trailing
    /// stop); used where the configuration sets none.
    var exitRules: ExitRules? { get }
    /// Whether it may go short, stated with its results.
    var shorting: Shorting { get }
    mutating func next(_ context: inout StrategyContext)
}

extension Strategy {
    public var exitRules: ExitRules? { nil }
    /// A strategy of its own may call `sell()`; nothing says it does not.
    public var shorting: Shorting { Shorting(allowed: true) }
}

/// One bar's prices as seen by a strategy.
public struct BarView: Sendable, Equatable {
    public var time: Int64
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Double
}

/// An entry order waiting to be filled.
public struct EntryOrder: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case market
        /// Fills once price trades through the level (below it for a buy, above for a sell).
        case limit(Double)
        /// Fills once price trades through the level (above it for a buy, below for a sell).
        case stop(Double)
    }
    /// +1 buy (go long), -1 sell (go short).
    public var direction: Double
    public var kind: Kind
}

/// What a strategy sees at bar `index`, and where it places orders.
///
/// Created once per run and updated in place, so the per-bar loop allocates nothing.
public struct StrategyContext {
    /// The bar just closed; every accessor refuses later bars.
    public internal(set) var index: Int
    /// Signed units held: positive long, negative short, 0 flat.
    public internal(set) var position: Double
    /// Cash plus the open position marked at this bar's close.
    public internal(set) var equity: Double

    let bars: Bars
    var pendingClose = false
    var pendingEntry: EntryOrder?

    init(bars: Bars) {
        self.bars = bars
        index = 0
        position = 0
        equity = 0
    }

    /// The bar `ago` bars back (0 = the current bar); nil before the first bar and for
    /// any later bar.
    public func bar(ago: Int = 0) -> BarView? {
        guard ago >= 0, ago <= index else { return nil }
        let j = index - ago
        return BarView(time: bars.time[j], open: bars.open[j], high: bars.high[j], low: bars.low[j],
                       close: bars.close[j], volume: bars.volume[j])
    }

    /// Close `ago` bars back; NaN when that bar is not visible.
    public func close(ago: Int = 0) -> Double {
        guard ago >= 0, ago <= index else { return .nan }
        return bars.close[index - ago]
    }

    public var isLong: Bool { position > 0 }
    public var isShort: Bool { position < 0 }
    public var isFlat: Bool { position == 0 }

    /// Go long. A market order fills per the run's fill rule; a limit or stop order rests
    /// until price reaches it. An open short is closed first (stop-and-reverse); while
    /// already long the order is ignored (one position at a time).
    public mutating func buy(limit: Double? = nil, stop: Double? = nil) {
        pendingEntry = EntryOrder(direction: 1, kind: limit.map { .limit($0) } ?? stop.map { .stop($0) } ?? .market)
    }

    /// Go short; mirror of `buy`.
    public mutating func sell(limit: Double? = nil, stop: Double? = nil) {
        pendingEntry = EntryOrder(direction: -1, kind: limit.map { .limit($0) } ?? stop.map { .stop($0) } ?? .market)
    }

    /// The limit or stop entry still waiting for its price, if any.
    public var waitingEntry: EntryOrder? { pendingEntry }

    /// Cancel a waiting entry order; the position, if any, is kept.
    public mutating func cancelEntry() {
        pendingEntry = nil
    }

    /// Close the open position at the next fill and cancel any resting entry order.
    public mutating func closePosition() {
        pendingClose = true
        pendingEntry = nil
    }
}
