/// Alpaca-specific failures, one line each; none carries a key.
public enum AlpacaError: Error, CustomStringConvertible, Equatable {
    case missingKeys([String])
    case badSymbol(String)
    case badResponse(symbol: String, detail: String)
    case noBars(symbol: String, from: String, to: String)
    case paginationLoop(symbol: String)
    case tooManyPages(symbol: String, pages: Int)

    public var description: String {
        switch self {
        case let .missingKeys(names):
            return "Alpaca needs API keys: set " + names.joined(separator: " and ")
                + " in the environment (free keys at alpaca.markets; market data works with paper-trading keys)"
        case let .badSymbol(s):
            return "invalid symbol \"\(s)\" for Alpaca: use letters, digits, '.' or '-'"
        case let .badResponse(symbol, detail):
            return "Alpaca sent an unreadable answer for \(symbol): \(detail)"
        case let .noBars(symbol, from, to):
            return "Alpaca has no bars for \(symbol) from \(from) to \(to); check the symbol and dates (the free iex feed starts in 2016)"
        case let .paginationLoop(symbol):
            return "Alpaca repeated a page token for \(symbol); stopped to avoid an endless download"
        case let .tooManyPages(symbol, pages):
            return "Alpaca sent more than \(pages) pages of bars for \(symbol); stopped (ask for a shorter date range)"
        }
    }
}
