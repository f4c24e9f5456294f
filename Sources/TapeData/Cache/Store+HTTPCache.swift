import Foundation
import GRDB

/// The content-addressed response cache inside the store (`http_cache` table): each body
/// is kept once under its SHA-256, with the redacted URL it came from and when.
extension Store {
    /// The cache's default cap on the bodies it keeps, in bytes (docs/SESSIONS.md, "Limits").
    public static let defaultCacheLimitBytes = 512 << 20

    /// Stores `body` (idempotent: the same bytes are kept once) and returns its hash. When
    /// the bodies then exceed `cacheLimitBytes`, the least recently fetched are evicted
    /// (never this one, nor the ledger snapshots sessions start from, `tape:` entries).
    @discardableResult
    public func cachePut(url redactedURL: String, body: Data, fetchedAt: Int64) throws -> String {
        let hash = SHA256.hex(body)
        let limit = cacheLimitBytes
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO http_cache(hash, url_redacted, fetched_at, body) VALUES (?, ?, ?, ?)
                ON CONFLICT(hash) DO UPDATE SET url_redacted = excluded.url_redacted, fetched_at = excluded.fetched_at
                """, arguments: [hash, redactedURL, fetchedAt, body])
            let total = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(LENGTH(body)), 0) FROM http_cache") ?? 0
            guard total > limit else { return }
            try db.execute(sql: """
                DELETE FROM http_cache WHERE hash IN (
                    SELECT hash FROM (
                        SELECT hash, url_redacted,
                               SUM(LENGTH(body)) OVER (ORDER BY hash = ? DESC, fetched_at DESC, rowid DESC) AS kept
                        FROM http_cache)
                    WHERE kept > ? AND hash != ? AND url_redacted NOT LIKE 'tape:%')
                """, arguments: [hash, limit, hash])
        }
        return hash
    }

    /// The body stored under `hash`, verified against it; nil when absent.
    public func cacheBody(hash: String) throws -> Data? {
        let body = try pool.read { db in
            try Data.fetchOne(db, sql: "SELECT body FROM http_cache WHERE hash = ?", arguments: [hash.lowercased()])
        }
        guard let body else { return nil }
        guard SHA256.hex(body) == hash.lowercased() else { throw CacheError.corrupt(hash: hash, path: path) }
        return body
    }

    /// The most recent body fetched from `redactedURL`, with its hash.
    public func cacheLatest(url redactedURL: String) throws -> (hash: String, body: Data)? {
        let hash = try pool.read { db in
            try String.fetchOne(db, sql: """
                SELECT hash FROM http_cache WHERE url_redacted = ? ORDER BY fetched_at DESC, rowid DESC LIMIT 1
                """, arguments: [redactedURL])
        }
        guard let hash, let body = try cacheBody(hash: hash) else { return nil }
        return (hash, body)
    }

    /// Number of cached bodies and their total size in bytes.
    public func cacheStats() throws -> (entries: Int, bytes: Int) {
        try pool.read { db in
            let r = try Row.fetchOne(db, sql: "SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM http_cache")
            return (r?[0] ?? 0, r?[1] ?? 0)
        }
    }
}

public enum CacheError: Error, CustomStringConvertible, Equatable {
    case miss(url: String, hash: String?)
    case corrupt(hash: String, path: String)

    public var description: String {
        switch self {
        case let .miss(url, hash?):
            return "offline: the cache has no body with sha256=\(hash) (fetched from \(url)); run the session once online to fetch it"
        case let .miss(url, nil):
            return "offline: nothing cached for \(url); run once online to fetch it"
        case let .corrupt(hash, path):
            return "cached body sha256=\(hash) in \(path) does not match its hash; delete it from http_cache and fetch again"
        }
    }
}
