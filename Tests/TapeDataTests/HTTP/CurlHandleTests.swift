import Foundation
import TapeTestSupport
import XCTest
@testable import TapeData

/// The one libcurl wrapper: each failure arrives as its `CurlError` kind, whichever client
/// (market data, S3, Alpaca trading) made the request, against the loopback market server.
final class CurlHandleTests: XCTestCase {
    /// Started at the first test's request, stopped when the class is done.
    static let server: MarketServer? = try? MarketServer()
    override class func tearDown() { server?.stop() }

    var base: String { CurlHandleTests.server?.base ?? "http://127.0.0.1:9" }

    override func setUpWithError() throws {
        if CurlHandleTests.server == nil { throw XCTSkip("loopback market server did not start") }
    }

    func kind(_ request: CurlHandle.Request, isCancelled: @escaping () -> Bool = { false }) -> CurlError.Kind? {
        do {
            _ = try CurlHandle().perform(request, isCancelled: isCancelled)
            return nil
        } catch {
            return (error as? CurlError)?.kind
        }
    }

    func testEveryFailureIsATypedError() throws {
        XCTAssertEqual(kind(.init(url: "file:///etc/hostname")), .unsupportedProtocol)
        XCTAssertEqual(kind(.init(url: "http://127.0.0.1:9/x")), .cannotConnect)
        XCTAssertEqual(kind(.init(url: base + "/echo"), isCancelled: { true }), .cancelled)
        XCTAssertEqual(kind(.init(url: base + "/truncated")), .truncated(received: 100, expected: 1000))
        XCTAssertEqual(kind(.init(url: base + "/csv/AAPL.csv", maxBodyBytes: 10)), .bodyTooLarge(limit: 10))
        XCTAssertEqual(kind(.init(url: base + "/slow?seconds=3", connectTimeout: 2, totalTimeout: 0.3)), .timedOut(connected: true))
    }

    func testStatusHeadersAndBody() throws {
        let r = try CurlHandle().perform(.init(url: base + "/echo", headers: [("X-Test", "hello")]))
        XCTAssertEqual(r.status, 200)
        let sent = try JSONSerialization.jsonObject(with: r.body) as? [String: String]
        XCTAssertEqual(sent?["x-test"], "hello")
        XCTAssertEqual(try CurlHandle().perform(.init(url: base + "/status/404")).status, 404)
    }
}
