import TapeCore

/// What a stream has said so far, built only from the frames of a `StreamTape` in
/// order: the last trade and quote of each symbol, minute bars built from its trades and
/// the feed's own minute bars, and every problem, counted by kind. Live and replay feed
/// it the same items, so both end in the same state.
public struct LiveBook: Sendable {
    public struct MinuteBar: Equatable, Sendable {
        /// Start of the minute, seconds since 1970 (UTC).
        public var time: Int64
        public var open, high, low, close, volume: Double
    }

    public struct Symbol: Sendable {
        public var last = Double.nan, bid = Double.nan, ask = Double.nan
        public var lastTime: Int64 = 0
        public var trades = 0, quotes = 0
        /// Whole minutes built from trades (the minute in progress is `building`).
        public var builtBars: [MinuteBar] = []
        public var building: MinuteBar?
        /// The feed's own minute bars.
        public var feedBars: [MinuteBar] = []
    }

    public private(set) var symbols: [String: Symbol] = [:]
    /// Malformed frames and messages Tape does not read, by kind, with their counts; the
    /// first of each kind is what `newProblems` reports.
    public private(set) var problems: [String: Int] = [:]
    public private(set) var newProblems: [String] = []
    /// Stream errors (`T: error`) and Tape's connection events, in order.
    public private(set) var errors: [String] = []
    public private(set) var events: [String] = []
    /// Market-data messages read (trades, quotes, bars).
    public private(set) var marketMessages = 0
    public private(set) var frames = 0

    public init() {}

    /// Reads one item; returns the market-data messages in it (for a strategy to act on).
    @discardableResult
    public mutating func apply(_ item: StreamTape.Item) -> [AlpacaStreamMessage] {
        guard item.kind == .frame else {
            events.append(item.text)
            return []
        }
        frames += 1
        let messages: [AlpacaStreamMessage]
        do {
            messages = try AlpacaStreamParser.parse(item.text)
        } catch {
            problem("malformed JSON")
            return []
        }
        var market: [AlpacaStreamMessage] = []
        for m in messages {
            switch m {
            case let .trade(s, p, size, t):
                update(s) { sym in
                    sym.last = p; sym.lastTime = t; sym.trades += 1
                    LiveBook.addTrade(&sym, price: p, size: size, time: t)
                }
                market.append(m)
            case let .quote(s, bid, _, ask, _, t):
                update(s) { sym in sym.bid = bid; sym.ask = ask; sym.quotes += 1; sym.lastTime = max(sym.lastTime, t) }
                market.append(m)
            case let .bar(s, o, h, l, c, v, t):
                update(s) { sym in sym.feedBars.append(MinuteBar(time: t / 1_000_000_000, open: o, high: h, low: l, close: c, volume: v)) }
                market.append(m)
            case let .error(code, message):
                errors.append("error \(code): \(message)")
            case let .unknown(kind):
                problem("unknown message \"\(kind)\"")
            case .success, .subscription:
                break
            }
        }
        marketMessages += market.count
        return market
    }

    /// Forgets which problems were reported (the caller printed them).
    public mutating func takeNewProblems() -> [String] {
        defer { newProblems.removeAll() }
        return newProblems
    }

    private mutating func problem(_ kind: String) {
        problems[kind, default: 0] += 1
        if problems[kind] == 1 { newProblems.append(kind) }
    }

    private mutating func update(_ s: String, _ change: (inout Symbol) -> Void) {
        var sym = symbols[s] ?? Symbol()
        change(&sym)
        symbols[s] = sym
    }

    /// A trade into the minute it falls in; a trade of a later minute closes the one
    /// being built (a trade of an earlier minute, out of order, still counts in it).
    static func addTrade(_ sym: inout Symbol, price p: Double, size: Double, time t: Int64) {
        let minute = CivilTime.floorDiv(t / 1_000_000_000, 60) * 60
        if var b = sym.building, minute <= b.time {
            b.high = max(b.high, p); b.low = min(b.low, p); b.close = p; b.volume += size
            sym.building = b
            return
        }
        if let done = sym.building { sym.builtBars.append(done) }
        sym.building = MinuteBar(time: minute, open: p, high: p, low: p, close: p, volume: size)
    }

    /// The minute bars of `symbol` as TapeCore bars: the feed's own (`feed`) or those built
    /// from trades, with the minute in progress last unless `closedOnly`.
    public func bars(_ symbol: String, feed: Bool, closedOnly: Bool = false) -> Bars {
        let sym = symbols[symbol]
        var list = feed ? sym?.feedBars ?? [] : sym?.builtBars ?? []
        if !feed, !closedOnly, let b = sym?.building { list.append(b) }
        return Bars(symbol: symbol, time: list.map(\.time), open: list.map(\.open), high: list.map(\.high), low: list.map(\.low),
                    close: list.map(\.close), volume: list.map(\.volume))
    }
}
