/// The account as Alpaca reports it (GET /v2/account); money fields arrive as strings.
public struct AlpacaAccount: Equatable, Sendable {
    public var id: String
    public var status: String
    public var currency: String
    public var cash: Double
    public var equity: Double
    public var buyingPower: Double
}

/// An order as Alpaca reports it (POST/GET /v2/orders).
public struct AlpacaOrder: Equatable, Sendable {
    public var id: String
    public var clientOrderId: String
    public var symbol: String
    public var side: String
    public var type: String
    public var timeInForce: String
    public var status: String
    public var quantity: Double?
    public var filledQuantity: Double
    public var filledAveragePrice: Double?
    public var limitPrice: Double?
    public var stopPrice: Double?
    public var trailPrice: Double?
    /// Percent as Alpaca writes it: 5 is 5%.
    public var trailPercent: Double?
    public var orderClass: String
    public var legs: [AlpacaOrder]
    /// Alpaca's RFC 3339 times of the order's life, as sent (nil when not reached).
    public var submittedAt: String?
    public var filledAt: String?
    public var canceledAt: String?
    public var expiredAt: String?
    public var failedAt: String?
}

/// One execution (GET /v2/account/activities/FILL): a fill or a partial fill of an order.
public struct AlpacaFill: Equatable, Sendable {
    public var id: String
    public var orderId: String
    /// RFC 3339, as sent: `2024-01-02T14:30:00.123Z`.
    public var transactionTime: String
    public var symbol: String
    public var side: String
    public var quantity: Double
    public var price: Double
}

/// A position (GET /v2/positions); quantity is negative for shorts.
public struct AlpacaPosition: Equatable, Sendable {
    public var symbol: String
    public var quantity: Double
    public var averageEntryPrice: Double
    public var marketValue: Double
    public var unrealizedPL: Double
    public var currentPrice: Double?
}
