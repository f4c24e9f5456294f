import Foundation

/// One GET request. Header values may hold secrets: they are sent, never printed.
public struct HTTPRequest: Sendable {
    public var url: String
    public var headers: [(name: String, value: String)]
    /// Seconds allowed to establish the connection.
    public var connectTimeout: Double
    /// Seconds allowed for the whole transfer.
    public var totalTimeout: Double
    /// What the user should check when the server refuses (401/403), e.g.
    /// "check APCA_API_KEY_ID and APCA_API_SECRET_KEY". Never holds a secret itself.
    public var credentialHint: String?
    /// How the URL was written when it differs from what is sent, e.g. with `${KEY}`
    /// still in place of a secret; messages, session headers and cache keys use it.
    public var shownAs: String?
    /// Values that went into `url` from the environment (`${NAME}`): never shown, so any
    /// text about this request (libcurl's own messages name the host) passes `scrub`.
    public var hidden: [String] = []
    /// Checks a fetched body before the cache keeps it (a CSV that does not parse, JSON
    /// that is not the expected answer): a body that fails is never stored, so a replay
    /// cannot be served it again.
    public var validate: (@Sendable (Data) throws -> Void)?

    public init(url: String, headers: [(name: String, value: String)] = [], connectTimeout: Double = 10,
                totalTimeout: Double = 120, credentialHint: String? = nil, shownAs: String? = nil) {
        self.url = url
        self.shownAs = shownAs
        self.headers = headers
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.credentialHint = credentialHint
    }

    /// The URL as it may appear in messages, logs, session files and cache keys.
    public var redactedURL: String { URLRedaction.redact(shownAs ?? url) }

    /// `text` with every hidden value masked.
    public func scrub(_ text: String) -> String {
        hidden.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
            .reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names in lower case; for repeated headers the last value wins.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Bytes received so far and the total when the server announced one.
public typealias HTTPProgress = (_ received: Int64, _ total: Int64?) -> Void

/// A single GET transfer: returns whatever status the server sent, and throws only for
/// transport failures (timeouts, refused connections, truncated bodies, cancellation).
/// A protocol so tests and session replay can substitute canned responses.
public protocol HTTPClient {
    func get(_ request: HTTPRequest, progress: HTTPProgress?) throws -> HTTPResponse
}
