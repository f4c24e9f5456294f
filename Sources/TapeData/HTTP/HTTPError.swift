import Foundation
import TapeCore

/// Network failures as one line each: what happened, to which (redacted) URL, and what
/// to check. No case carries a header value, so secrets cannot leak into a message.
public enum HTTPError: Error, CustomStringConvertible, Equatable {
    /// `serverCode` is the error code an S3-style XML body names (e.g. SignatureDoesNotMatch):
    /// a fixed identifier, never free text that could echo a request.
    case status(code: Int, url: String, attempts: Int, hint: String?, serverCode: String? = nil)
    case timedOut(url: String, seconds: Double)
    case cannotConnect(url: String, reason: String)
    case truncated(url: String, received: Int64, expected: Int64)
    case cancelled(url: String)
    case transport(url: String, reason: String)
    case retryAfterTooLong(url: String, seconds: Double)

    public var description: String {
        switch self {
        case let .status(code, url, attempts, hint, serverCode):
            let tries = attempts > 1 ? " after \(attempts) attempts" : ""
            switch (code, serverCode) {
            case (403, "SignatureDoesNotMatch"?):
                return "HTTP 403 SignatureDoesNotMatch from \(url): the secret key does not match the access key "
                    + "(or the clock is off by minutes); " + (hint ?? "check the secret key")
            case (403, "InvalidAccessKeyId"?):
                return "HTTP 403 InvalidAccessKeyId from \(url): the server does not know this access key; "
                    + (hint ?? "check the access key")
            default:
                break
            }
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
                return "HTTP \(code)\(serverCode.map { " " + $0 } ?? "") from \(url)"
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

    /// A Retry-After comes from the server and can be any finite number (`1e300`), so
    /// whole values convert with `Int(exactly:)`, which is nil past Int's range, not a trap.
    static func seconds(_ s: Double) -> String {
        if let whole = Int(exactly: s) { return String(whole) }
        return s.magnitude < 1e15 ? Format.fixed(s, 1) : Format.exact(s)
    }
}

extension HTTPError {
    /// The `<Code>` of an S3-style XML error body, when it is a plain identifier.
    static func serverCode(in body: Data) -> String? {
        guard body.count < 65_536, let text = String(data: body, encoding: .utf8),
              let a = text.range(of: "<Code>"), let b = text.range(of: "</Code>", range: a.upperBound..<text.endIndex)
        else { return nil }
        let code = text[a.upperBound..<b.lowerBound]
        guard (1...64).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") })
        else { return nil }
        return String(code)
    }
}
