import Foundation

/// The single-symbol backtest engine.
///
/// Order of events within bar i (the rules backtesting.py 0.6.6 follows, so its results
/// can be reproduced exactly; see docs/BACKTEST.md):
/// 1. market orders placed at bar i-1 fill at bar i's open (fill rule `nextOpen`); a
///    reversal closes the old trade first, then sizes the new one from the cash left;
/// 2. resting limit/stop entries fill if bar i trades through their level;
/// 3. stop-loss / take-profit / trailing stops of the open trade are checked against bar
///    i's range (a gap through a level fills at the open);
/// 4. equity is marked at bar i's close;
/// 5. the strategy sees bars 0...i and may place orders (with `signalClose` market
///    orders then fill at bar i's close and equity is re-marked);
/// 6. a trailing stop ratchets with bar i's close.
public enum Backtester {
    /// Runs `strategy` over `bars[range]` (the whole series by default). Indicators may be
    /// computed over the whole series; only bars in `range` are traded and measured, which
    /// is how walk-forward evaluates a test window without losing indicator warm-up.
    ///
    /// `cancel` is polled every `Engine.cancelStride` bars; when it returns true the run
    /// stops and throws `BacktestError.cancelled` (nothing partial is returned).
    public static func run<S: Strategy>(_ strategy: inout S, bars: Bars, config: BacktestConfig,
                                        range: Range<Int>? = nil, cancel: Cancel? = nil) throws -> BacktestResult {
        try config.validate()
        let r = range ?? 0..<bars.count
        guard !r.isEmpty, r.lowerBound >= 0, r.upperBound <= bars.count else {
            throw BacktestError.invalidData("range \(r.lowerBound)..<\(r.upperBound) is empty or outside the \(bars.count) bars")
        }
        let columns = [bars.open, bars.high, bars.low, bars.close, bars.volume]
        guard columns.allSatisfy({ $0.count == bars.count }) else {
            throw BacktestError.invalidData("columns of \(bars.symbol) differ in length")
        }
        var engine = Engine(bars: bars, config: config, range: r, exits: config.exits.isEmpty ? (strategy.exitRules ?? config.exits) : config.exits)
        engine.cancel = cancel
        // Highs and lows matter only to stops and resting entries; opens and closes are
        // checked by the engine as it reads them (a separate pass over four columns was
        // a tenth of a long backtest's time).
        if engine.hasExits || engine.placesEntries, let i = r.first(where: { !(bars.high[$0].isFinite && bars.low[$0].isFinite) }) {
            throw BacktestError.badPrice(bars, i)
        }
        engine.run(&strategy)
        if engine.cancelled { throw BacktestError.cancelled }
        if let i = engine.invalidBar { throw BacktestError.badPrice(bars, i) }
        var result = engine.result(strategyName: strategy.name, warmup: strategy.warmup)
        result.shorting = strategy.shorting
        return result
    }

    /// The signal strategy every built-in and every `backtest ... when` reduces to. Not
    /// generic, so a caller in another module (the shell, the benchmark) runs the engine
    /// specialised for it, with `next` inlined into the bar loop, rather than the generic
    /// engine calling `next` through a witness table on every bar.
    public static func run(_ strategy: inout SignalStrategy, bars: Bars, config: BacktestConfig,
                           range: Range<Int>? = nil, cancel: Cancel? = nil) throws -> BacktestResult {
        try runGeneric(&strategy, bars: bars, config: config, range: range, cancel: cancel)
    }

    @inline(__always)
    static func runGeneric<S: Strategy>(_ strategy: inout S, bars: Bars, config: BacktestConfig,
                                        range: Range<Int>?, cancel: Cancel?) throws -> BacktestResult {
        try run(&strategy, bars: bars, config: config, range: range, cancel: cancel)
    }

    /// Polled by long runs; returning true stops them with `BacktestError.cancelled`.
    /// The shell passes its Ctrl-C flag; the core never knows where the request came from.
    public typealias Cancel = @Sendable () -> Bool
}

extension BacktestError {
    /// Bar i of `bars` lacks a price a run needs (see `Engine.pricesValid`).
    static func badPrice(_ bars: Bars, _ i: Int) -> BacktestError {
        .invalidData("\(bars.symbol) bar \(i) (\(CivilTime.format(bars.time[i]))) has a missing or non-positive price")
    }
}

/// Mutable state of one run. A struct with plain fields so the bar loop stays free of
/// allocation and reference counting.
struct Engine {
    let bars: Bars
    let config: BacktestConfig
    let range: Range<Int>
    let exits: ExitRules
    let slip: Double
    let stopATR: [Double]
    let targetATR: [Double]
    let trailATR: [Double]
    let periodsPerYear: Double
    let hasExits: Bool
    let placesEntries: Bool

