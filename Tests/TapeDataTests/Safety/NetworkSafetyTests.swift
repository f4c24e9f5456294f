import Foundation
import Synchronization
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// Keys go only to the host they belong to, expanded secrets never reach a message, and
/// every loop a server drives (redirects, pages, Retry-After) has an end.
final class NetworkSafetyTests: XCTestCase {
    /// Two servers, started at the first test's request and stopped when the class is done.
    static let a: MarketServer? = try? MarketServer()
    static let b: MarketServer? = try? MarketServer()
    override class func tearDown() { a?.stop(); b?.stop() }

    override func setUpWithError() throws {
        if Self.a == nil || Self.b == nil { throw XCTSkip("loopback market server did not start") }
    }

    let keys: [(name: String, value: String)] = [("APCA-API-KEY-ID", "id-123"), ("APCA-API-SECRET-KEY", "secret-456"),
                                                 ("Authorization", "AWS4-HMAC-SHA256 Credential=x, Signature=abc")]

    func echoed(_ url: String) throws -> [String: String] {
        let r = try CurlHTTPClient(cancellation: CancellationToken()).get(HTTPRequest(url: url, headers: keys), progress: nil)
        XCTAssertEqual(r.status, 200)
        return try JSONSerialization.jsonObject(with: r.body) as? [String: String] ?? [:]
    }

    func testRedirectToAnotherHostCarriesNoKeyHeaders() throws {
        let a = try XCTUnwrap(Self.a), b = try XCTUnwrap(Self.b)
        for code in [301, 302, 303, 307, 308] {
            let target = (b.base + "/echo").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let sent = try echoed(a.base + "/redirect?code=\(code)&to=\(target)")
            XCTAssertNil(sent["apca-api-key-id"], "\(code)")
            XCTAssertNil(sent["apca-api-secret-key"], "\(code)")
            XCTAssertNil(sent["authorization"], "\(code)")
            XCTAssertEqual(sent["host"], "127.0.0.1:\(b.port)")
        }
    }

    func testRedirectOnTheSameHostKeepsThem() throws {
        let a = try XCTUnwrap(Self.a)
        let sent = try echoed(a.base + "/redirect?to=%2Fecho")
        XCTAssertEqual(sent["apca-api-key-id"], "id-123")
        XCTAssertEqual(sent["apca-api-secret-key"], "secret-456")
    }

    func testRedirectsStopAfterTheCap() throws {
        let a = try XCTUnwrap(Self.a)
        // Each hop redirects to a URL that redirects again, six deep: one more than allowed.
        var url = a.base + "/echo"
        for _ in 0...CurlHTTPClient.maxRedirects {
            url = a.base + "/redirect?to=" + (url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }
        XCTAssertThrowsError(try CurlHTTPClient(cancellation: CancellationToken()).get(HTTPRequest(url: url), progress: nil)) {
            XCTAssertTrue("\($0)".hasSuffix("more than 5 redirects"), "\($0)")
        }
    }

    /// libcurl's own message names the host; a host that came from `${NAME}` is masked.
    func testAnExpandedValueNeverAppearsInAnError() throws {
        var request = HTTPRequest(url: "http://127.0.0.1:1/x.csv", shownAs: "http://${HOST}:1/x.csv")
        request.hidden = ["127.0.0.1"]
        XCTAssertThrowsError(try CurlHTTPClient(cancellation: CancellationToken()).get(request, progress: nil)) {
            let text = "\($0)"
            XCTAssertTrue(text.contains("${HOST}"), text)
            XCTAssertFalse(text.contains("127.0.0.1"), text)
        }
    }

    func testABodyThatDoesNotParseIsNotCached() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let a = try XCTUnwrap(Self.a)
        let store = try Store(path: dir.path + "/s.db")
        let client = CachingHTTPClient(base: CurlHTTPClient(cancellation: CancellationToken()), store: store)
        var request = HTTPRequest(url: a.base + "/echo")
        request.validate = { body in _ = try BarsCSV.parse(bytes: Array(body), name: "X", source: "echo") }
        XCTAssertThrowsError(try client.get(request, progress: nil))
        XCTAssertEqual(try store.cacheStats().entries, 0)
        XCTAssertTrue(client.fetched.isEmpty)
        request.validate = nil
        _ = try client.get(request, progress: nil)
        XCTAssertEqual(try store.cacheStats().entries, 1)
    }

