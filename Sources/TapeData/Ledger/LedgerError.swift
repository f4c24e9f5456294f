/// Ledger failures, each one line naming the file and what went wrong. Errors of the
/// broker itself (`BrokerError`, `RiskConfigError`, `BrokerConfigError`) pass through as they are.
public enum LedgerError: Error, CustomStringConvertible {
    case database(path: String, message: String)
    case corrupt(path: String, what: String)

    public var description: String {
        switch self {
        case .database(let p, let m): return "ledger \(p): \(m)"
        case .corrupt(let p, let w): return "ledger \(p) is damaged: \(w)"
        }
    }
}
