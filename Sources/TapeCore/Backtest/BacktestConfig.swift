import Foundation

/// When a market order placed at bar i is filled.
public enum FillRule: String, Sendable, Equatable {
    /// At bar i+1's open: the decision used bar i's close, so it cannot also trade at it
    /// (backtesting.py's default, `trade_on_close=False`).
    case nextOpen = "next bar open"
    /// At bar i's own close (`trade_on_close=True`): optimistic, for end-of-day signals
    /// that really are executed in the closing auction.
    case signalClose = "signal bar close"
}

/// Which exit counts when one bar's range reaches both the stop and the target: the bar
/// does not say which came first, so the default assumes the worse one.
public enum BothTouchedRule: String, Sendable, Equatable {
    case stopFirst = "stop first"
    case targetFirst = "target first"
}

/// Whether a take-profit can fill on the bar where a stop entry filled. Stop and target
/// lie in the direction the price moved to fill the entry, so a bar that reached the
/// target without touching the stop-loss is not ambiguous.
public enum EntryBarTarget: String, Sendable, Equatable {
    /// backtesting.py's rule: on the fill bar of a stop entry (not a limit entry), the
    /// take-profit fills when the bar reached it and stayed strictly inside the stop-loss.
    case sameBar = "checked on a stop entry's bar"
    /// The target, like the stop, is judged from the next bar on.
    case nextBar = "from the bar after the entry"
}

/// Costs of one order: a share of traded value, an amount per unit, and a fixed fee.
public struct Commission: Sendable, Equatable {
    /// Fraction of traded value (0.002 = 0.2%).
    public var percent: Double
    public var perShare: Double
    public var perOrder: Double

    public init(percent: Double = 0, perShare: Double = 0, perOrder: Double = 0) {
        self.percent = percent
        self.perShare = perShare
        self.perOrder = perOrder
    }

    /// Cost of trading `units` (sign ignored) at `price`; nothing when nothing trades.
    @inline(__always)
    public func cost(units: Double, price: Double) -> Double {
        let q = abs(units)
        return q == 0 ? 0 : q * price * percent + q * perShare + perOrder
    }

    public var isZero: Bool { percent == 0 && perShare == 0 && perOrder == 0 }

    public var description: String {
        var parts: [String] = []
        if percent != 0 { parts.append("\(StrategyRegistry.format(percent * 100))% of value") }
        if perShare != 0 { parts.append("\(StrategyRegistry.format(perShare)) per unit") }
        if perOrder != 0 { parts.append("\(StrategyRegistry.format(perOrder)) per order") }
        return parts.isEmpty ? "none" : parts.joined(separator: " + ")
    }
}

/// How many units an entry buys.
public enum Sizing: Sendable, Equatable {
    /// This fraction of the margin available (equity less margin held by open trades).
    /// backtesting.py's default is 1 - 2^-52 ("all of it", kept below 1 so it reads as a
    /// fraction rather than one unit).
    case fractionOfEquity(Double)
    /// A fixed number of units.
    case fixedQuantity(Double)
    /// A fixed amount of money per entry (commission included).
    case fixedCash(Double)
    /// Enough units that the position's annualised volatility (from the last `lookback`
    /// bar returns) equals `annualVolatility` of equity, never more than the margin allows.
    case volatilityTarget(annualVolatility: Double, lookback: Int)
    /// `fraction` of the Kelly fraction mean/variance of the last `lookback` bar returns,
    /// clamped to 0...1 of equity.
    case kelly(fraction: Double, lookback: Int)

    /// backtesting.py's default order size.
    public static let backtestingPyDefault = Sizing.fractionOfEquity(1 - 0x1p-52)

    public var description: String {
        switch self {
        case .fractionOfEquity(let f):
            return f == 1 - 0x1p-52 ? "all available equity" : "\(StrategyRegistry.format(f * 100))% of available equity"
        case .fixedQuantity(let q): return "\(StrategyRegistry.format(q)) units"
        case .fixedCash(let c): return "\(StrategyRegistry.format(c)) cash per entry"
        case .volatilityTarget(let v, let n): return "volatility target \(StrategyRegistry.format(v * 100))% (lookback \(n))"
        case .kelly(let f, let n): return "\(StrategyRegistry.format(f)) x Kelly (lookback \(n))"
        }
    }
}

/// A distance from a reference price: used for stop-loss, take-profit and trailing stops.
public enum StopDistance: Sendable, Equatable {
    case amount(Double)
    /// Fraction of the reference price (0.05 = 5%).
    case percent(Double)
    /// Multiple of Wilder's ATR over `period` bars, as known at the last completed bar.
    case atr(multiple: Double, period: Int)

