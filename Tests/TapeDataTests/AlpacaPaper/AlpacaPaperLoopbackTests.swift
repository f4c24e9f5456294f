import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// The Alpaca trading client over real HTTP (libcurl) against Tests/Servers/alpaca_paper_server.py
/// on 127.0.0.1: request shapes, status mapping, and idempotent retries end to end.
final class AlpacaPaperLoopbackTests: XCTestCase {
    private var server: LoopbackServer?
    private var base = ""

    override func setUpWithError() throws {
        let s = try LoopbackServer(script: "alpaca_paper_server.py", arguments: [])
        server = s
        base = s.base
    }

    override func tearDown() {
        server?.stop()
    }

    private func client(key: String = "paper-key-id", secret: String = "paper-secret", slept: UnsafeMutablePointer<[Double]>? = nil) -> AlpacaPaperClient {
        var c = AlpacaPaperClient(http: CurlPaperHTTP(), config: .init(baseURL: base, keyID: key, secretKey: secret))
        c.sleep = { s in slept?.pointee.append(s) }
        return c
    }

    func testAccountOrdersPositionsAndCancel() throws {
        let c = client()
        XCTAssertEqual(try c.account().cash, 10_000)
        let filled = try c.submit(OrderRequest(.buy, 30, .stock("SPY"), clientOrderId: "buy-1"))
        XCTAssertEqual(filled.status, "filled")
        XCTAssertEqual(filled.filledAveragePrice, 100)
        let resting = try c.submit(OrderRequest(.sell, 5, .stock("SPY"), type: .limit(105), timeInForce: .gtc, clientOrderId: "lim-1"))
        XCTAssertEqual(resting.status, "new")
        XCTAssertEqual(resting.limitPrice, 105)
        XCTAssertEqual(try c.orders().map(\.clientOrderId), ["lim-1"])
        XCTAssertEqual(try c.positions(), [AlpacaPosition(symbol: "SPY", quantity: 30, averageEntryPrice: 100, marketValue: 3000,
                                                          unrealizedPL: 0, currentPrice: 100)])
        XCTAssertEqual(try c.account().cash, 7_000)
        try c.cancel(id: resting.id)
        XCTAssertEqual(try c.order(id: resting.id).status, "canceled")
        XCTAssertThrowsError(try c.cancel(id: resting.id)) {
            XCTAssertEqual("\($0)", "Alpaca rejected the order as invalid (422: order is not cancelable)")
        }
        XCTAssertThrowsError(try c.cancel(id: "no-such-id")) { XCTAssertEqual("\($0)", "Alpaca has no open order no-such-id (404)") }
    }

    func testErrorMapping() {
        let c = client()
        XCTAssertThrowsError(try c.submit(OrderRequest(.buy, 1000, .stock("AAPL")))) {
            XCTAssertEqual("\($0)", "Alpaca refused the order: insufficient buying power (403: insufficient buying power)")
        }
        XCTAssertThrowsError(try c.submit(OrderRequest(.buy, 1, .stock("ZZZZ")))) {
            XCTAssertEqual("\($0)", "Alpaca rejected the order as invalid (422: asset \"ZZZZ\" not found)")
        }
        XCTAssertThrowsError(try client(secret: "wrong-secret-value").account()) { e in
            XCTAssertEqual("\(e)", "Alpaca rejected the keys (401: request is not authorized); check APCA_API_KEY_ID and APCA_API_SECRET_KEY")
            XCTAssertFalse("\(e)".contains("wrong-secret-value"))
        }
    }

