import CCurl
import Foundation

/// The real network: one libcurl easy handle per request.
///
/// libcurl rather than Foundation's URLSession because on Linux URLSession sits on the
/// same libcurl with fewer controls (no transfer-info callback to abort mid-transfer,
/// no separate connect timeout), and one code path behaves the same on every platform.
public final class CurlHTTPClient: HTTPClient {
    public let cancellation: CancellationToken
    public var userAgent = "tape/0.1"

    /// curl_global_init is not thread-safe and must run once before any handle; the
    /// trading client's `CurlPaperHTTP` relies on this same one.
    static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

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
        guard CurlHTTPClient.globalInit, let h = curl_easy_init() else {
            throw HTTPError.transport(url: shown, reason: "libcurl failed to initialise")
        }
        defer { curl_easy_cleanup(h) }
        if cancellation.isCancelled { throw HTTPError.cancelled(url: shown) }

        let ctx = Transfer(cancellation: cancellation, progress: progress)
        let ctxPtr = Unmanaged.passUnretained(ctx).toOpaque()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        defer { curl_slist_free_all(list) }

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { eb in
            _ = tape_curl_setopt_string(h, CURLOPT_URL, request.url)
            _ = tape_curl_setopt_long(h, CURLOPT_HTTPGET, 1)
            _ = tape_curl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0)
            // Only the web: a URL or a redirect must never reach file://, scp:// and the like.
            _ = tape_curl_setopt_string(h, CURLOPT_PROTOCOLS_STR, "http,https")
            // No SIGALRM-based DNS timeouts: they are unsafe in a multi-threaded process.
            _ = tape_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
            _ = tape_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, CurlHTTPClient.millis(request.connectTimeout))
            _ = tape_curl_setopt_long(h, CURLOPT_TIMEOUT_MS, CurlHTTPClient.millis(request.totalTimeout))
            _ = tape_curl_setopt_string(h, CURLOPT_ACCEPT_ENCODING, "")   // any encoding curl can decode
            _ = tape_curl_setopt_string(h, CURLOPT_USERAGENT, userAgent)
            _ = tape_curl_setopt_slist(h, CURLOPT_HTTPHEADER, list)
            _ = tape_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, eb.baseAddress)
            _ = tape_curl_setopt_write(h) { data, size, n, ud in
                guard let ud, let data else { return 0 }
                let t = Unmanaged<Transfer>.fromOpaque(ud).takeUnretainedValue()
                // Returning less than given aborts the transfer (CURLE_WRITE_ERROR).
                if t.body.count + size * n > CurlHTTPClient.maxBodyBytes { t.tooLarge = true; return 0 }
                t.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * n)
                return size * n
            }
            _ = tape_curl_setopt_pointer(h, CURLOPT_WRITEDATA, ctxPtr)
            _ = tape_curl_setopt_header(h) { data, size, n, ud in
                guard let ud, let data else { return 0 }
                let t = Unmanaged<Transfer>.fromOpaque(ud).takeUnretainedValue()
                let bytes = UnsafeRawBufferPointer(start: data, count: size * n)
                CurlHTTPClient.addHeader(line: String(decoding: bytes, as: UTF8.self), to: &t.headers)
                return size * n
            }
            _ = tape_curl_setopt_pointer(h, CURLOPT_HEADERDATA, ctxPtr)
            _ = tape_curl_setopt_long(h, CURLOPT_NOPROGRESS, 0)
            // Called about once a second and on every chunk: returning non-zero aborts the
            // transfer at once with CURLE_ABORTED_BY_CALLBACK, which is how Ctrl-C works.
            _ = tape_curl_setopt_xferinfo(h) { ud, dltotal, dlnow, _, _ in
                guard let ud else { return 0 }
                let t = Unmanaged<Transfer>.fromOpaque(ud).takeUnretainedValue()
                if t.cancellation.isCancelled { return 1 }
                if dlnow != t.lastReported {
                    t.lastReported = dlnow
                    t.progress?(Int64(dlnow), dltotal > 0 ? Int64(dltotal) : nil)
                }
                return 0
            }
            _ = tape_curl_setopt_pointer(h, CURLOPT_XFERINFODATA, ctxPtr)
            return curl_easy_perform(h)
        }

        var status = 0
        _ = tape_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        var expected: curl_off_t = -1
        _ = tape_curl_getinfo_off_t(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected)
        switch code {
        case CURLE_OK:
            break
        case CURLE_WRITE_ERROR where ctx.tooLarge:
            throw HTTPError.transport(url: shown, reason: "the body is larger than \(CurlHTTPClient.maxBodyBytes >> 20) MB")
        case CURLE_UNSUPPORTED_PROTOCOL:
            throw HTTPError.transport(url: shown, reason: "only http:// and https:// URLs are fetched")
        case CURLE_ABORTED_BY_CALLBACK:
            throw HTTPError.cancelled(url: shown)
        case CURLE_OPERATION_TIMEDOUT:
            var connectMicros: curl_off_t = 0
            _ = tape_curl_getinfo_off_t(h, CURLINFO_CONNECT_TIME_T, &connectMicros)
            let connected = connectMicros > 0
            throw HTTPError.timedOut(url: shown, seconds: connected ? request.totalTimeout : request.connectTimeout)
        case CURLE_PARTIAL_FILE:
            throw HTTPError.truncated(url: shown, received: Int64(ctx.body.count), expected: Int64(expected))
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            throw HTTPError.cannotConnect(url: shown, reason: request.scrub(CurlHTTPClient.failure(code, errorBuffer)))
        default:
            throw HTTPError.transport(url: shown, reason: request.scrub(CurlHTTPClient.failure(code, errorBuffer)))
        }
        // A compressed body's length differs from Content-Length, so only compare identity bodies.
        if expected > 0, ctx.headers["content-encoding"] == nil, Int64(ctx.body.count) < Int64(expected) {
            throw HTTPError.truncated(url: shown, received: Int64(ctx.body.count), expected: Int64(expected))
        }
        var location: UnsafeMutablePointer<CChar>?
        _ = tape_curl_getinfo_string(h, CURLINFO_REDIRECT_URL, &location)
        return (HTTPResponse(status: status, headers: ctx.headers, body: ctx.body), location.map { String(cString: $0) })
    }

    /// Bodies are held in memory; past this a download is refused rather than exhausting it.
    static let maxBodyBytes = 1 << 30

    static func millis(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }   // 0 = libcurl's "no limit"
        return Int(min(seconds, 86_400) * 1000)
    }

    /// What went wrong: libcurl's detailed message from the error buffer, else the code's text.
    static func failure(_ code: CURLcode, _ errorBuffer: [CChar]) -> String {
        let detail = String(cString: errorBuffer.prefix { $0 != 0 } + [0])
        if !detail.isEmpty { return detail }
        return curl_easy_strerror(code).map { String(cString: $0) } ?? "libcurl error \(code.rawValue)"
    }

    /// Adds one received header line to `headers` (names lower-cased, the last repeat
    /// wins); a status line starts a new response (after a redirect or 100-continue).
    static func addHeader(line: String, to headers: inout [String: String]) {
        if line.hasPrefix("HTTP/") { headers = [:]; return }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// State shared with libcurl's C callbacks through an opaque pointer.
private final class Transfer {
    let cancellation: CancellationToken
    let progress: HTTPProgress?
    var body = Data()
    var headers: [String: String] = [:]
    var lastReported: curl_off_t = -1
    var tooLarge = false

    init(cancellation: CancellationToken, progress: HTTPProgress?) {
        self.cancellation = cancellation
        self.progress = progress
    }
}
