import Foundation
import GRDB
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// Answers from a fixed table and counts calls: stands in for the network.
final class CannedHTTPClient: HTTPClient {
    var answers: [String: Data]
    var calls: [String] = []
    init(_ answers: [String: Data]) { self.answers = answers }
    func get(_ request: HTTPRequest, progress: HTTPProgress?) throws -> HTTPResponse {
        calls.append(request.url)
        guard let body = answers[request.url] else {
            throw HTTPError.status(code: 404, url: request.redactedURL, attempts: 1, hint: nil)
        }
        return HTTPResponse(status: 200, body: body)
    }
}

final class CachingHTTPClientTests: XCTestCase {
    var dir: TempDir!
    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir.remove() }

    let abcHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"   // SHA-256("abc"), FIPS 180-4

    func testOnlineFetchIsCachedByHashUnderRedactedURL() throws {
        let store = try Store(path: dir.path + "/s.db")
        let url = "https://example.test/a?apikey=SECRET&x=1"
        let net = CannedHTTPClient([url: Data("abc".utf8)])
        let c = CachingHTTPClient(base: net, store: store, now: { 1_700_000_000 })
        let r = try c.get(HTTPRequest(url: url), progress: nil)
        XCTAssertEqual(r.body, Data("abc".utf8))
        XCTAssertEqual(c.fetched.map(\.hash), [abcHash])
        XCTAssertEqual(c.fetched.map(\.url), ["https://example.test/a?apikey=***&x=1"])
        XCTAssertEqual(try store.cacheBody(hash: abcHash), Data("abc".utf8))
        XCTAssertEqual(try store.cacheStats().entries, 1)
        // Nothing secret reached the file.
        let raw = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/s.db"))
            + ((try? Data(contentsOf: URL(fileURLWithPath: dir.path + "/s.db-wal"))) ?? Data())
        XCTAssertNil(raw.range(of: Data("SECRET".utf8)))
    }

    func testPinnedReplayServesExactBytesWithoutNetwork() throws {
        let store = try Store(path: dir.path + "/s.db")
        let url = "https://example.test/bars"
        let net = CannedHTTPClient([url: Data("abc".utf8)])
        _ = try CachingHTTPClient(base: net, store: store).get(HTTPRequest(url: url), progress: nil)
        net.answers[url] = Data("changed upstream".utf8)
        let replay = CachingHTTPClient(base: net, store: store, pins: [url: abcHash])
        XCTAssertEqual(try replay.get(HTTPRequest(url: url), progress: nil).body, Data("abc".utf8))
        XCTAssertEqual(net.calls.count, 1)
        let entry = CachingHTTPClient.headerEntry(url: url, hash: abcHash)
        XCTAssertEqual(entry, "fetched: https://example.test/bars sha256:\(abcHash)")
        XCTAssertTrue(CachingHTTPClient.parseHeaderEntry("# " + entry).map { $0 == (url, abcHash) } ?? false)
        XCTAssertTrue(CachingHTTPClient.parseHeaderEntry("\(url) sha256:\(abcHash)").map { $0 == (url, abcHash) } ?? false)
        XCTAssertTrue(CachingHTTPClient.parseHeaderEntry("# fetched \(url) sha256=\(abcHash)").map { $0 == (url, abcHash) } ?? false)
        XCTAssertNil(CachingHTTPClient.parseHeaderEntry("# fetched x sha256=zz"))
    }

    func testOfflineMissesAreClearAndCorruptionIsCaught() throws {
        let store = try Store(path: dir.path + "/s.db")
        let off = CachingHTTPClient(base: nil, store: store, mode: .offline)
        XCTAssertThrowsError(try off.get(HTTPRequest(url: "https://example.test/x"), progress: nil)) {
            XCTAssertEqual("\($0)", "offline: nothing cached for https://example.test/x; run once online to fetch it")
        }
        off.pins["https://example.test/x"] = abcHash
        XCTAssertThrowsError(try off.get(HTTPRequest(url: "https://example.test/x"), progress: nil)) {
            XCTAssertEqual($0 as? CacheError, .miss(url: "https://example.test/x", hash: abcHash))
        }
        try store.cachePut(url: "https://example.test/x", body: Data("abc".utf8), fetchedAt: 1)
        XCTAssertEqual(try off.get(HTTPRequest(url: "https://example.test/x"), progress: nil).body, Data("abc".utf8))
        try DatabaseQueue(path: dir.path + "/s.db").write { db in
            try db.execute(sql: "UPDATE http_cache SET body = X'616263FF'")
        }
        XCTAssertThrowsError(try store.cacheBody(hash: abcHash)) {
            XCTAssertEqual($0 as? CacheError, .corrupt(hash: self.abcHash, path: self.dir.path + "/s.db"))
        }
    }

    func testAlpacaSessionReplaysOfflineWithSameBars() throws {
        let server: MarketServer
        do { server = try MarketServer(extraArguments: ["--page-size", "500"]) } catch { throw XCTSkip("no market server") }
        defer { server.stop() }
        let store = try Store(path: dir.path + "/s.db")
        let config = try AlpacaBarsClient.Config.fromEnvironment(
            ["APCA_API_KEY_ID": "test-key-id", "APCA_API_SECRET_KEY": "test-secret", "APCA_DATA_URL": server.base])
        let token = CancellationToken()
        let online = CachingHTTPClient(base: RetryingHTTPClient(base: CurlHTTPClient(cancellation: token), cancellation: token),
                                       store: store)
        let to = CivilTime.timestamp(year: 2019, month: 1, day: 1)
        let live = try AlpacaBarsClient(client: online, config: config).bars(symbol: "ADBE", from: 0, to: to)
        XCTAssertEqual(online.fetched.count, 3)   // 1259 rows in pages of 500
        let pins = Dictionary(uniqueKeysWithValues: online.fetched.map { ($0.url, $0.hash) })
        server.stop()
        let offline = CachingHTTPClient(base: nil, store: try Store(path: dir.path + "/s.db"), mode: .offline, pins: pins)
        let replayed = try AlpacaBarsClient(client: offline, config: config).bars(symbol: "ADBE", from: 0, to: to)
        XCTAssertEqual(replayed, live)
        XCTAssertEqual(replayed.count, 1259)
    }
}
