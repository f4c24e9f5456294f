/// Failures of the SQLite store, each a single line naming the file or symbol involved.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case notFound(symbol: String, path: String)
    case badSymbol(String)
    case raggedColumns(symbol: String)
    /// A bar time that is not a whole number (text typed in the sqlite3 shell).
    case badTime(symbol: String, path: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open the store at \(path): \(reason)"
        case let .notFound(symbol, path):
            return "no bars for \(symbol) in the store at \(path); save them first (`save`) or check `symbols`"
        case let .raggedColumns(symbol):
            return "cannot save \(symbol): its columns have different lengths"
        case let .badTime(symbol, path):
            return "the store at \(path) has a bar time of \(symbol) that is not a whole number of seconds; "
                + "find it with: SELECT * FROM bars WHERE typeof(time) != 'integer'"
        case let .badSymbol(s):
            return "invalid symbol \"\(s)\": use 1-32 letters, digits, '.', '-', '_' or '^'"
        }
    }
}