    func testRateLimitAndLostAnswerNeverTradeTwice() throws {
        var slept: [Double] = []
        let c = client(slept: &slept)
        let limited = try c.submit(OrderRequest(.buy, 1, .stock("SPY"), clientOrderId: "ratelimit-1"))
        XCTAssertEqual(limited.status, "filled")
        XCTAssertEqual(slept, [0])   // the server's Retry-After: 0
        // Accepted, answer lost, retried: the duplicate id is recognised and the first order returned.
        let lost = try c.submit(OrderRequest(.buy, 2, .stock("SPY"), clientOrderId: "lost-1"))
        XCTAssertEqual(lost.clientOrderId, "lost-1")
        XCTAssertEqual(lost.filledQuantity, 2)
        XCTAssertEqual(try c.orders(status: "all").filter { $0.clientOrderId == "lost-1" }.count, 1)
        XCTAssertEqual(try c.positions().first?.quantity, 3)
        XCTAssertEqual(try c.account().cash, 9_700)
    }

    /// The same `PaperBroker` answers the simulator gives, from Alpaca's JSON: the shell's
    /// one dispatcher relies on it.
    func testAlpacaAsAPaperBroker() throws {
        let broker: any PaperBroker = AlpacaPaperBroker(client())
        XCTAssertEqual(broker.name, "alpaca")
        XCTAssertEqual(try broker.account(), BrokerAccount(status: "ACTIVE", currency: "USD", cash: 10_000, equity: 10_000,
                                                            buyingPower: 10_000))
        let bought = try broker.submit(OrderRequest(.buy, 4, .stock("SPY"), clientOrderId: "broker-1"))
        XCTAssertEqual(bought.count, 1)
        XCTAssertEqual(bought[0].note, "filled: buy 4 SPY market day (client_order_id broker-1)")
        let resting = try broker.submit(OrderRequest(.sell, 2, .stock("SPY"), type: .limit(105), timeInForce: .gtc,
                                                     clientOrderId: "broker-2"))
        XCTAssertEqual(try broker.orders(includeClosed: false),
                       [BrokerOrder(id: resting[0].id, side: .sell, quantity: 2, symbol: "SPY", type: .limit(105), typeName: "limit",
                                    timeInForce: "gtc", status: "new", filledQuantity: 0, averageFillPrice: nil,
                                    // The server stamps 2024-01-02T14:30:00 plus a second per stamp: its third.
                                    submittedAt: CivilTime.parse("2024-01-02T14:30:03"))])
        XCTAssertEqual(try broker.orders(includeClosed: true).map(\.status), ["new", "filled"])
        XCTAssertEqual(try broker.positions(), [BrokerPosition(symbol: "SPY", quantity: 4, averageCost: 100, mark: 100, marketValue: 400,
                                                                unrealisedPnL: 0, realisedPnL: nil, greeks: Greeks(delta: 4))])
        // The server's clock: 14:30:01 submitted, :02 filled, :03 the limit submitted, :04 cancelled.
        XCTAssertEqual(try broker.fills(), [BrokerFill(time: CivilTime.parse("2024-01-02T14:30:02")!, orderId: bought[0].id, side: .buy,
                                                        quantity: 4, symbol: "SPY", price: 100, commission: nil)])
        XCTAssertEqual(try broker.why(bought[0].id), ["2024-01-02T14:30:01 submitted: filled: buy 4 SPY market day (client_order_id broker-1)",
                                                      "2024-01-02T14:30:02 fill: buy 4 SPY at 100.00",
                                                      "status at alpaca: filled"])
        XCTAssertEqual(try broker.cancel(resting[0].id), .requested)
        XCTAssertEqual(try broker.why(resting[0].id).suffix(2), ["2024-01-02T14:30:04 cancelled", "status at alpaca: canceled"])
        XCTAssertThrowsError(try broker.why("no-such-id")) { XCTAssertEqual("\($0)", "Alpaca has no order no-such-id (404)") }
    }

    func testUnreachableServerIsATransportError() {
        var c = AlpacaPaperClient(http: CurlPaperHTTP(), config: .init(baseURL: "http://127.0.0.1:9", keyID: "k", secretKey: "s"))
        c.sleep = { _ in }
        c.maxAttempts = 2
        XCTAssertThrowsError(try c.account()) { XCTAssertTrue("\($0)".hasPrefix("could not reach Alpaca: GET http://127.0.0.1:9/v2/account: "), "\($0)") }
    }
}
