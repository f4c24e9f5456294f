import CCurl
import Foundation

/// One libcurl easy handle, owned: made in `init`, freed in `deinit`. Every libcurl
/// result code, from setting an option to the transfer itself, becomes a `CurlError`, and
/// the C callbacks (body, headers, transfer info) are wired here once for every client
/// (market data and S3 through `CurlHTTPClient`, Alpaca trading through `CurlPaperHTTP`).
///
/// Cancellation is a closure polled by libcurl's transfer-info callback, which runs about
/// once a second and on every chunk received; returning true aborts the transfer at once.
final class CurlHandle {
    /// What to send. Header values may hold secrets: they are sent, never printed.
    struct Request {
        var method = "GET"
        var url: String
        var headers: [(name: String, value: String)] = []
        var body: [UInt8]?
        /// Seconds allowed to connect, and for the whole transfer (0 or less: no limit).
        var connectTimeout = 10.0
        var totalTimeout = 120.0
        var userAgent = "tape/0.1"
        /// Ask for any encoding libcurl can decode (gzip, deflate, ...).
        var acceptCompressed = false
        /// Bodies are held in memory; past this a download is refused rather than exhausting it.
        var maxBodyBytes = 1 << 30
    }

    /// libcurl never follows a redirect itself (it would send the request's headers, keys
    /// included, to whatever host the redirect names): a 3xx comes back with `redirectURL`
    /// for the caller to judge.
    struct Response {
        var status: Int
        /// Header names in lower case; for repeated headers the last value wins.
        var headers: [String: String]
        var body: Data
        /// Where a 3xx points, resolved against the request's URL.
        var redirectURL: String?
    }

    /// curl_global_init is not thread-safe and must run once before any handle.
    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    private let handle: UnsafeMutableRawPointer

    init() throws {
        guard Self.globalInit, let h = curl_easy_init() else {
            throw CurlError(.initialisation, code: CURLE_FAILED_INIT, detail: "libcurl failed to initialise")
        }
        handle = h
    }

    deinit { curl_easy_cleanup(handle) }