    func testTheCacheEvictsTheOldestBeyondItsCap() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Store(path: dir.path + "/s.db")
        store.cacheLimitBytes = 2500
        let snapshot = try store.cachePut(url: "tape:ledger-snapshot", body: Data(repeating: 9, count: 600), fetchedAt: 0)
        var hashes: [String] = []
        for k in 1...5 {
            hashes.append(try store.cachePut(url: "http://h/\(k)", body: Data(repeating: UInt8(k), count: 1000), fetchedAt: Int64(k)))
        }
        // 600 for the kept snapshot, then the newest bodies while the total stays <= 2500.
        XCTAssertNotNil(try store.cacheBody(hash: snapshot))
        XCTAssertNotNil(try store.cacheBody(hash: hashes[4]))
        XCTAssertNotNil(try store.cacheBody(hash: hashes[3]))
        for h in hashes[0...2] { XCTAssertNil(try store.cacheBody(hash: h)) }
        XCTAssertEqual(try store.cacheStats().bytes, 2600)
    }

    struct Always: HTTPClient {
        let respond: (HTTPRequest) -> HTTPResponse
        func get(_ request: HTTPRequest, progress: HTTPProgress?) throws -> HTTPResponse { respond(request) }
    }

    func testRetryAfterWaitsHaveATotalCap() {
        var slept: [Double] = []
        let base = Always { _ in HTTPResponse(status: 503, headers: ["retry-after": "100"], body: Data()) }
        let c = RetryingHTTPClient(base: base, policy: RetryPolicy(maxAttempts: 10, seed: 1),
                                   cancellation: CancellationToken(), sleep: { slept.append($0) })
        XCTAssertThrowsError(try c.get(HTTPRequest(url: "http://h/x"), progress: nil)) {
            XCTAssertEqual($0 as? HTTPError, .retryAfterTooLong(url: "http://h/x", seconds: 200))
        }
        XCTAssertEqual(slept, [100])
    }

    final class Counter: Sendable {
        private let value = Mutex(0)
        var n: Int {
            get { value.withLock { $0 } }
            set { value.withLock { $0 = newValue } }
        }
    }

    func testAlpacaPaginationStopsAtItsCap() {
        let count = Counter()
        let base = Always { _ in
            count.n += 1
            return HTTPResponse(status: 200, body: Data("{\"bars\":[],\"next_page_token\":\"t\(count.n)\"}".utf8))
        }
        let client = AlpacaBarsClient(client: base, config: .init(baseURL: "http://h", keyID: "k", secretKey: "s"))
        XCTAssertThrowsError(try client.bars(symbol: "SPY", from: 0, to: 86_400 * 10)) {
            XCTAssertEqual($0 as? AlpacaError, .tooManyPages(symbol: "SPY", pages: AlpacaBarsClient.maxPages))
        }
        XCTAssertEqual(count.n, AlpacaBarsClient.maxPages)
    }

    func testS3ListingStopsAtItsCap() {
        let count = Counter()
        let base = Always { _ in
            count.n += 1
            let xml = "<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>t\(count.n)</NextContinuationToken></ListBucketResult>"
            return HTTPResponse(status: 200, body: Data(xml.utf8))
        }
        let config = S3Config(endpoint: "http://127.0.0.1:9", region: "us-east-1", accessKeyID: "a", secretAccessKey: "b")
        XCTAssertThrowsError(try S3Client(http: base, config: config).list(bucket: "bkt", prefix: ""))
        XCTAssertEqual(count.n, S3Client.maxListPages)
    }
}
