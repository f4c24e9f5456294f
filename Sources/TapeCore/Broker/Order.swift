public enum OrderSide: String, Sendable {
    case buy, sell

    public var opposite: OrderSide { self == .buy ? .sell : .buy }
    /// +1 for a buy, -1 for a sell: the sign of the position change.
    public var sign: Double { self == .buy ? 1 : -1 }
}

/// How long an order stays working (the exchange conventions Alpaca also uses).
public enum TimeInForce: String, Sendable, CaseIterable {
    /// Until the end of the calendar day of the first bar it is evaluated against.
    case day
    /// Until filled or cancelled.
    case gtc
    /// Immediate or cancel: fills what it can on its first bar, the rest is cancelled.
    case ioc
    /// Fill or kill: fills completely on its first bar or not at all.
    case fok
}

public enum TrailBy: Equatable, Sendable {
    case amount(Double)
    /// A fraction: 0.05 trails 5% behind the best price seen.
    case percent(Double)
}

public enum OrderType: Equatable, Sendable {
    case market
    case limit(Double)
    case stop(Double)
    case stopLimit(stop: Double, limit: Double)
    case trailingStop(TrailBy)

    public var name: String {
        switch self {
        case .market: return "market"
        case .limit: return "limit"
        case .stop: return "stop"
        case .stopLimit: return "stop_limit"
        case .trailingStop: return "trailing_stop"
        }
    }
}

public enum OrderStatus: String, Sendable {
    /// Working: evaluated against each new bar.
    case new
    case partiallyFilled = "partially_filled"
    /// A bracket child waiting for its entry to fill.
    case held
    case filled, cancelled, expired, rejected

    public var isOpen: Bool { self == .new || self == .partiallyFilled || self == .held }
}

/// A bracket order's or OCO group's part.
public enum OrderRole: String, Sendable {
    case simple, entry
    case takeProfit = "take_profit"
    case stopLoss = "stop_loss"
}

/// One leg of an order. `side` is the side the leg takes when the order is a buy (selling
/// reverses every leg), so a single-instrument order has one `.buy` leg with ratio 1 and
/// a spread lists each contract as it is when the spread is bought.
public struct OrderLeg: Equatable, Sendable {
    public var instrument: Instrument
    public var side: OrderSide
    public var ratio: Int

    public init(_ instrument: Instrument, side: OrderSide, ratio: Int = 1) {
        self.instrument = instrument
        self.side = side
        self.ratio = ratio
    }
}

/// What a caller asks for. The broker turns it into an `Order` (accepted or rejected).
public struct OrderRequest: Sendable {
    public enum OrderClass: Equatable, Sendable {
        case simple
        /// Entry plus a take-profit limit and a stop-loss stop, both activated when the
        /// entry fills, cancelling each other (one-cancels-other).
        case bracket(takeProfit: Double, stopLoss: Double)
        /// Exit pair for an existing position: a limit and a stop; the first to fill cancels the other.
        case oco(takeProfit: Double, stopLoss: Double)
    }

    public var legs: [OrderLeg]
    public var side: OrderSide
    public var quantity: Double
    /// When set, the quantity is chosen at the first fill as whole units worth this
    /// fraction of buying power (commission included), as backtesting.py sizes orders.
    public var sizing: Double?
    public var type: OrderType
    public var timeInForce: TimeInForce
    public var orderClass: OrderClass
    public var clientOrderId: String?

    /// A single-instrument order.
    public init(_ side: OrderSide, _ quantity: Double, _ instrument: Instrument, type: OrderType = .market,
                timeInForce: TimeInForce = .day, orderClass: OrderClass = .simple, clientOrderId: String? = nil) {
        self.legs = [OrderLeg(instrument, side: .buy)]   // leg sides are relative to the order's side
        self.side = side
        self.quantity = quantity
        self.type = type
        self.timeInForce = timeInForce
        self.orderClass = orderClass
        self.clientOrderId = clientOrderId
    }

    /// A multi-leg option spread traded as one order; `type` prices the net debit
    /// (positive) or credit (negative) per spread per unit of underlying.
    public init(spread legs: [OrderLeg], side: OrderSide, quantity: Double, type: OrderType = .market,
                timeInForce: TimeInForce = .day, clientOrderId: String? = nil) {
        self.legs = legs
        self.side = side
        self.quantity = quantity
        self.type = type
        self.timeInForce = timeInForce
        self.orderClass = .simple
        self.clientOrderId = clientOrderId
    }

