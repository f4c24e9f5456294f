/// Errors from operations on existing orders (submissions that break a rule are not
/// errors: they are recorded as rejected orders naming the rule).
public enum BrokerError: Error, Equatable, CustomStringConvertible {
    case noSuchOrder(Int)
    case notOpen(id: Int, status: OrderStatus)

    public var description: String {
        switch self {
        case .noSuchOrder(let id): return "no order #\(id)"
        case .notOpen(let id, let status): return "order #\(id) is \(status.rawValue), not open: nothing to cancel"
        }
    }
}