    var cash: Double
    var equity: [Double]
    /// The first bar whose open or close is missing or not positive; the run stops there.
    var invalidBar: Int?
    var trades: [Trade] = []
    var firstNext = 0

    // The open trade (position == 0 when flat).
    var position = 0.0
    var entryPrice = 0.0
    var entryBar = 0
    var entryCommission = 0.0
    var entryIntrabar = false
    /// The open trade was filled by a resting stop entry (its target may fill in the same bar).
    var entryByStop = false
    var stopLevel = Double.nan
    var targetLevel = Double.nan
    var trailLevel = Double.nan

    // The resting order the entry rule placed, and the last bar it may fill in.
    var placedEntry: EntryOrder?
    var entryExpiry = Int.max

    /// Asked every `cancelStride` bars whether to stop; `cancelled` records that it did.
    var cancel: Backtester.Cancel?
    var cancelled = false
    /// 4,096 bars: about 70 µs of a release build's bar loop and a few ms of a debug
    /// build's, so a Ctrl-C is felt well within 0.2 s on any series, while the check (a
    /// mask and a well-predicted branch per bar, one call per 4,096 bars) stays below
    /// the benchmark's noise.
    static let cancelStride = 1 << 12

    init(bars: Bars, config: BacktestConfig, range: Range<Int>, exits: ExitRules) {
        self.bars = bars
        self.config = config
        self.range = range
        self.exits = exits
        slip = config.slippageBps / 10_000
        func atrFor(_ d: StopDistance?) -> [Double] {
            // The catalogue's ATR under the run's convention, as `atr(14)` in an expression.
            if case .atr(_, let n)? = d {
                return (try? StrategyInputs(bars: bars, convention: config.convention).series("atr", n)) ?? Array(repeating: .nan, count: bars.count)
            }
            return []
        }
        hasExits = !exits.isEmpty
        placesEntries = config.entry != .market
        stopATR = atrFor(exits.stopLoss)
        targetATR = atrFor(exits.takeProfit)
        trailATR = atrFor(exits.trailingStop)
        // Only volatility-target sizing needs it; it costs a pass over every timestamp.
        if case .volatilityTarget = config.sizing { periodsPerYear = BacktestStatistics.periodsPerYear(bars.time) } else { periodsPerYear = 252 }
        cash = config.cash
        equity = [Double](repeating: config.cash, count: range.count)
        // Long runs: room for a trade every 16 bars up front, since growing by doubling
        // copies the array ~log2(trades) times (55,000 trades over 1M bars: ~10 MB of
        // copies plus the page faults of each new block). That block (≥ 2,048 trades,
        // ~180 KB) is mapped, not taken from the heap, so capacity never used is never
        // faulted in. Short runs (an optimiser's thousands of trials) keep a small start.
        let room = range.count / 16
        trades.reserveCapacity(room >= 2_048 ? room : 64)
    }

    /// Whether an open and a close are positive finite prices.
    @inline(__always)
    static func pricesValid(open: Double, close: Double) -> Bool {
        open > 0 && open < .infinity && close > 0 && close < .infinity
    }

    mutating func run<S: Strategy>(_ strategy: inout S) {
        firstNext = max(strategy.warmup + 1, range.lowerBound)
        // Warm-up bars are not traded but are measured (Buy & Hold, Beta).
        if let bad = (range.lowerBound..<min(firstNext, range.upperBound)).first(where: { !Self.pricesValid(open: bars.open[$0], close: bars.close[$0]) }) {
            invalidBar = bad
            return
        }
        // The bar loop reads opens and closes and writes equity through unchecked pointers
        // (`Backtester.run` has checked the range against the columns): array subscripts
        // cost a bounds check a read, and writing the equity held in `self` a uniqueness
        // check a bar. The equity leaves `self` meanwhile, as a mutating method may not
        // lend out part of itself.
        var marks = equity
        equity = []
        let open = bars.open, close = bars.close
        open.withUnsafeBufferPointer { op in
            close.withUnsafeBufferPointer { cl in
                marks.withUnsafeMutableBufferPointer { eq in
                    barLoop(&strategy, open: op, close: cl, marks: eq)
                }
            }
        }
        equity = marks
    }

