import Foundation

/// The real network: one `CurlHandle` per transfer.
///
/// libcurl rather than Foundation's URLSession because on Linux URLSession sits on the
/// same libcurl with fewer controls (no transfer-info callback to abort mid-transfer,
/// no separate connect timeout), and one code path behaves the same on every platform.
public final class CurlHTTPClient: HTTPClient {
    public let cancellation: CancellationToken
    public var userAgent = "tape/0.1"

    public init(cancellation: CancellationToken = .global) {
        self.cancellation = cancellation
    }

    /// Redirects followed for one request.
    public static let maxRedirects = 5

    /// Redirects are followed here, not by libcurl: libcurl sends custom headers (Alpaca's
    /// APCA-API-KEY-ID and -SECRET-KEY, S3's signature) to whatever host a redirect names,
    /// and CURLOPT_UNRESTRICTED_AUTH covers only Authorization and Cookie. A hop to another
    /// scheme, host or port goes without any of the request's headers.
    public func get(_ request: HTTPRequest, progress: HTTPProgress?) throws -> HTTPResponse {
        let shown = request.redactedURL
        var hop = request
        let origin = Self.origin(request.url)
        for _ in 0...Self.maxRedirects {
            let (response, location) = try transfer(hop, shown: shown, progress: progress)
            guard let location, [301, 302, 303, 307, 308].contains(response.status) else { return response }
            if origin == nil || Self.origin(location) != origin { hop.headers = [] }
            hop.url = location
        }
        throw HTTPError.transport(url: shown, reason: "more than \(Self.maxRedirects) redirects")
    }

    /// `scheme://host:port` in lower case (the port spelled out), nil when unreadable.
    static func origin(_ url: String) -> String? {
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(), let host = c.host?.lowercased() else {
            return nil
        }
        return "\(scheme)://\(host):\(c.port ?? (scheme == "https" ? 443 : 80))"
    }

    /// One transfer, no redirect followed: the response and, for a 3xx, where it points.
    private func transfer(_ request: HTTPRequest, shown: String, progress: HTTPProgress?) throws -> (HTTPResponse, String?) {
        let token = cancellation
        do {
            let response = try CurlHandle().perform(
                CurlHandle.Request(url: request.url, headers: request.headers, connectTimeout: request.connectTimeout,
                                   totalTimeout: request.totalTimeout, userAgent: userAgent, acceptCompressed: true,
                                   maxBodyBytes: Self.maxBodyBytes),
                isCancelled: { token.isCancelled }, progress: progress)
            return (HTTPResponse(status: response.status, headers: response.headers, body: response.body), response.redirectURL)
        } catch let e as CurlError {
            throw Self.httpError(e, url: shown, request: request)
        }
    }

    /// Bodies are held in memory; past this a download is refused rather than exhausting it.
    static let maxBodyBytes = 1 << 30

    /// The transfer failure in the words of `HTTPError`, naming the (redacted) URL; libcurl's
    /// own words are scrubbed of the request's hidden values (they may quote the URL).
    static func httpError(_ e: CurlError, url: String, request: HTTPRequest) -> HTTPError {
        switch e.kind {
        case .cancelled: return .cancelled(url: url)
        case .timedOut(let connected): return .timedOut(url: url, seconds: connected ? request.totalTimeout : request.connectTimeout)
        case .cannotConnect: return .cannotConnect(url: url, reason: request.scrub(e.detail))
        case .unsupportedProtocol: return .transport(url: url, reason: "only http:// and https:// URLs are fetched")
        case .bodyTooLarge(let limit): return .transport(url: url, reason: "the body is larger than \(limit >> 20) MB")
        case let .truncated(received, expected): return .truncated(url: url, received: received, expected: expected)
        case .initialisation, .option, .other: return .transport(url: url, reason: request.scrub(e.detail))
        }
    }
}
