import Foundation

/// Puts every network body into the store's content-addressed cache and serves replays
/// from it, so a recorded session gives the same numbers offline.
///
/// The session layer pins URLs to hashes (from its `# fetched: URL sha256:HEX` lines):
/// a pinned URL is always answered from the cache with exactly those bytes, online or
/// not. Offline, an unpinned URL gets the latest cached body, and a miss is an error.
/// Only successful bodies reach the cache: wrap a `RetryingHTTPClient`, which throws on
/// any non-2xx status; and a body the request's `validate` refuses (a CSV or JSON that
/// does not parse) is never stored. The cache is capped (`Store.cacheLimitBytes`): past
/// it the oldest bodies are evicted.
public final class CachingHTTPClient: HTTPClient {
    public enum Mode: Sendable { case online, offline }

    public let base: HTTPClient?
    public let store: Store
    public var mode: Mode
    /// Redacted URL -> SHA-256 of the body a replay must see.
    public var pins: [String: String]
    /// What this client fetched or served, in order, for the session's header lines.
    public private(set) var fetched: [(url: String, hash: String)] = []
    let now: () -> Int64

    public init(base: HTTPClient?, store: Store, mode: Mode = .online, pins: [String: String] = [:],
                now: @escaping () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.base = base
        self.store = store
        self.mode = mode
        self.pins = pins
        self.now = now
    }

    public func get(_ request: HTTPRequest, progress: HTTPProgress?) throws -> HTTPResponse {
        let key = request.redactedURL
        if let hash = pins[key] {
            guard let body = try store.cacheBody(hash: hash) else { throw CacheError.miss(url: key, hash: hash) }
            return served(key, hash, body)
        }
        switch mode {
        case .offline:
            guard let hit = try store.cacheLatest(url: key) else { throw CacheError.miss(url: key, hash: nil) }
            return served(key, hit.hash, hit.body)
        case .online:
            guard let base else { throw CacheError.miss(url: key, hash: nil) }
            let r = try base.get(request, progress: progress)
            try request.validate?(r.body)
            let hash = try store.cachePut(url: key, body: r.body, fetchedAt: now())
            fetched.append((key, hash))
            return r
        }
    }

    /// The session header entry for one fetch, `fetched: URL sha256:HEX` (the recorder
    /// writes it as a `# ` comment line at the top of the session file).
    public static func headerEntry(url: String, hash: String) -> String { "fetched: \(url) sha256:\(hash)" }

    /// Reads a header entry back: the whole line (`# fetched: URL sha256:HEX`) or just
    /// its value (`URL sha256:HEX`); `sha256=` is accepted too. Nil for anything else.
    public static func parseHeaderEntry(_ line: String) -> (url: String, hash: String)? {
        var s = Substring(line.trimmingCharacters(in: .whitespaces))
        if s.hasPrefix("#") { s = s.dropFirst().drop { $0 == " " } }
        if s.hasPrefix("fetched:") { s = s.dropFirst(8).drop { $0 == " " } }
        else if s.hasPrefix("fetched ") { s = s.dropFirst(8) }
        guard let r = s.range(of: " sha256:", options: .backwards) ?? s.range(of: " sha256=", options: .backwards) else { return nil }
        let url = String(s[..<r.lowerBound]), hash = String(s[r.upperBound...])
        guard !url.isEmpty, hash.count == 64, hash.allSatisfy(\.isHexDigit) else { return nil }
        return (url, hash.lowercased())
    }

    private func served(_ key: String, _ hash: String, _ body: Data) -> HTTPResponse {
        fetched.append((key, hash))
        return HTTPResponse(status: 200, headers: ["x-tape-cache": "hit"], body: body)
    }
}
