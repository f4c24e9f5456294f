/// Failures of the SQLite store, each a single line naming the file or symbol involved.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case notFound(symbol: String, path: String)
    case badSymbol(String)
    case raggedColumns(symbol: String)
    /// A bar time that is not a whole number (text typed in the sqlite3 shell into a v1 store).
    case badTime(symbol: String, path: String)
    /// A bar value that is not a number (text typed in the sqlite3 shell into a v1 store).
    case badValue(symbol: String, path: String)
    /// The file was written by a newer Tape: its layout may differ from what this one reads.
    case newerSchema(path: String, migrations: [String])
    /// A block whose columns do not have the length its count says (edited by hand).
    case corruptBlock(symbol: String, firstTime: Int64, path: String)

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
        case let .badValue(symbol, path):
            return "the store at \(path) has a bar value of \(symbol) that is not a number; find it with: "
                + "SELECT * FROM bars WHERE 'text' IN (typeof(open), typeof(high), typeof(low), typeof(close), typeof(volume), typeof(adj_close))"
        case let .newerSchema(path, migrations):
            return "the store at \(path) was written by a newer Tape (schema \(migrations.joined(separator: ", "))); "
                + "update Tape to read it, or use another file with set store"
        case let .corruptBlock(symbol, firstTime, path):
            return "the store at \(path) has a damaged block of \(symbol) (bars from time \(firstTime)): its columns do not match its count; "
                + "delete the symbol (DELETE FROM symbols WHERE symbol = '\(symbol)') and save it again"
        case let .badSymbol(s):
            return "invalid symbol \"\(s)\": use 1-32 letters, digits, '.', '-', '_' or '^'"
        }
    }
}
