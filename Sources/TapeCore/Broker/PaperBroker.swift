/// The one shape of a broker behind the `paper` subcommands. The simulated broker on its
/// ledger (TapeData/Ledger/LedgerBroker.swift) and Alpaca's paper account
/// (TapeData/AlpacaPaper/AlpacaPaperBroker.swift) both implement it, so the shell has one
/// dispatcher and one way of printing: `paper buy`, `orders`, `positions`, `fills`,
/// `why`, `cancel` and `account` never ask which broker they talk to.
///
/// Answers are broker-neutral values. Order ids are text: the simulator numbers its
/// orders (`3`), Alpaca names them with UUIDs. What only the simulator has — its clock,
/// risk rules, costs and ledger checks — is not part of this shape: the shell reaches the
/// ledger for those and says so when the broker is another.
public protocol PaperBroker {
    /// `sim` or `alpaca`, as `broker` names it.
    var name: String { get }
    /// The account's figures now.
    func account() throws -> BrokerAccount
    /// Sends an order. Returns what it placed, the order first (a bracket's or OCO's
    /// other legs after it); a refused order throws, naming why
    /// (`PaperBrokerError.rejected` for the simulator's rules).
    func submit(_ request: OrderRequest) throws -> [BrokerReceipt]
    /// Working orders, or every order with `includeClosed`.
    func orders(includeClosed: Bool) throws -> [BrokerOrder]
    func positions() throws -> [BrokerPosition]
    /// Executions, oldest first.
    func fills() throws -> [BrokerFill]
    /// What happened to an order, one event a line, oldest first.
    func why(_ id: String) throws -> [String]
    func cancel(_ id: String) throws -> CancelOutcome
    /// Whether the broker runs `RiskRules` itself, inside its own books (the simulator,
    /// in its ledger transaction); a broker that does not is put behind `GuardedBroker`.
    var checksOrders: Bool { get }
}

extension PaperBroker {
    public var checksOrders: Bool { false }
}

/// An account as a broker reports it; a figure the broker does not keep is nil.
public struct BrokerAccount: Equatable, Sendable {
    /// Time of the last bar the simulator processed; nil before its clock starts, and for a
    /// broker on the wall clock.
    public var asOf: Int64?
    /// The broker's own account status (Alpaca: `ACTIVE`); nil for the simulator.
    public var status: String?
    public var currency: String
    public var cash: Double
    public var equity: Double
    public var buyingPower: Double
    public var realisedPnL: Double?
    public var unrealisedPnL: Double?
    public var commissions: Double?
    public var positions: Int?
    public var openOrders: Int?
    /// The day the daily loss limit halted new orders, when that is today.
    public var haltedDay: Int64?

    public init(asOf: Int64? = nil, status: String? = nil, currency: String = "USD", cash: Double, equity: Double,
                buyingPower: Double, realisedPnL: Double? = nil, unrealisedPnL: Double? = nil, commissions: Double? = nil,
                positions: Int? = nil, openOrders: Int? = nil, haltedDay: Int64? = nil) {
        self.asOf = asOf
        self.status = status
        self.currency = currency
        self.cash = cash
        self.equity = equity
        self.buyingPower = buyingPower
        self.realisedPnL = realisedPnL
        self.unrealisedPnL = unrealisedPnL
        self.commissions = commissions
        self.positions = positions
        self.openOrders = openOrders
        self.haltedDay = haltedDay
    }
}

/// One order a submission placed, with the broker's first word on it
/// (`accepted: buy 10 SPY market day`).
public struct BrokerReceipt: Equatable, Sendable {
    public var id: String
    public var note: String

    public init(id: String, note: String) {
        self.id = id
        self.note = note
    }
}

public struct BrokerOrder: Equatable, Sendable {
    public var id: String
    public var side: OrderSide
    /// Nil while an order sized as a share of buying power waits for its fill.
    public var quantity: Double?
    /// The instrument, or a spread's legs.
    public var symbol: String
    /// Nil when the broker reported a type Tape has no model of (`typeName` says which).
    public var type: OrderType?
    public var typeName: String
    public var role: OrderRole
    public var timeInForce: String
    public var status: String
    public var filledQuantity: Double
    public var averageFillPrice: Double?
    /// When it was submitted (seconds since 1970), when the broker says.
    public var submittedAt: Int64?

    public init(id: String, side: OrderSide, quantity: Double?, symbol: String, type: OrderType?, typeName: String,
                role: OrderRole = .simple, timeInForce: String, status: String, filledQuantity: Double,
                averageFillPrice: Double?, submittedAt: Int64? = nil) {
        self.submittedAt = submittedAt
        self.id = id
        self.side = side
        self.quantity = quantity
        self.symbol = symbol
        self.type = type
        self.typeName = typeName
        self.role = role
        self.timeInForce = timeInForce
        self.status = status
        self.filledQuantity = filledQuantity
        self.averageFillPrice = averageFillPrice
    }
}

public struct BrokerPosition: Equatable, Sendable {
    public var symbol: String
    /// Negative for a short.
    public var quantity: Double
    public var averageCost: Double
    public var mark: Double?
    public var marketValue: Double
    public var unrealisedPnL: Double
    public var realisedPnL: Double?
    /// Shares have delta = quantity; options the model's Greeks; nil when unknown.
    public var greeks: Greeks?

    public init(symbol: String, quantity: Double, averageCost: Double, mark: Double?, marketValue: Double,
                unrealisedPnL: Double, realisedPnL: Double?, greeks: Greeks?) {
        self.symbol = symbol
        self.quantity = quantity
        self.averageCost = averageCost
        self.mark = mark
        self.marketValue = marketValue
        self.unrealisedPnL = unrealisedPnL
        self.realisedPnL = realisedPnL
        self.greeks = greeks
    }
}

public struct BrokerFill: Equatable, Sendable {
    public var time: Int64
    /// The order's id; nil for an option settled at expiry.
    public var orderId: String?
    public var side: OrderSide
    public var quantity: Double
    public var symbol: String
    public var price: Double
    /// Nil when the broker does not report it per fill.
    public var commission: Double?

    public init(time: Int64, orderId: String?, side: OrderSide, quantity: Double, symbol: String, price: Double,
                commission: Double?) {
        self.time = time
        self.orderId = orderId
        self.side = side
        self.quantity = quantity
        self.symbol = symbol
        self.price = price
        self.commission = commission
    }
}

/// A cancel is done at once by the simulator; Alpaca accepts the request and cancels
/// asynchronously.
public enum CancelOutcome: Equatable, Sendable {
    case cancelled
    case requested
}

/// A broker's refusals that are not transport or storage failures.
public enum PaperBrokerError: Error, Equatable, CustomStringConvertible {
    /// The broker refused the order; the text names the rule (`rejected by
    /// max_order_notional: ...`).
    case rejected(String)
    /// The id names no order of this broker.
    case noSuchOrder(String)

    public var description: String {
        switch self {
        case .rejected(let why): return why
        case .noSuchOrder(let id): return "no order #\(id)"
        }
    }
}