    public var description: String {
        switch self {
        case .amount(let a): return StrategyRegistry.format(a)
        case .percent(let p): return "\(StrategyRegistry.format(p * 100))%"
        case .atr(let m, let n): return "\(StrategyRegistry.format(m)) x ATR(\(n))"
        }
    }
}

/// How the engine places the entries a strategy asks for at market: as they are, or as a
/// resting limit or stop order priced off the signal bar's close.
///
/// A limit waits for a better price (below the close for a long, above for a short); a
/// stop waits for confirmation (above the close for a long, below for a short). The
/// order is placed after bar i closes, can fill during bars i+1 ... i+bars, and is then
/// cancelled. Fills follow the engine's resting-order rule: the bar must trade through
/// the level, and a gap past it fills at the open. Exits stay market orders.
public enum EntryRule: Sendable, Equatable {
    case market
    /// `offset` is `.amount` (price units) or `.percent` (of the signal close).
    case limit(offset: StopDistance, bars: Int)
    case stop(offset: StopDistance, bars: Int)

    public var description: String {
        switch self {
        case .market: return "market"
        case .limit(let d, let n): return Self.describe("limit", d, n, "below", "above")
        case .stop(let d, let n): return Self.describe("stop", d, n, "above", "below")
        }
    }

    static func describe(_ kind: String, _ d: StopDistance, _ n: Int, _ long: String, _ short: String) -> String {
        "\(kind) \(d.description) \(long) the signal close (\(short) for shorts), good for \(n) bar\(n == 1 ? "" : "s"); "
            + "fills once a bar trades through it, at the open on a gap"
    }

    /// Price of the resting order for an entry in `direction` (+1 long, -1 short) decided
    /// at `close`: a limit sits on the favourable side, a stop on the other.
    @inline(__always)
    func level(direction d: Double, close: Double) -> EntryOrder.Kind {
        func dist(_ o: StopDistance) -> Double {
            if case .percent(let p) = o { return close * p }
            if case .amount(let a) = o { return a }
            return .nan
        }
        switch self {
        case .market: return .market
        case .limit(let o, _): return .limit(close - d * dist(o))
        case .stop(let o, _): return .stop(close + d * dist(o))
        }
    }

    var lifetime: Int {
        switch self {
        case .market: return 0
        case .limit(_, let n), .stop(_, let n): return n
        }
    }
}

/// Protective exits attached to every trade the engine opens.
public struct ExitRules: Sendable, Equatable {
    public var stopLoss: StopDistance?
    public var takeProfit: StopDistance?
    /// Trails the best close since entry by this distance; only ever tightens.
    public var trailingStop: StopDistance?
    public var bothTouched: BothTouchedRule
    /// The take-profit on the bar a resting stop entry filled in (backtesting.py's by default).
    public var entryBarTarget: EntryBarTarget

    public init(stopLoss: StopDistance? = nil, takeProfit: StopDistance? = nil,
                trailingStop: StopDistance? = nil, bothTouched: BothTouchedRule = .stopFirst,
                entryBarTarget: EntryBarTarget = .sameBar) {
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.trailingStop = trailingStop
        self.bothTouched = bothTouched
        self.entryBarTarget = entryBarTarget
    }

    public var isEmpty: Bool { stopLoss == nil && takeProfit == nil && trailingStop == nil }
}

/// What happens to a trade still open after the last bar.
public enum EndOfData: String, Sendable, Equatable {
    /// Stays open: its unrealised PnL is in the final equity but it is not a closed trade
    /// (backtesting.py's default, `finalize_trades=False`).
    case leaveOpen = "left open"
    /// backtesting.py's `finalize_trades=True`: closed at the last bar's open; with the
    /// `signalClose` fill rule (`trade_on_close=True`) at the close of the bar before the
    /// last, the previous close its final broker pass fills market orders at (a trade
    /// entered at the last close itself is closed there).
    case closeAtLastOpen = "closed at last bar's open"
    /// Closed at the last bar's close.
    case closeAtLastClose = "closed at last bar's close"
}

/// Everything that decides a backtest's numbers besides the data and the strategy.
public struct BacktestConfig: Sendable, Equatable {
    public var cash: Double
    public var commission: Commission
    /// Adverse price adjustment of every fill, in basis points (buys pay more, sells get less).
    public var slippageBps: Double
    public var fill: FillRule
    public var sizing: Sizing
    /// Whole units only (backtesting.py), or fractional units.
    public var wholeUnits: Bool
    public var exits: ExitRules
    public var endOfData: EndOfData
    /// How market entries are placed; `.market` leaves them as the strategy asked.
    public var entry: EntryRule
    /// The indicator convention of the built-in strategies' indicators and the ATR stops:
    /// the shell's `set convention`, which its expressions follow too.
    public var convention: Convention

