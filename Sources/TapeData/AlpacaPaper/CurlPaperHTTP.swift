import Foundation

/// `PaperHTTP` over libcurl (`CurlHandle`): GET, POST with a JSON body, DELETE. Kept beside
/// the Alpaca trading client because the shared `HTTPClient` (TapeData/HTTP) is GET-only by
/// design (market data); this one adds methods and bodies and nothing else — no redirects,
/// no progress, no caching (orders must never be replayed from a cache), and no
/// cancellation: an order aborted mid-request may still have reached the broker.
public final class CurlPaperHTTP: PaperHTTP {
    public var connectTimeout = 10.0
    public var totalTimeout = 30.0

    public init() {}

    public func send(method: String, url: String, headers: [String: String], body: [UInt8]?) throws
        -> (status: Int, headers: [String: String], body: [UInt8]) {
        let request = CurlHandle.Request(method: method, url: url,
                                         headers: headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) },
                                         body: body, connectTimeout: connectTimeout, totalTimeout: totalTimeout)
        do {
            let response = try CurlHandle().perform(request)
            return (response.status, response.headers, [UInt8](response.body))
        } catch let e as CurlError {
            throw PaperTransportError("\(method) \(URLRedaction.redact(url)): \(e.detail)")
        }
    }
}

/// A transport failure in one line (the URL carries no keys: they travel in headers).
public struct PaperTransportError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