    /// Bars firstNext..<range.upperBound in order (the rules in `Backtester`'s comment),
    /// then the end-of-data rule. `marks[k]` is the equity of bar `range.lowerBound + k`.
    @inline(__always)
    mutating func barLoop<S: Strategy>(_ strategy: inout S, open: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                                       marks: UnsafeMutableBufferPointer<Double>) {
        var ctx = StrategyContext(bars: bars)
        let o = range.lowerBound
        var i = firstNext
        while i < range.upperBound {
            if i & (Self.cancelStride - 1) == 0, let cancel, cancel() {
                cancelled = true
                return
            }
            let c = close[i], op = open[i]
            guard Self.pricesValid(open: op, close: c) else {
                invalidBar = i
                return
            }
            if config.fill == .nextOpen { fillMarket(&ctx, at: i, price: op) }
            // Tested here so the common case (nothing resting, no stops) costs no call.
            if ctx.pendingEntry != nil {
                fillResting(&ctx, at: i)
                // Its last bar has passed without a fill: cancelled.
                if i >= entryExpiry, ctx.pendingEntry != nil, ctx.pendingEntry == placedEntry { ctx.pendingEntry = nil }
            }
            if hasExits && position != 0 { checkExits(at: i) }
            var eq = markedEquity(close: c)
            if eq <= 0 {
                // Ruined: backtesting.py closes everything at this close and stops.
                if position != 0 { closePosition(at: i, price: c, reason: .outOfMoney) }
                cash = 0
                for k in (i - o)..<marks.count { marks[k] = 0 }
                return
            }
            marks[i - o] = eq
            ctx.index = i
            ctx.position = position
            ctx.equity = eq
            strategy.next(&ctx)
            // Before the close fill below, so a converted entry does not fill at this close.
            if placesEntries { placeEntry(&ctx, at: i) }
            if config.fill == .signalClose, ctx.pendingClose || ctx.pendingEntry?.kind == .market {
                fillMarket(&ctx, at: i, price: c)
                eq = markedEquity(close: c)
                marks[i - o] = eq
            }
            ratchetTrail(at: i)
            i += 1
        }
        let last = range.upperBound - 1
        guard position != 0, firstNext <= last else { return }
        switch config.endOfData {
        case .leaveOpen: break
        case .closeAtLastOpen where config.fill == .signalClose:
            // backtesting.py re-runs its broker on the last bar, whose "previous close"
            // (the price trade_on_close fills market orders at) is the bar before's.
            let bar = max(last - 1, entryBar)
            closePosition(at: bar, price: close[bar], reason: .endOfData)
            marks[last - o] = cash
        case .closeAtLastOpen:
            closePosition(at: last, price: open[last], reason: .endOfData)
            marks[last - o] = cash
        case .closeAtLastClose:
            closePosition(at: last, price: close[last], reason: .endOfData)
            marks[last - o] = cash
        }
    }

    /// Cash plus the open position marked at `close`.
    @inline(__always)
    func markedEquity(close: Double) -> Double {
        position == 0 ? cash : cash + position * (close - entryPrice)
    }

    /// Market orders: the close request (or a reversal) first, then the entry.
    @inline(__always)
    mutating func fillMarket(_ ctx: inout StrategyContext, at i: Int, price: Double) {
        if ctx.pendingClose {
            ctx.pendingClose = false
            if position != 0 { closePosition(at: i, price: price, reason: .signal) }
        }
        guard let order = ctx.pendingEntry, order.kind == .market else { return }
        ctx.pendingEntry = nil
        if position * order.direction < 0 { closePosition(at: i, price: price, reason: .signal) }
        if position == 0 { openPosition(direction: order.direction, at: i, price: price, intrabar: false) }
    }

    /// The entry rule turns a market entry decided at bar i into a limit or stop priced off
    /// bar i's close that may fill during bars i+1 ... i+lifetime. A market entry left
    /// pending after `next` is always new: older ones were filled or cleared before it.
    mutating func placeEntry(_ ctx: inout StrategyContext, at i: Int) {
        guard let order = ctx.pendingEntry, order.kind == .market else { return }
        let placed = EntryOrder(direction: order.direction, kind: config.entry.level(direction: order.direction, close: bars.close[i]))
        ctx.pendingEntry = placed
        placedEntry = placed
        entryExpiry = i + config.entry.lifetime
    }

    /// Resting limit and stop entries, active from the bar after they were placed. Levels
    /// must be crossed, not merely touched (backtesting.py's strict comparisons); a gap
    /// beyond the level fills at the open.
    mutating func fillResting(_ ctx: inout StrategyContext, at i: Int) {
        guard let order = ctx.pendingEntry else { return }
        let open = bars.open[i], high = bars.high[i], low = bars.low[i]
        let long = order.direction > 0
        var fill = Double.nan
        switch order.kind {
        case .market: return
        case .limit(let level):
            if long ? low < level : high > level { fill = long ? min(open, level) : max(open, level) }
        case .stop(let level):
            if long ? high > level : low < level { fill = long ? max(open, level) : min(open, level) }
        }
        guard !fill.isNaN else { return }
        ctx.pendingEntry = nil
        if position * order.direction < 0 { closePosition(at: i, price: fill, reason: .signal) }
        if position == 0 {
            openPosition(direction: order.direction, at: i, price: fill, intrabar: true)
            if case .stop = order.kind { entryByStop = true }
        }
    }

