/// Failures of the SQLite store, each a single line naming the file or symbol involved.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case notFound(symbol: String, path: String)
    case badSymbol(String)
    case raggedColumns(symbol: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open the store at \(path): \(reason)"
        case let .notFound(symbol, path):
            return "no bars for \(symbol) in the store at \(path); save them first (`save`) or check `symbols`"
        case let .raggedColumns(symbol):
            return "cannot save \(symbol): its columns have different lengths"
        case let .badSymbol(s):
            return "invalid symbol \"\(s)\": use 1-32 letters, digits, '.', '-', '_' or '^'"
        }
    }
}