    public init(cash: Double = 10_000, commission: Commission = Commission(), slippageBps: Double = 0,
                fill: FillRule = .nextOpen, sizing: Sizing = .backtestingPyDefault, wholeUnits: Bool = true,
                exits: ExitRules = ExitRules(), endOfData: EndOfData = .leaveOpen, entry: EntryRule = .market,
                convention: Convention = .talib) {
        self.cash = cash
        self.commission = commission
        self.slippageBps = slippageBps
        self.fill = fill
        self.sizing = sizing
        self.wholeUnits = wholeUnits
        self.exits = exits
        self.endOfData = endOfData
        self.entry = entry
        self.convention = convention
    }

    /// Rejects settings no backtest can run with, naming the setting.
    /// The cost rules every run shares (single-symbol and portfolio).
    static func validateCosts(commission c: Commission, slippageBps: Double) throws {
        guard c.percent.isFinite, c.percent >= 0, c.percent < 1, c.perShare.isFinite, c.perShare >= 0,
              c.perOrder.isFinite, c.perOrder >= 0 else {
            throw BacktestError.invalidConfig("commission must be non-negative (and a percentage below 100%)")
        }
        guard slippageBps.isFinite, slippageBps >= 0, slippageBps < 10_000 else {
            throw BacktestError.invalidConfig("slippage must be between 0 and 10000 bp, got \(slippageBps)")
        }
    }

    public func validate() throws {
        guard cash.isFinite, cash > 0 else { throw BacktestError.invalidConfig("cash must be a positive amount, got \(cash)") }
        try Self.validateCosts(commission: commission, slippageBps: slippageBps)
        switch sizing {
        case .fractionOfEquity(let f):
            guard f > 0, f <= 1 else { throw BacktestError.invalidConfig("size fraction must be in (0, 1], got \(f)") }
        case .fixedQuantity(let q):
            guard q.isFinite, q > 0 else { throw BacktestError.invalidConfig("size quantity must be positive, got \(q)") }
        case .fixedCash(let c):
            guard c.isFinite, c > 0 else { throw BacktestError.invalidConfig("size cash must be positive, got \(c)") }
        case .volatilityTarget(let v, let n):
            guard v.isFinite, v > 0, n >= 2 else { throw BacktestError.invalidConfig("volatility target needs a positive target and a lookback of at least 2 bars") }
        case .kelly(let f, let n):
            guard f.isFinite, f > 0, f <= 1, n >= 2 else { throw BacktestError.invalidConfig("Kelly sizing needs a fraction in (0, 1] and a lookback of at least 2 bars") }
        }
        for d in [exits.stopLoss, exits.takeProfit, exits.trailingStop].compactMap({ $0 }) {
            switch d {
            case .amount(let a): guard a.isFinite, a > 0 else { throw BacktestError.invalidConfig("stop distance must be positive, got \(a)") }
            case .percent(let p): guard p.isFinite, p > 0, p < 1 else { throw BacktestError.invalidConfig("stop percentage must be in (0%, 100%), got \(p * 100)%") }
            case .atr(let m, let n): guard m.isFinite, m > 0, n >= 1 else { throw BacktestError.invalidConfig("ATR stop needs a positive multiple and period") }
            }
        }
        switch entry {
        case .market: break
        case .limit(let d, let n), .stop(let d, let n):
            switch d {
            case .amount(let a): guard a.isFinite, a >= 0 else { throw BacktestError.invalidConfig("entry offset must be zero or positive, got \(a)") }
            case .percent(let p): guard p.isFinite, p >= 0, p < 1 else { throw BacktestError.invalidConfig("entry offset percentage must be in [0%, 100%), got \(p * 100)%") }
            case .atr: throw BacktestError.invalidConfig("entry offset must be a percentage or a price amount")
            }
            // Bounded so placement bar + lifetime cannot overflow.
            guard n >= 1, n <= 1_000_000_000 else { throw BacktestError.invalidConfig("entry order lifetime must be 1 to 1000000000 bars, got \(n)") }
        }
    }
}

/// Why a backtest could not run; each description is one line naming the problem.
public enum BacktestError: Error, CustomStringConvertible, Equatable {
    case invalidConfig(String)
    case invalidData(String)
    case invalidStrategy(String)
    case unknownStrategy(String, suggestion: String?)
    case invalidParameter(String)
    case cancelled

    public var description: String {
        switch self {
        case .invalidConfig(let m): return "backtest setting: \(m)"
        case .invalidData(let m): return "backtest data: \(m)"
        case .invalidStrategy(let m): return "strategy: \(m)"
        case .unknownStrategy(let n, let s):
            return "unknown strategy '\(n)'" + (s.map { " (did you mean '\($0)'?)" } ?? "")
        case .invalidParameter(let m): return "parameter: \(m)"
        case .cancelled: return "interrupted"
        }
    }
}