    /// A market or other order sized at fill time to `fraction` of buying power.
    public static func sized(_ side: OrderSide, fraction: Double, _ instrument: Instrument,
                             type: OrderType = .market, timeInForce: TimeInForce = .gtc) -> OrderRequest {
        var r = OrderRequest(side, 0, instrument, type: type, timeInForce: timeInForce)
        r.sizing = fraction
        return r
    }

    /// The side a leg actually trades when this request executes.
    public func side(of leg: OrderLeg) -> OrderSide { side == .buy ? leg.side : leg.side.opposite }
}

public struct Order: Equatable, Sendable {
    public let id: Int
    public var clientOrderId: String
    public var legs: [OrderLeg]
    public var side: OrderSide
    public var quantity: Double
    public var sizing: Double?
    public var type: OrderType
    public var timeInForce: TimeInForce
    public var status: OrderStatus
    public var role: OrderRole
    public var parentId: Int?
    public var ocoGroup: Int?
    public var filledQuantity: Double = 0
    public var averageFillPrice: Double = 0
    public var submittedAt: Int64
    /// Day (midnight timestamp) of the first bar the order was evaluated against: a day
    /// order expires when a bar of a later day arrives.
    public var firstEvaluatedDay: Int64?
    /// Best price seen since submission, from which a trailing stop trails.
    public var trailMark: Double?
    /// A stop-limit whose stop has been touched now works as a limit.
    public var triggered = false
    /// The latest evaluation against a bar, e.g. "limit 420.00 not reached: bar low 421.30".
    public var lastNote = ""

    public init(id: Int, clientOrderId: String, legs: [OrderLeg], side: OrderSide, quantity: Double, sizing: Double?,
                type: OrderType, timeInForce: TimeInForce, status: OrderStatus, role: OrderRole,
                parentId: Int?, ocoGroup: Int?, submittedAt: Int64) {
        self.id = id
        self.clientOrderId = clientOrderId
        self.legs = legs
        self.side = side
        self.quantity = quantity
        self.sizing = sizing
        self.type = type
        self.timeInForce = timeInForce
        self.status = status
        self.role = role
        self.parentId = parentId
        self.ocoGroup = ocoGroup
        self.submittedAt = submittedAt
    }

    public var remaining: Double { max(quantity - filledQuantity, 0) }
    public var isSpread: Bool { legs.count > 1 }
    /// The symbol driving this order's prices (every leg of a spread shares one underlying).
    public var underlying: String { legs.first?.instrument.underlying ?? "" }
    /// The instrument symbol, or the legs joined for a spread.
    public var symbol: String {
        legs.count == 1 ? legs[0].instrument.symbol : legs.map { "\($0.side == .buy ? "+" : "-")\($0.ratio) \($0.instrument.symbol)" }.joined(separator: " ")
    }
    /// The side a leg actually trades when this order fills.
    public func side(of leg: OrderLeg) -> OrderSide { side == .buy ? leg.side : leg.side.opposite }
}

public enum OrderEventKind: String, Sendable {
    case submitted, rejected, activated, triggered, fill, cancelled, expired, settled
}

/// A state change of an order; the events of one order are its explanation trail.
public struct OrderEvent: Equatable, Sendable {
    public var orderId: Int
    public var time: Int64
    public var kind: OrderEventKind
    public var detail: String

    public init(orderId: Int, time: Int64, kind: OrderEventKind, detail: String) {
        self.orderId = orderId
        self.time = time
        self.kind = kind
        self.detail = detail
    }
}

/// One execution of one instrument. Expiry settlements are fills with `orderId` nil.
public struct Fill: Equatable, Sendable {
    public var orderId: Int?
    public var time: Int64
    public var symbol: String
    public var side: OrderSide
    public var quantity: Double
    public var price: Double
    public var commission: Double
    public var why: String

    public init(orderId: Int?, time: Int64, symbol: String, side: OrderSide, quantity: Double, price: Double,
                commission: Double, why: String) {
        self.orderId = orderId
        self.time = time
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.commission = commission
        self.why = why
    }
}
