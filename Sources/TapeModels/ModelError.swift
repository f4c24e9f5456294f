/// What can go wrong fitting, validating or loading a model, each as one line a person
/// can act on (the shell adds a caret and a hint).
public enum ModelError: Error, CustomStringConvertible, Equatable {
    case invalidData(String)
    /// The design matrix of a linear or kernel model has a dependent column.
    case singular(String)
    case invalidParameter(String)
    /// A library refused (its own message).
    case library(String, String)
    case corrupt(String)
    case cancelled

    public var description: String {
        switch self {
        case .invalidData(let s), .invalidParameter(let s), .corrupt(let s), .singular(let s): return s
        case let .library(lib, s): return "\(lib): \(s)"
        case .cancelled: return "cancelled"
        }
    }
}
