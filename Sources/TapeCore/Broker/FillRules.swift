/// The prices one bar offers an order: the instrument's own OHLCV for shares, or for
/// options and spreads the model premium at the underlying's open, high, low and close
/// (high and low being the largest and smallest of those four).
public struct PriceBar: Equatable, Sendable {
    public var time: Int64
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    /// Shares traded; nil when unknown (model-priced options), so no volume cap applies.
    public var volume: Double?

    public init(time: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double?) {
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}

public enum FillDecision: Equatable, Sendable {
    /// Fill at `price`; `atOpen` when the fill happened at the bar's first print, so that
    /// contingent orders may still be evaluated on the rest of the same bar.
    case fill(price: Double, atOpen: Bool, why: String)
    case none(why: String)
}

/// Fill rules against one bar. Intrabar order of prices is unknown, so every rule takes
/// the reading that cannot flatter the trader (the conventions of backtesting.py):
/// - market: the bar's open (orders placed on bar i fill at bar i+1's open), plus slippage;
/// - limit: fills when the bar reaches the limit (low <= limit for a buy), at the limit,
///   or at the open when the open has already gapped through it (a better price);
/// - stop: triggers when touched, fills at the stop, or at the open when the open gapped
///   past it (a worse price), plus slippage since it becomes a market order;
/// - stop-limit: the stop triggers, then it works as a limit; when triggered intrabar at
///   the stop it fills at the stop only if the stop is within the limit, otherwise it
///   waits for a later bar (the path back to the limit cannot be known);
/// - trailing stop: a stop at the best price seen (high for a sell) minus the trail;
///   the best price moves only after the bar has been checked.
/// Slippage (basis points) worsens market and stop fills only: a limit is a promise of
/// price, so limit fills never get worse than the limit.
public enum FillRules {
    public static func decide(_ type: OrderType, side: OrderSide, bar: PriceBar, slippageBp: Double,
                              trailMark: Double?, triggered: inout Bool) -> FillDecision {
        let slip = { (p: Double) -> Double in
            let f = slippageBp / 10_000
            return side == .buy ? p * (1 + f) : p * (1 - f)
        }
        switch type {
        case .market:
            return .fill(price: slip(bar.open), atOpen: true, why: "market: filled at the bar's open \(f2(bar.open))"
                         + (slippageBp != 0 ? " with \(f2(slippageBp)) bp slippage" : ""))
        case .limit(let l):
            return limit(l, side: side, bar: bar)
        case .stop(let s):
            return stop(s, side: side, bar: bar, slip: slip, label: "stop")
        case .trailingStop(let trail):
            guard let mark = trailMark else { return .none(why: "trailing stop has no reference price yet") }
            let s = trailingStopPrice(trail, side: side, mark: mark)
            return stop(s, side: side, bar: bar, slip: slip, label: "trailing stop")
        case .stopLimit(let s, let l):
            if triggered { return limit(l, side: side, bar: bar) }
            let gapped = side == .buy ? bar.open >= s : bar.open <= s
            let touched = side == .buy ? bar.high >= s : bar.low <= s
            if gapped {
                triggered = true
                switch limit(l, side: side, bar: bar) {
                case .fill(let p, let atOpen, let why):
                    return .fill(price: p, atOpen: atOpen, why: "stop \(f2(s)) triggered at the open \(f2(bar.open)); " + why)
                case .none(let why):
                    return .none(why: "stop \(f2(s)) triggered at the open \(f2(bar.open)); " + why)
                }
            }
            if touched {
                triggered = true
                let within = side == .buy ? s <= l : s >= l
                if within {
                    return .fill(price: s, atOpen: false, why: "stop \(f2(s)) touched (bar \(side == .buy ? "high" : "low") "
                                 + "\(f2(side == .buy ? bar.high : bar.low))), filled at the stop within limit \(f2(l))")
                }
                return .none(why: "stop \(f2(s)) touched; limit \(f2(l)) is beyond the stop, working as a limit from the next bar")
            }
            return .none(why: "stop \(f2(s)) not touched: bar \(side == .buy ? "high \(f2(bar.high))" : "low \(f2(bar.low))")")
        }
    }

    /// The stop level a trailing stop stands at, given the best price seen.
    public static func trailingStopPrice(_ trail: TrailBy, side: OrderSide, mark: Double) -> Double {
        switch trail {
        case .amount(let a): return side == .sell ? mark - a : mark + a
        case .percent(let p): return side == .sell ? mark * (1 - p) : mark * (1 + p)
        }
    }

    /// The best price seen after `bar`: highest high for a sell trail, lowest low for a buy.
    public static func updatedTrailMark(_ mark: Double?, side: OrderSide, bar: PriceBar) -> Double {
        guard let m = mark else { return side == .sell ? bar.high : bar.low }
        return side == .sell ? max(m, bar.high) : min(m, bar.low)
    }

    private static func limit(_ l: Double, side: OrderSide, bar: PriceBar) -> FillDecision {
        if side == .buy {
            if bar.open <= l { return .fill(price: bar.open, atOpen: true, why: "limit \(f2(l)): the open \(f2(bar.open)) gapped through it") }
            if bar.low <= l { return .fill(price: l, atOpen: false, why: "limit \(f2(l)) reached: bar low \(f2(bar.low))") }
            return .none(why: "limit \(f2(l)) not reached: bar low \(f2(bar.low))")
        }
        if bar.open >= l { return .fill(price: bar.open, atOpen: true, why: "limit \(f2(l)): the open \(f2(bar.open)) gapped through it") }
        if bar.high >= l { return .fill(price: l, atOpen: false, why: "limit \(f2(l)) reached: bar high \(f2(bar.high))") }
        return .none(why: "limit \(f2(l)) not reached: bar high \(f2(bar.high))")
    }

    private static func stop(_ s: Double, side: OrderSide, bar: PriceBar, slip: (Double) -> Double, label: String) -> FillDecision {
        if side == .buy {
            if bar.open >= s { return .fill(price: slip(bar.open), atOpen: true, why: "\(label) \(f2(s)): the open \(f2(bar.open)) gapped through it") }
            if bar.high >= s { return .fill(price: slip(s), atOpen: false, why: "\(label) \(f2(s)) touched: bar high \(f2(bar.high))") }
            return .none(why: "\(label) \(f2(s)) not touched: bar high \(f2(bar.high))")
        }
        if bar.open <= s { return .fill(price: slip(bar.open), atOpen: true, why: "\(label) \(f2(s)): the open \(f2(bar.open)) gapped through it") }
        if bar.low <= s { return .fill(price: slip(s), atOpen: false, why: "\(label) \(f2(s)) touched: bar low \(f2(bar.low))") }
        return .none(why: "\(label) \(f2(s)) not touched: bar low \(f2(bar.low))")
    }
}