    /// Price distance of a stop rule, from the reference price and the ATR known at bar k.
    @inline(__always)
    func distance(_ d: StopDistance, reference: Double, atr: [Double], at k: Int) -> Double {
        switch d {
        case .amount(let a): return a
        case .percent(let p): return reference * p
        case .atr(let m, _): return k >= 0 && k < atr.count ? m * atr[k] : .nan
        }
    }

    mutating func openPosition(direction d: Double, at i: Int, price: Double, intrabar: Bool) {
        let fill = price * (1 + d * slip)
        // Estimates use what was known before the fill: bar i-1 for fills during bar i,
        // bar i itself for fills at its close.
        let known = (config.fill == .signalClose && !intrabar) ? i : i - 1
        let units = size(direction: d, price: fill, knownBar: known)
        guard units > 0, units.isFinite else { return }
        let commission = config.commission.cost(units: units, price: fill)
        cash -= commission
        position = d * units
        entryPrice = fill
        entryBar = i
        entryCommission = commission
        entryIntrabar = intrabar
        entryByStop = false
        stopLevel = exits.stopLoss.map { fill - d * distance($0, reference: fill, atr: stopATR, at: known) } ?? .nan
        targetLevel = exits.takeProfit.map { fill + d * distance($0, reference: fill, atr: targetATR, at: known) } ?? .nan
        trailLevel = exits.trailingStop.map { fill - d * distance($0, reference: fill, atr: trailATR, at: known) } ?? .nan
    }

    /// Units to buy at `price` under the sizing rule, from the margin available (equity
    /// less margin held by open trades; all cash here, as a reversal has already closed
    /// the old trade). Never more than that margin affords: no leverage.
    func size(direction d: Double, price: Double, knownBar k: Int) -> Double {
        let c = config.commission
        let available = max(0, cash)
        // Cost of one more unit, commission included; backtesting.py divides by
        // price + commission(size, price)/size, which for a percentage is price·(1+p).
        let perUnit = price + price * c.percent + c.perShare
        func affordable(_ money: Double) -> Double { max(0, money - c.perOrder) / perUnit }
        var units: Double
        switch config.sizing {
        case .fractionOfEquity(let f):
            units = affordable(available * f)
        case .fixedQuantity(let q):
            units = min(q, affordable(available))
        case .fixedCash(let amount):
            units = affordable(min(amount, available))
        case .volatilityTarget(let target, let lookback):
            let (_, sd) = returnMoments(endingAt: k, lookback: lookback)
            let annual = sd * periodsPerYear.squareRoot()
            guard annual > 0, annual.isFinite else { return 0 }
            units = affordable(min(available * target / annual, available))
        case .kelly(let fraction, let lookback):
            let (mean, sd) = returnMoments(endingAt: k, lookback: lookback)
            guard sd > 0, sd.isFinite else { return 0 }
            let k = min(max(fraction * d * mean / (sd * sd), 0), 1)
            units = affordable(available * k)
        }
        return config.wholeUnits ? units.rounded(.down) : units
    }

    /// Mean and sample standard deviation of the last `lookback` close-to-close returns
    /// ending at bar k; (NaN, NaN) without enough history.
    func returnMoments(endingAt k: Int, lookback n: Int) -> (Double, Double) {
        guard k - n >= 0, n >= 2 else { return (.nan, .nan) }
        var sum = 0.0, sq = 0.0
        for j in (k - n + 1)...k {
            let r = bars.close[j] / bars.close[j - 1] - 1
            sum += r
            sq += r * r
        }
        let mean = sum / Double(n)
        let variance = max(0, (sq - Double(n) * mean * mean) / Double(n - 1))
        return (mean, variance.squareRoot())
    }

