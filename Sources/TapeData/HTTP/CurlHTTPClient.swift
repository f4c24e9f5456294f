import Foundation

/// The real network: one `CurlHandle` per request.
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

    public func get(_ request: HTTPRequest, progress: HTTPProgress?) throws -> HTTPResponse {
        let shown = request.redactedURL
        let token = cancellation
        do {
            let response = try CurlHandle().perform(
                CurlHandle.Request(url: request.url, headers: request.headers, connectTimeout: request.connectTimeout,
                                   totalTimeout: request.totalTimeout, userAgent: userAgent, followRedirects: true,
                                   acceptCompressed: true, maxBodyBytes: Self.maxBodyBytes),
                isCancelled: { token.isCancelled }, progress: progress)
            return HTTPResponse(status: response.status, headers: response.headers, body: response.body)
        } catch let e as CurlError {
            throw Self.httpError(e, url: shown, request: request)
        }
    }

    /// Bodies are held in memory; past this a download is refused rather than exhausting it.
    static let maxBodyBytes = 1 << 30

    /// The transfer failure in the words of `HTTPError`, naming the (redacted) URL.
    static func httpError(_ e: CurlError, url: String, request: HTTPRequest) -> HTTPError {
        switch e.kind {
        case .cancelled: return .cancelled(url: url)
        case .timedOut(let connected): return .timedOut(url: url, seconds: connected ? request.totalTimeout : request.connectTimeout)
        case .cannotConnect: return .cannotConnect(url: url, reason: e.detail)
        case .unsupportedProtocol: return .transport(url: url, reason: "only http:// and https:// URLs are fetched")
        case .bodyTooLarge(let limit): return .transport(url: url, reason: "the body is larger than \(limit >> 20) MB")
        case let .truncated(received, expected): return .truncated(url: url, received: received, expected: expected)
        case .initialisation, .option, .other: return .transport(url: url, reason: e.detail)
        }
    }
}
