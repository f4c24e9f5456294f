/// Network failures as one line each: what happened, to which (redacted) URL, and what
/// to check. No case carries a header value, so secrets cannot leak into a message.
public enum HTTPError: Error, CustomStringConvertible, Equatable {
    case status(code: Int, url: String, attempts: Int, hint: String?)
    case timedOut(url: String, seconds: Double)
    case cannotConnect(url: String, reason: String)
    case truncated(url: String, received: Int64, expected: Int64)
    case cancelled(url: String)
    case transport(url: String, reason: String)
    case retryAfterTooLong(url: String, seconds: Double)

    public var description: String {
        switch self {
        case let .status(code, url, attempts, hint):
            let tries = attempts > 1 ? " after \(attempts) attempts" : ""
            switch code {
            case 401:
                return "HTTP 401 Unauthorized from \(url): the server did not accept the credentials; "
                    + (hint ?? "check the API key and secret")
            case 403:
                return "HTTP 403 Forbidden from \(url): the credentials are not allowed to read this; "
                    + (hint ?? "check the key's permissions and the account's data subscription")
            case 404:
                return "HTTP 404 Not Found: \(url); check the symbol, bucket, object key or path"
            case 429:
                return "HTTP 429 Too Many Requests from \(url)\(tries): the rate limit was hit; wait a minute and try again"
            case 500...599:
                return "HTTP \(code) server error from \(url)\(tries); the service is failing, try again later"
            default:
                return "HTTP \(code) from \(url)"
            }
        case let .timedOut(url, s):
            return "timed out after \(HTTPError.seconds(s)) s fetching \(url); check the network or raise the timeout"
        case let .cannotConnect(url, reason):
            return "cannot connect for \(url): \(reason); check the address and that the server is running"
        case let .truncated(url, got, want):
            return "truncated response from \(url): got \(got) of \(want) bytes; the connection dropped, try again"
        case let .cancelled(url):
            return "cancelled while fetching \(url)"
        case let .transport(url, reason):
            return "network error fetching \(url): \(reason)"
        case let .retryAfterTooLong(url, s):
            return "\(url) asks to wait \(HTTPError.seconds(s)) s before retrying (rate limit); try again later"
        }
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(format: "%.1f", s)
    }
}
