/// Drives a broker through loaded bars in time order: each step takes the next bar time
/// present in any series and processes every series' bar at that time (open orders fill
/// or not), then lets an optional strategy signal place orders that fill on later bars.
///
/// Pure: the ledger wraps each step in one transaction (TapeData/Ledger/Ledger.swift).
public struct MarketClock: Sendable {
    public let series: [Bars]
    /// Index of the next unprocessed bar in each series.
    public private(set) var next: [Int]
    /// Time of the last bar processed, nil before the first step.
    public private(set) var cursor: Int64?

    /// A clock positioned after `cursor` (so a stored ledger resumes where it stopped).
    public init(series: [Bars], after cursor: Int64? = nil) {
        self.series = series
        self.cursor = cursor
        self.next = series.map { s in cursor.map { c in s.time.firstIndex { $0 > c } ?? s.count } ?? 0 }
    }

    /// The next bar time in any series, nil when every series is exhausted.
    public var nextTime: Int64? {
        var best: Int64?
        for (s, i) in zip(series, next) where i < s.count {
            if best.map({ s.time[i] < $0 }) ?? true { best = s.time[i] }
        }
        return best
    }

    /// Processes every series' bar at the next time; returns that time, or nil at the end.
    @discardableResult
    public mutating func advance(_ broker: inout SimBroker, signal: AutoSignal? = nil) -> Int64? {
        guard let t = nextTime else { return nil }
        var stepped: [(Int, Int)] = []
        for k in series.indices where next[k] < series[k].count && series[k].time[next[k]] == t {
            let s = series[k], i = next[k]
            broker.process(bar: PriceBar(time: t, open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i],
                                         volume: s.volume[i]), symbol: s.symbol)
            next[k] = i + 1
            stepped.append((k, i))
        }
        cursor = t
        if let signal {
            for (k, i) in stepped { act(signal, series: series[k], index: i, broker: &broker) }
        }
        return t
    }

    /// Starts a clock that has not run yet at `time` instead of at the first bar: each
    /// series' last bar at or before `time` is processed, in time order, so its price is
    /// known, and stepping goes on after `time`. Nothing can fill on those bars (an order
    /// needs a known price, so none exists before the clock starts). This is how an order
    /// placed before any `step` trades "now", at the end of the loaded data. Returns
    /// the number of series that had a bar by then.
    @discardableResult
    public mutating func start(at time: Int64, _ broker: inout SimBroker) -> Int {
        var opening: [(time: Int64, series: Int, index: Int)] = []
        for (k, s) in series.enumerated() {
            let after = s.time.firstIndex { $0 > time } ?? s.count
            if after > next[k] { opening.append((s.time[after - 1], k, after - 1)) }
            next[k] = max(next[k], after)
        }
        for o in opening.sorted(by: { ($0.time, $0.series) < ($1.time, $1.series) }) {
            let s = series[o.series], i = o.index
            broker.process(bar: PriceBar(time: s.time[i], open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i],
                                         volume: s.volume[i]), symbol: s.symbol)
        }
        cursor = max(cursor ?? time, time)
        return opening.count
    }

    /// Advances `n` bar times (fewer at the end of data); returns how many were processed.
    @discardableResult
    public mutating func step(_ n: Int, _ broker: inout SimBroker, signal: AutoSignal? = nil) -> Int {
        var done = 0
        while done < n, advance(&broker, signal: signal) != nil { done += 1 }
        return done
    }

    /// Advances through every bar time up to and including `until`.
    @discardableResult
    public mutating func run(until: Int64, _ broker: inout SimBroker, signal: AutoSignal? = nil) -> Int {
        var done = 0
        while let t = nextTime, t <= until {
            advance(&broker, signal: signal)
            done += 1
        }
        return done
    }

    private func act(_ signal: AutoSignal, series s: Bars, index i: Int, broker: inout SimBroker) {
        let symbol = s.symbol
        let held = broker.state.positions[symbol]?.quantity ?? 0
        let target = signal.decide(AutoContext(bars: s, index: i, position: held))
        let t = s.time[i]
        let market = PreTradeMarket.series(series)
        func close() {
            if held != 0 { broker.submit(OrderRequest(held > 0 ? .sell : .buy, abs(held), .stock(symbol), timeInForce: .gtc), at: t, market: market) }
        }
        switch target {
        case .hold: break
        case .flat: close()
        case .long:
            guard held <= 0 else { return }
            close()
            broker.submit(.sized(.buy, fraction: signal.fraction, .stock(symbol)), at: t, market: market)
        case .short:
            guard held >= 0 else { return }
            close()
            broker.submit(.sized(.sell, fraction: signal.fraction, .stock(symbol)), at: t, market: market)
        }
    }
}

/// What a strategy sees after a bar closes: the series up to and including `index`
/// (later bars are there but reading them would be look-ahead; `AutoSignal` is given
/// only the index it may use) and the shares currently held.
public struct AutoContext: Sendable {
    public let bars: Bars
    public let index: Int
    public let position: Double
}

/// The position a strategy wants after seeing a bar.
public enum AutoTarget: Sendable, Equatable {
    case hold, flat, long, short
}

/// `auto` mode: a per-bar strategy. `long`/`short` enter with market orders sized to
/// `fraction` of buying power (closing an opposite position first), `flat` closes;
/// every order fills at the next bar's open like any other market order.
public struct AutoSignal: Sendable {
    public var fraction: Double
    public var decide: @Sendable (AutoContext) -> AutoTarget

    public init(fraction: Double = 1, decide: @escaping @Sendable (AutoContext) -> AutoTarget) {
        self.fraction = fraction
        self.decide = decide
    }
}
