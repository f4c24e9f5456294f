import CCurl
import Foundation

/// `PaperHTTP` over libcurl: GET, POST with a JSON body, DELETE. Kept beside the Alpaca
/// trading client because the shared `HTTPClient` (TapeData/HTTP) is GET-only by design
/// (market data); this one adds methods and bodies and nothing else — no progress, no
/// caching (orders must never be replayed from a cache).
public final class CurlPaperHTTP: PaperHTTP {
    public var connectTimeout = 10.0
    public var totalTimeout = 30.0

    public init() {}

    public func send(method: String, url: String, headers: [String: String], body: [UInt8]?) throws
        -> (status: Int, headers: [String: String], body: [UInt8]) {
        guard CurlHTTPClient.globalInit, let h = curl_easy_init() else { throw PaperTransportError("libcurl failed to initialise") }
        defer { curl_easy_cleanup(h) }
        let sink = Sink()
        let sinkPtr = Unmanaged.passUnretained(sink).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { list = curl_slist_append(list, "\(name): \(value)") }
        defer { curl_slist_free_all(list) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { eb in
            _ = tape_curl_setopt_string(h, CURLOPT_URL, url)
            _ = tape_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
            _ = tape_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, CurlHTTPClient.millis(connectTimeout))
            _ = tape_curl_setopt_long(h, CURLOPT_TIMEOUT_MS, CurlHTTPClient.millis(totalTimeout))
            _ = tape_curl_setopt_string(h, CURLOPT_USERAGENT, "tape/0.1")
            if let body {
                // COPYPOSTFIELDS copies the bytes now; the size is set first so no strlen is taken.
                _ = tape_curl_setopt_long(h, CURLOPT_POSTFIELDSIZE, body.count)
                _ = tape_curl_setopt_string(h, CURLOPT_COPYPOSTFIELDS, String(decoding: body, as: UTF8.self))
            }
            if method == "GET" {
                _ = tape_curl_setopt_long(h, CURLOPT_HTTPGET, 1)
            } else if !(method == "POST" && body != nil) {
                _ = tape_curl_setopt_string(h, CURLOPT_CUSTOMREQUEST, method)
            }
            _ = tape_curl_setopt_slist(h, CURLOPT_HTTPHEADER, list)
            _ = tape_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, eb.baseAddress)
            _ = tape_curl_setopt_write(h) { data, size, n, ud in
                guard let ud, let data else { return 0 }
                Unmanaged<Sink>.fromOpaque(ud).takeUnretainedValue().body
                    .append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * n))
                return size * n
            }
            _ = tape_curl_setopt_pointer(h, CURLOPT_WRITEDATA, sinkPtr)
            _ = tape_curl_setopt_header(h) { data, size, n, ud in
                guard let ud, let data else { return 0 }
                let sink = Unmanaged<Sink>.fromOpaque(ud).takeUnretainedValue()
                let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * n), as: UTF8.self)
                CurlHTTPClient.addHeader(line: line, to: &sink.headers)
                return size * n
            }
            _ = tape_curl_setopt_pointer(h, CURLOPT_HEADERDATA, sinkPtr)
            return curl_easy_perform(h)
        }
        guard code == CURLE_OK else {
            throw PaperTransportError("\(method) \(URLRedaction.redact(url)): \(CurlHTTPClient.failure(code, errorBuffer))")
        }
        var status = 0
        _ = tape_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return (status, sink.headers, sink.body)
    }
}

/// A transport failure in one line (the URL carries no keys: they travel in headers).
public struct PaperTransportError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}

/// What libcurl's callbacks fill in, reached through an opaque pointer.
private final class Sink {
    var body: [UInt8] = []
    var headers: [String: String] = [:]
}