    mutating func closePosition(at i: Int, price: Double, reason: ExitReason) {
        let d: Double = position > 0 ? 1 : -1
        let exit = price * (1 - d * slip)
        let commission = config.commission.cost(units: position, price: exit)
        let gross = position * (exit - entryPrice)
        cash += gross - commission
        let total = entryCommission + commission
        // Times are filled in by `result()` in one forward sweep: reading `bars.time` here,
        // an array the bar loop never touches, cost a cache miss per trade (~4 ns a bar).
        trades.append(Trade(size: position, entryBar: entryBar, exitBar: i, entryTime: 0, exitTime: 0,
                            entryPrice: entryPrice, exitPrice: exit, pnl: gross - total, commission: total,
                            returnPct: d * (exit / entryPrice - 1) - total / (abs(position) * entryPrice),
                            exitReason: reason))
        position = 0
        stopLevel = .nan
        targetLevel = .nan
        trailLevel = .nan
    }

    /// Stop, trailing stop and target against bar i's range.
    @inline(__always)
    mutating func checkExits(at i: Int) {
        guard position != 0, !(stopLevel.isNaN && targetLevel.isNaN && trailLevel.isNaN) else { return }
        let open = bars.open[i], high = bars.high[i], low = bars.low[i]
        let long = position > 0
        // The tighter of the fixed and trailing stop.
        var stop = stopLevel, stopReason = ExitReason.stopLoss
        if !trailLevel.isNaN && (stop.isNaN || (long ? trailLevel > stop : trailLevel < stop)) {
            stop = trailLevel
            stopReason = .trailingStop
        }
        let target = targetLevel
        // A trade entered inside this bar cannot be judged against the rest of it: the bar
        // does not say whether the low came before or after the fill. Except (backtesting.py)
        // a stop entry's target reached with the stop-loss strictly out of the bar's range:
        // the price went the target's way to fill the entry, and never came back to the stop.
        if entryBar == i && entryIntrabar {
            guard entryByStop, exits.entryBarTarget == .sameBar, !target.isNaN,
                  long ? high >= target : low <= target,
                  stop.isNaN || (long ? stop < low : stop > high) else { return }
            closePosition(at: i, price: long ? max(open, target) : min(open, target), reason: .takeProfit)
            return
        }
        if !stop.isNaN && (long ? open <= stop : open >= stop) {
            closePosition(at: i, price: open, reason: stopReason)
            return
        }
        if !target.isNaN && (long ? open >= target : open <= target) {
            closePosition(at: i, price: open, reason: .takeProfit)
            return
        }
        let stopHit = !stop.isNaN && (long ? low <= stop : high >= stop)
        let targetHit = !target.isNaN && (long ? high >= target : low <= target)
        if stopHit && (!targetHit || exits.bothTouched == .stopFirst) {
            closePosition(at: i, price: stop, reason: stopReason)
        } else if targetHit {
            closePosition(at: i, price: target, reason: .takeProfit)
        }
    }

    /// Trailing stop follows the best close since entry; it never loosens.
    @inline(__always)
    mutating func ratchetTrail(at i: Int) {
        guard position != 0, let rule = exits.trailingStop else { return }
        let c = bars.close[i]
        let dist = distance(rule, reference: c, atr: trailATR, at: i)
        guard dist.isFinite else { return }
        if position > 0 {
            let level = c - dist
            if trailLevel.isNaN || level > trailLevel { trailLevel = level }
        } else {
            let level = c + dist
            if trailLevel.isNaN || level < trailLevel { trailLevel = level }
        }
    }

    mutating func result(strategyName: String, warmup: Int) -> BacktestResult {
        let last = range.upperBound - 1
        // Trades' bars lie in `range`, inside the time column (checked once here rather
        // than on every read).
        if range.upperBound <= bars.time.count {
            bars.time.withUnsafeBufferPointer { t in
                trades.withUnsafeMutableBufferPointer { tr in
                    for k in tr.indices {
                        tr[k].entryTime = t[tr[k].entryBar]
                        tr[k].exitTime = t[tr[k].exitBar]
                    }
                }
            }
        }
        var open: [OpenTrade] = []
        if position != 0 {
            open.append(OpenTrade(size: position, entryBar: entryBar, entryTime: bars.time[entryBar],
                                  entryPrice: entryPrice, entryCommission: entryCommission,
                                  unrealizedPnL: position * (bars.close[last] - entryPrice)))
        }
        let benchmark = min(max(firstNext - 1, range.lowerBound), last)
        return BacktestResult(symbol: bars.symbol, strategyName: strategyName, config: config, exits: exits,
                              range: range,
                              // The whole series shares its storage; a sub-range is copied.
                              time: range.count == bars.count ? bars.time : Array(bars.time[range]),
                              close: range.count == bars.count ? bars.close : Array(bars.close[range]),
                              equity: equity, trades: trades, openTrades: open,
                              firstDecisionBar: firstNext, benchmarkBar: benchmark,
                              adjusted: bars.adjClose != nil)
    }
}
