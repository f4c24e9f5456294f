/// Everything the simulated broker knows, as plain values, so the ledger can store it
/// row by row and rebuild it exactly.
public struct BrokerState: Equatable, Sendable {
    public var cash: Double
    public var positions: [String: Position] = [:]
    /// Every order ever submitted (rejected ones too); order `id` n is at index n - 1.
    public var orders: [Order] = []
    public var fills: [Fill] = []
    public var events: [OrderEvent] = []
    /// Last close seen per underlying symbol: what positions are marked at.
    public var lastPrice: [String: Double] = [:]
    /// Time of the last bar processed (or of the last submission when later).
    public var clock: Int64 = 0
    public var realisedPnL: Double = 0
    public var commissions: Double = 0
    /// Day (midnight) the current session began and the equity it began with, for the
    /// daily loss circuit breaker.
    public var dayStart: Int64?
    public var dayStartEquity: Double = 0
    /// Day on which the daily loss limit halted new orders.
    public var haltedDay: Int64?
    public var nextOcoGroup = 1
    /// The circuit breakers' memory: peak equity, losing streak, the halt in force.
    public var breakers = BreakerState()

    public init(cash: Double) {
        self.cash = cash
    }
}