    /// Performs `request`; any HTTP status is a response, only transport failures throw.
    func perform(_ request: Request, isCancelled: @escaping () -> Bool = { false },
                 progress: HTTPProgress? = nil) throws -> Response {
        if isCancelled() { throw CurlError(.cancelled, code: CURLE_ABORTED_BY_CALLBACK, detail: "cancelled") }
        let transfer = Transfer(isCancelled: isCancelled, progress: progress, maxBodyBytes: request.maxBodyBytes)
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers { list = curl_slist_append(list, "\(name): \(value)") }
        defer { curl_slist_free_all(list) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code: CURLcode = try errorBuffer.withUnsafeMutableBufferPointer { eb in
            try option("URL", tape_curl_setopt_string(handle, CURLOPT_URL, request.url))
            // Only the web: a URL must never reach file://, scp:// and the like.
            try option("PROTOCOLS_STR", tape_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
            try option("FOLLOWLOCATION", tape_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
            // No SIGALRM-based DNS timeouts: they are unsafe in a multi-threaded process.
            try option("NOSIGNAL", tape_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
            try option("CONNECTTIMEOUT_MS", tape_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.millis(request.connectTimeout)))
            try option("TIMEOUT_MS", tape_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.millis(request.totalTimeout)))
            if request.acceptCompressed {
                try option("ACCEPT_ENCODING", tape_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
            }
            try option("USERAGENT", tape_curl_setopt_string(handle, CURLOPT_USERAGENT, request.userAgent))
            if let body = request.body {
                // COPYPOSTFIELDS copies the bytes now; the size is set first so no strlen is taken.
                try option("POSTFIELDSIZE", tape_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count))
                try option("COPYPOSTFIELDS", tape_curl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, String(decoding: body, as: UTF8.self)))
            }
            if request.method == "GET" {
                try option("HTTPGET", tape_curl_setopt_long(handle, CURLOPT_HTTPGET, 1))
            } else if !(request.method == "POST" && request.body != nil) {
                try option("CUSTOMREQUEST", tape_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method))
            }
            try option("HTTPHEADER", tape_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list))
            try option("ERRORBUFFER", tape_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, eb.baseAddress))
            try option("WRITEFUNCTION", tape_curl_setopt_write(handle) { data, size, n, context in
                guard let context, let data else { return 0 }
                let t = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                // Returning less than given aborts the transfer (CURLE_WRITE_ERROR).
                if t.body.count + size * n > t.maxBodyBytes { t.tooLarge = true; return 0 }
                t.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * n)
                return size * n
            })
            try option("WRITEDATA", tape_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
            try option("HEADERFUNCTION", tape_curl_setopt_header(handle) { data, size, n, context in
                guard let context, let data else { return 0 }
                let t = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                let bytes = UnsafeRawBufferPointer(start: data, count: size * n)
                CurlHandle.addHeader(line: String(decoding: bytes, as: UTF8.self), to: &t.headers)
                return size * n
            })
            try option("HEADERDATA", tape_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
            try option("NOPROGRESS", tape_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
            // Returning non-zero aborts with CURLE_ABORTED_BY_CALLBACK: how Ctrl-C works.
            try option("XFERINFOFUNCTION", tape_curl_setopt_xferinfo(handle) { context, dltotal, dlnow, _, _ in
                guard let context else { return 0 }
                let t = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                if t.isCancelled() { return 1 }
                if dlnow != t.lastReported {
                    t.lastReported = dlnow
                    t.progress?(Int64(dlnow), dltotal > 0 ? Int64(dltotal) : nil)
                }
                return 0
            })
            try option("XFERINFODATA", tape_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context))
            return curl_easy_perform(handle)
        }

        var expected: curl_off_t = -1
        try info("CONTENT_LENGTH_DOWNLOAD_T", tape_curl_getinfo_off_t(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected))
        let received = Int64(transfer.body.count)
        guard code == CURLE_OK else {
            let detail = Self.detail(code, errorBuffer)
            switch code {
            case CURLE_WRITE_ERROR where transfer.tooLarge:
                throw CurlError(.bodyTooLarge(limit: request.maxBodyBytes), code: code, detail: detail)
            case CURLE_UNSUPPORTED_PROTOCOL:
                throw CurlError(.unsupportedProtocol, code: code, detail: detail)
            case CURLE_ABORTED_BY_CALLBACK:
                throw CurlError(.cancelled, code: code, detail: detail)
            case CURLE_OPERATION_TIMEDOUT:
                var connectMicros: curl_off_t = 0
                try info("CONNECT_TIME_T", tape_curl_getinfo_off_t(handle, CURLINFO_CONNECT_TIME_T, &connectMicros))
                throw CurlError(.timedOut(connected: connectMicros > 0), code: code, detail: detail)
            case CURLE_PARTIAL_FILE:
                throw CurlError(.truncated(received: received, expected: Int64(expected)), code: code, detail: detail)
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
                throw CurlError(.cannotConnect, code: code, detail: detail)
            default:
                throw CurlError(.other, code: code, detail: detail)
            }
        }
        // A compressed body's length differs from Content-Length, so only compare identity bodies.
        if expected > 0, transfer.headers["content-encoding"] == nil, received < Int64(expected) {
            throw CurlError(.truncated(received: received, expected: Int64(expected)), code: CURLE_PARTIAL_FILE,
                            detail: "got \(received) of \(expected) bytes")
        }
        var status = 0
        try info("RESPONSE_CODE", tape_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status))
        var location: UnsafeMutablePointer<CChar>?
        try info("REDIRECT_URL", tape_curl_getinfo_string(handle, CURLINFO_REDIRECT_URL, &location))
        return Response(status: status, headers: transfer.headers, body: transfer.body,
                        redirectURL: location.map { String(cString: $0) })
    }

    private func option(_ name: String, _ code: CURLcode) throws {
        guard code == CURLE_OK else { throw CurlError(.option("CURLOPT_" + name), code: code, detail: Self.text(code)) }
    }

    private func info(_ name: String, _ code: CURLcode) throws {
        guard code == CURLE_OK else { throw CurlError(.option("CURLINFO_" + name), code: code, detail: Self.text(code)) }
    }

    static func millis(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }   // 0 = libcurl's "no limit"
        return Int(min(seconds, 86_400) * 1000)
    }

    /// What went wrong: libcurl's detailed message from the error buffer, else the code's text.
    private static func detail(_ code: CURLcode, _ errorBuffer: [CChar]) -> String {
        let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return detail.isEmpty ? text(code) : detail
    }

    private static func text(_ code: CURLcode) -> String {
        curl_easy_strerror(code).map { String(cString: $0) } ?? "libcurl error \(code.rawValue)"
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

/// A libcurl failure as a value: its kind, the code, and libcurl's own words (which name
/// hosts and addresses, never header values). Clients turn it into their error type with
/// the redacted URL.
struct CurlError: Error, Equatable {
    enum Kind: Equatable {
        case initialisation
        /// libcurl refused an option or an info query (named), e.g. an unsupported protocol list.
        case option(String)
        case cancelled
        /// `connected`: the connection was made, so the transfer (not the connect) ran out of time.
        case timedOut(connected: Bool)
        case cannotConnect
        case unsupportedProtocol
        case bodyTooLarge(limit: Int)
        case truncated(received: Int64, expected: Int64)
        case other
    }

    let kind: Kind
    /// libcurl's `CURLcode`, as a number (plain data, so the error is Sendable).
    let code: Int
    let detail: String

    init(_ kind: Kind, code: CURLcode, detail: String) {
        self.kind = kind
        self.code = Int(code.rawValue)
        self.detail = detail
    }
}

/// State shared with libcurl's C callbacks through an opaque pointer.
private final class Transfer {
    let isCancelled: () -> Bool
    let progress: HTTPProgress?
    let maxBodyBytes: Int
    var body = Data()
    var headers: [String: String] = [:]
    var lastReported: curl_off_t = -1
    var tooLarge = false

    init(isCancelled: @escaping () -> Bool, progress: HTTPProgress?, maxBodyBytes: Int) {
        self.isCancelled = isCancelled
        self.progress = progress
        self.maxBodyBytes = maxBodyBytes
    }
}
