import Foundation
import TapeCore

/// Alpaca's paper account behind the `paper` subcommands: the trading client's answers
/// turned into `PaperBroker`'s broker-neutral values, so the shell prints Alpaca's
/// orders, positions and fills the way it prints the simulator's.
///
/// Alpaca runs its own clock, risk checks and books: nothing here simulates them.
public struct AlpacaPaperBroker: PaperBroker {
    public let client: AlpacaPaperClient
    public var name: String { "alpaca" }

    public init(_ client: AlpacaPaperClient) {
        self.client = client
    }

    public func account() throws -> BrokerAccount {
        let a = try client.account()
        return BrokerAccount(status: a.status, currency: a.currency, cash: a.cash, equity: a.equity, buyingPower: a.buyingPower)
    }

    public func submit(_ request: OrderRequest) throws -> [BrokerReceipt] {
        let o = try client.submit(request)
        return ([o] + o.legs).map { BrokerReceipt(id: $0.id, note: Self.describe($0)) }
    }

    public func orders(includeClosed: Bool) throws -> [BrokerOrder] {
        try client.orders(status: includeClosed ? "all" : "open").flatMap { o in
            [Self.order(o, role: .simple)] + o.legs.map { Self.order($0, role: Self.role(ofLeg: $0)) }
        }
    }

    public func positions() throws -> [BrokerPosition] {
        try client.positions().map { p in
            // Shares have delta = quantity; Alpaca reports no Greeks for options.
            BrokerPosition(symbol: p.symbol, quantity: p.quantity, averageCost: p.averageEntryPrice, mark: p.currentPrice,
                          marketValue: p.marketValue, unrealisedPnL: p.unrealizedPL, realisedPnL: nil,
                          greeks: Instrument.parse(p.symbol).option == nil ? Greeks(delta: p.quantity) : nil)
        }
    }

    public func fills() throws -> [BrokerFill] {
        try client.fills().map { f in
            BrokerFill(time: Self.time(f.transactionTime) ?? 0, orderId: f.orderId, side: f.side == "sell" ? .sell : .buy,
                      quantity: f.quantity, symbol: f.symbol, price: f.price, commission: nil)
        }
    }

    /// Alpaca keeps no explanation trail; the order's own times and state are what it has.
    public func why(_ id: String) throws -> [String] {
        let o = try client.order(id: id)
        var out: [String] = []
        func at(_ t: String?, _ what: String) {
            guard let t else { return }
            out.append("\(Self.time(t).map { CivilTime.format($0, forceTime: true) } ?? t) \(what)")
        }
        at(o.submittedAt, "submitted: \(Self.describe(o))")
        if let p = o.filledAveragePrice, o.filledQuantity > 0 {
            at(o.filledAt ?? o.submittedAt, "fill: \(o.side) \(BrokerText.quantity(o.filledQuantity)) \(o.symbol) at \(BrokerText.price(p))")
        }
        at(o.canceledAt, "cancelled")
        at(o.expiredAt, "expired")
        at(o.failedAt, "failed")
        out.append("status at alpaca: \(o.status)")
        return out
    }

    public func cancel(_ id: String) throws -> CancelOutcome {
        try client.cancel(id: id)
        return .requested
    }

    // MARK: Conversions

    static func order(_ o: AlpacaOrder, role: OrderRole) -> BrokerOrder {
        BrokerOrder(id: o.id, side: o.side == "sell" ? .sell : .buy, quantity: o.quantity,
                   symbol: o.legs.isEmpty || !o.symbol.isEmpty ? o.symbol : o.legs.map(\.symbol).joined(separator: " "),
                   type: type(o), typeName: o.type, role: role, timeInForce: o.timeInForce, status: o.status,
                   filledQuantity: o.filledQuantity, averageFillPrice: o.filledQuantity > 0 ? o.filledAveragePrice : nil,
                   submittedAt: o.submittedAt.flatMap(time))
    }

    /// Alpaca's order type and prices as Tape's `OrderType`; nil for a type Tape has no model of.
    static func type(_ o: AlpacaOrder) -> OrderType? {
        switch o.type {
        case "market": return .market
        case "limit": return o.limitPrice.map { .limit($0) }
        case "stop": return o.stopPrice.map { .stop($0) }
        case "stop_limit":
            guard let s = o.stopPrice, let l = o.limitPrice else { return nil }
            return .stopLimit(stop: s, limit: l)
        case "trailing_stop":
            if let a = o.trailPrice { return .trailingStop(.amount(a)) }
            return o.trailPercent.map { .trailingStop(.percent($0 / 100)) }
        default: return nil
        }
    }

    /// A bracket's or OCO's legs: the limit takes profit, the stop limits the loss.
    static func role(ofLeg o: AlpacaOrder) -> OrderRole {
        switch o.type {
        case "limit": return .takeProfit
        case "stop", "stop_limit": return .stopLoss
        default: return .simple
        }
    }

    /// `filled: buy 3 SPY market day (client_order_id shell-1)`.
    static func describe(_ o: AlpacaOrder) -> String {
        "\(o.status): \(o.side) \(o.quantity.map(BrokerText.quantity) ?? "") \(o.symbol) \(o.type) \(o.timeInForce) (client_order_id \(o.clientOrderId))"
    }

    /// Seconds since 1970 of an RFC 3339 time in UTC (`2024-01-02T14:30:00.123Z`).
    static func time(_ text: String) -> Int64? { CivilTime.parse(Substring(text)) }
}
