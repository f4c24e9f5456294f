/// Alpaca trading-API failures, one clear line each. None ever carries a key: texts from
/// the server are scrubbed of the configured key id and secret before they are kept.
public enum AlpacaPaperError: Error, Equatable, CustomStringConvertible {
    case missingKeys([String])
    case badBaseURL(String)
    case unauthorized(String)
    case insufficientBuyingPower(String)
    case forbidden(String)
    case invalidOrder(String)
    case notFound(String)
    case rateLimited(attempts: Int)
    case server(status: Int, message: String)
    case transport(String)
    case badResponse(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .missingKeys(let names):
            return "Alpaca paper trading needs API keys: set " + names.joined(separator: " and ") + " in the environment"
        case .badBaseURL(let u): return "APCA_API_BASE_URL \"\(u)\" is not an http(s) URL"
        case .unauthorized(let m): return "Alpaca rejected the keys (401: \(m)); check APCA_API_KEY_ID and APCA_API_SECRET_KEY"
        case .insufficientBuyingPower(let m): return "Alpaca refused the order: insufficient buying power (403: \(m))"
        case .forbidden(let m):
            return "Alpaca refused the request (403: \(m)); check the keys and that APCA_API_BASE_URL is the paper endpoint"
        case .invalidOrder(let m): return "Alpaca rejected the order as invalid (422: \(m))"
        case .notFound(let what): return "Alpaca has no \(what) (404)"
        case .rateLimited(let n): return "Alpaca rate limit (429) still in force after \(n) attempts; try again in a minute"
        case .server(let s, let m): return "Alpaca server error \(s): \(m)"
        case .transport(let m): return "could not reach Alpaca: \(m)"
        case .badResponse(let m): return "Alpaca sent an unreadable answer: \(m)"
        case .unsupported(let m): return "cannot send to Alpaca: \(m)"
        }
    }
}
