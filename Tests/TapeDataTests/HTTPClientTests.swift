import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

final class HTTPClientTests: XCTestCase {
    /// Started at the first test's request, stopped when the class is done.
    static let server: MarketServer? = try? MarketServer()
    override class func tearDown() { server?.stop() }

    var base: String { HTTPClientTests.server?.base ?? "http://127.0.0.1:9" }
    let token = CancellationToken()

    func retrying(attempts: Int = 4) -> (RetryingHTTPClient, () -> [Double]) {
        var slept: [Double] = []
        let c = RetryingHTTPClient(base: CurlHTTPClient(cancellation: token),
                                   policy: RetryPolicy(maxAttempts: attempts, seed: 42),
                                   cancellation: token, sleep: { slept.append($0) })
        return (c, { slept })
    }

    override func setUpWithError() throws {
        if HTTPClientTests.server == nil { throw XCTSkip("loopback market server did not start") }
    }

    func testGetBodyHeadersAndProgress() throws {
        let file = try Data(contentsOf: Repository.fixtures("universe/AAPL.csv"))
        var last: (Int64, Int64?) = (0, nil)
        let r = try CurlHTTPClient(cancellation: token).get(HTTPRequest(url: base + "/csv/AAPL.csv")) { last = ($0, $1) }
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.body, file)
        XCTAssertEqual(r.headers["content-type"], "text/csv")
        XCTAssertEqual(last.0, Int64(file.count))
        XCTAssertEqual(last.1, Int64(file.count))
        let echo = try CurlHTTPClient(cancellation: token).get(
            HTTPRequest(url: base + "/echo", headers: [("X-Test", "hello")]), progress: nil)
        let sent = try JSONSerialization.jsonObject(with: echo.body) as? [String: String]
        XCTAssertEqual(sent?["x-test"], "hello")
    }

    func testAuthAndNotFoundErrorsSayWhatToCheck() throws {
        let (c, _) = retrying()
        let hint = "check APCA_API_KEY_ID and APCA_API_SECRET_KEY"
        XCTAssertThrowsError(try c.get(HTTPRequest(url: base + "/status/401", credentialHint: hint), progress: nil)) {
            XCTAssertEqual("\($0)", "HTTP 401 Unauthorized from \(self.base)/status/401: the server did not accept the credentials; " + hint)
        }
        XCTAssertThrowsError(try c.get(HTTPRequest(url: base + "/status/403", credentialHint: hint), progress: nil)) {
            XCTAssertEqual("\($0)", "HTTP 403 Forbidden from \(self.base)/status/403: the credentials are not allowed to read this; " + hint)
        }
        XCTAssertThrowsError(try c.get(HTTPRequest(url: base + "/csv/NOPE.csv"), progress: nil)) {
            XCTAssertEqual("\($0)", "HTTP 404 Not Found: \(self.base)/csv/NOPE.csv; check the symbol, bucket, object key or path")
        }
    }

    func testRetriesServerErrorsWithSeededExponentialBackoff() throws {
        let (c, slept) = retrying()
        let r = try c.get(HTTPRequest(url: base + "/flaky/a?code=503&fails=2"), progress: nil)
        XCTAssertEqual(String(decoding: r.body, as: UTF8.self), "ok a")
        // Backoff = 0.5 s · 2^(attempt-1) · U[0.5, 1) with U from SplitMix64(seed 42).
        var g = SplitMix64(seed: 42)
        let u1: Double = g.unit(), u2: Double = g.unit()
        let expected: [Double] = [0.5 * (0.5 + 0.5 * u1), 1.0 * (0.5 + 0.5 * u2)]
        XCTAssertEqual(slept(), expected)
        XCTAssertTrue((0.25..<0.5).contains(slept()[0]) && (0.5..<1.0).contains(slept()[1]))
    }

    func testPersistentServerErrorGivesUpWithAttemptCount() throws {
        let (c, slept) = retrying(attempts: 3)
        XCTAssertThrowsError(try c.get(HTTPRequest(url: base + "/status/500"), progress: nil)) {
            XCTAssertEqual("\($0)", "HTTP 500 server error from \(self.base)/status/500 after 3 attempts; the service is failing, try again later")
        }
        XCTAssertEqual(slept().count, 2)
    }

    func testSplitMix64MatchesReferenceOutput() {
        // Reference: Vigna's splitmix64.c with x = 1234567 gives these first outputs.
        var g = SplitMix64(seed: 1_234_567)
        XCTAssertEqual([g.next(), g.next(), g.next()],
                       [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
    }

    func testHonoursRetryAfterAndGivesUpOn429() throws {
        let (c, slept) = retrying()
        _ = try c.get(HTTPRequest(url: base + "/flaky/b?code=429&fails=1&retry_after=2"), progress: nil)
        XCTAssertEqual(slept(), [2])
        let (c2, slept2) = retrying(attempts: 3)
        XCTAssertThrowsError(try c2.get(HTTPRequest(url: base + "/status/429"), progress: nil)) {
            XCTAssertEqual("\($0)", "HTTP 429 Too Many Requests from \(self.base)/status/429 after 3 attempts: the rate limit was hit; wait a minute and try again")
        }
        XCTAssertEqual(slept2(), [1, 1])
        XCTAssertThrowsError(try c2.get(HTTPRequest(url: base + "/flaky/c?code=503&fails=1&retry_after=500"), progress: nil)) {
            XCTAssertEqual($0 as? HTTPError, .retryAfterTooLong(url: self.base + "/flaky/c?code=503&fails=1&retry_after=500", seconds: 500))
        }
    }

    /// A Retry-After beyond Int's range used to trap while the message was written.
    func testHugeRetryAfterIsAMessageNotACrash() throws {
        let (c, _) = retrying()
        let url = base + "/flaky/huge?code=503&fails=1&retry_after=1e300"
        XCTAssertThrowsError(try c.get(HTTPRequest(url: url), progress: nil)) {
            XCTAssertEqual("\($0)", "\(url) asks to wait 1e+300 s before retrying (rate limit); try again later")
        }
        XCTAssertEqual(HTTPError.seconds(500), "500")
        XCTAssertEqual(HTTPError.seconds(2.5), "2.5")
        XCTAssertEqual(HTTPError.seconds(-1e19), "-1e+19")
    }

    func testRetryAfterParsesSecondsAndHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)   // Wed, 21 Oct 2015 07:28:00 GMT
        XCTAssertEqual(RetryPolicy.retryAfter("120"), 120)
        XCTAssertEqual(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now), 30)
        XCTAssertNil(RetryPolicy.retryAfter("soon"))
        XCTAssertNil(RetryPolicy.retryAfter(nil))
    }

    func testTruncatedBodyIsDetected() throws {
        XCTAssertThrowsError(try CurlHTTPClient(cancellation: token).get(HTTPRequest(url: base + "/truncated"), progress: nil)) {
            XCTAssertEqual($0 as? HTTPError, .truncated(url: self.base + "/truncated", received: 100, expected: 1000))
        }
        let (c, slept) = retrying(attempts: 2)
        XCTAssertThrowsError(try c.get(HTTPRequest(url: base + "/truncated"), progress: nil)) {
            XCTAssertEqual("\($0)", "truncated response from \(self.base)/truncated: got 100 of 1000 bytes; the connection dropped, try again")
        }
        XCTAssertEqual(slept().count, 1)
    }

    func testTimeoutAndRefusedConnection() throws {
        let req = HTTPRequest(url: base + "/slow?seconds=3", connectTimeout: 2, totalTimeout: 0.3)
        XCTAssertThrowsError(try CurlHTTPClient(cancellation: token).get(req, progress: nil)) {
            XCTAssertEqual("\($0)", "timed out after 0.3 s fetching \(self.base)/slow?seconds=3; check the network or raise the timeout")
        }
        // Port 9 (discard) is closed on the loopback interface of a test machine.
        XCTAssertThrowsError(try CurlHTTPClient(cancellation: token).get(HTTPRequest(url: "http://127.0.0.1:9/x"), progress: nil)) {
            XCTAssertTrue("\($0)".hasPrefix("cannot connect for http://127.0.0.1:9/x: "), "\($0)")
        }
    }

    func testCancellationFromProgressAbortsTransfer() throws {
        var seen: Int64 = 0
        let c = CurlHTTPClient(cancellation: token)
        XCTAssertThrowsError(try c.get(HTTPRequest(url: base + "/drip?bytes=10000&chunks=40&delay=0.05")) { got, _ in
            seen = got
            if got > 0 { self.token.cancel() }
        }) { XCTAssertEqual($0 as? HTTPError, .cancelled(url: self.base + "/drip?bytes=10000&chunks=40&delay=0.05")) }
        XCTAssertGreaterThan(seen, 0)
        XCTAssertLessThan(seen, 10000)
        // A cancelled token refuses new transfers until reset.
        XCTAssertThrowsError(try c.get(HTTPRequest(url: base + "/echo"), progress: nil))
        token.reset()
        XCTAssertEqual(try c.get(HTTPRequest(url: base + "/echo"), progress: nil).status, 200)
    }

    func testSecretsNeverAppearInErrors() throws {
        let port = HTTPClientTests.server?.port ?? 0
        let secrets = ["hunter2-secret-value", "pw-in-url", "query-key-value", "sig-value"]
        let url = "http://alice:pw-in-url@127.0.0.1:\(port)/status/401?apikey=query-key-value&X-Amz-Signature=sig-value&page_token=7"
        let (c, _) = retrying()
        let req = HTTPRequest(url: url, headers: [("APCA-API-SECRET-KEY", "hunter2-secret-value")],
                              credentialHint: "check APCA_API_SECRET_KEY")
        XCTAssertThrowsError(try c.get(req, progress: nil)) { e in
            let text = "\(e)" + String(reflecting: e)
            for s in secrets { XCTAssertFalse(text.contains(s), "leaked \(s): \(text)") }
            XCTAssertTrue(text.contains("http://***@127.0.0.1:\(port)/status/401?apikey=***&X-Amz-Signature=***&page_token=7"), text)
        }
    }

    func testOnlyWebURLsAreFetched() {
        XCTAssertThrowsError(try CurlHTTPClient(cancellation: token).get(HTTPRequest(url: "file:///etc/hostname"), progress: nil)) {
            XCTAssertEqual("\($0)", "network error fetching file:///etc/hostname: only http:// and https:// URLs are fetched")
        }
    }

    func testRedaction() {
        XCTAssertEqual(URLRedaction.redact("https://u:p@h.com/a?token=x&limit=5#f"), "https://***@h.com/a?token=***&limit=5#f")
        XCTAssertEqual(URLRedaction.redact("https://h.com/a@b"), "https://h.com/a@b")
        XCTAssertEqual(URLRedaction.redact("s3://bucket/key"), "s3://bucket/key")
    }
}
