/// What the pre-trade checks read of an account, whichever broker keeps it: the
/// simulator answers from its state (`SimBroker+PreTrade.swift`), any other broker from
/// its `PaperBroker` answers (`AccountSnapshot`). One set of rules (`RiskRules`) runs on
/// either, so an order is judged the same way on every broker.
public protocol PreTradeAccount {
    /// Now: the simulator's bar clock, or the wall clock.
    var clock: Int64 { get }
    var equity: Double { get }
    var buyingPower: Double { get }
    var grossExposure: Double { get }
    /// Signed quantity held of each instrument (non-zero only).
    var holdings: [Instrument: Double] { get }
    /// The last price of an underlying, nil before any is known.
    func lastPrice(_ underlying: String) -> Double?
    /// Price per unit of an instrument now (an option's model price), nil when unknown.
    func mark(_ instrument: Instrument) -> Double?
    /// The option model at `spot`; nil when there is none or it cannot price.
    func optionModel(_ c: OptionContract, spot: Double) -> OptionModelOutput?
    var canPriceOptions: Bool { get }
    var openOrderCount: Int { get }
    /// Orders submitted and not rejected, oldest first (the duplicate guard and the order
    /// rate read them).
    var recentOrders: [RecentOrder] { get }
    /// The commission's share of value (sizing by a fraction of buying power reserves it).
    var commissionRate: Double { get }
    func commission(quantity: Double, price: Double, instrument: Instrument) -> Double
    var breakers: BreakerState { get }
}

/// An order as the duplicate guard and the order rate see it.
public struct RecentOrder: Equatable, Sendable {
    public var id: String
    public var side: OrderSide
    public var legs: [OrderLeg]
    public var quantity: Double
    public var sizing: Double?
    public var submittedAt: Int64
    /// A bracket's or OCO's exit leg, placed by the broker rather than by a submission.
    public var isExitLeg: Bool

    public init(id: String, side: OrderSide, legs: [OrderLeg], quantity: Double, sizing: Double?, submittedAt: Int64, isExitLeg: Bool) {
        self.id = id
        self.side = side
        self.legs = legs
        self.quantity = quantity
        self.sizing = sizing
        self.submittedAt = submittedAt
        self.isExitLeg = isExitLeg
    }
}

/// Market data the checks may need beyond the account: recent returns, for the
/// correlation limit. The shell answers from the loaded datasets up to the account's
/// clock; the market clock from the series it steps.
public struct PreTradeMarket: Sendable {
    /// One-period simple returns of `symbol` up to and including time `t`, oldest first;
    /// nil when the symbol's prices are not known.
    public var returns: @Sendable (_ symbol: String, _ through: Int64) -> [Double]?

    public init(returns: @escaping @Sendable (_ symbol: String, _ through: Int64) -> [Double]?) {
        self.returns = returns
    }

    public static let none = PreTradeMarket { _, _ in nil }

    /// Returns from price series (each sorted by time). Nothing is prepared until the
    /// correlation limit asks: the market clock builds one of these on every bar.
    public static func series(_ series: [Bars]) -> PreTradeMarket {
        PreTradeMarket { symbol, t in
            guard let b = series.first(where: { $0.symbol.caseInsensitiveCompare(symbol) == .orderedSame }) else { return nil }
            // The bars known at t: those before the first bar after t (binary search).
            var lo = 0, hi = b.time.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if b.time[mid] <= t { lo = mid + 1 } else { hi = mid }
            }
            guard lo >= 2 else { return [] }
            return RiskFigures.simpleReturns(Array(b.close[0..<lo])).filter(\.isFinite)
        }
    }
}
