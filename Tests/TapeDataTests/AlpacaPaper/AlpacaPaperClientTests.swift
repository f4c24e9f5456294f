import TapeCore
import XCTest
@testable import TapeData

/// Replays answers in the shapes Alpaca's trading API documents and records every request.
final class FakeAlpaca: PaperHTTP {
    struct Sent { var method: String; var url: String; var headers: [String: String]; var body: [String: Any]? }
    enum Answer { case reply(Int, [String: String], String); case fail(String) }
    var answers: [Answer]
    var sent: [Sent] = []
    struct Down: Error, CustomStringConvertible { var description: String }

    init(_ answers: [Answer]) { self.answers = answers }

    func send(method: String, url: String, headers: [String: String], body: [UInt8]?) throws -> (status: Int, headers: [String: String], body: [UInt8]) {
        let json = body.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        sent.append(Sent(method: method, url: url, headers: headers, body: json))
        guard !answers.isEmpty else { throw Down(description: "no more canned answers") }
        switch answers.removeFirst() {
        case .reply(let s, let h, let b): return (s, h, Array(b.utf8))
        case .fail(let m): throw Down(description: m)
        }
    }
}

final class AlpacaPaperClientTests: XCTestCase {
    private let keyID = "PKTESTKEY123", secret = "sEcReT/abc+987"
    private let orderJSON = """
    {"id":"61e69015-8549-4bfd-b9c3-01e75843f47d","client_order_id":"cid-1","created_at":"2024-01-02T14:30:00Z",
     "symbol":"SPY","asset_class":"us_equity","qty":"10","filled_qty":"0","filled_avg_price":null,"order_class":"bracket",
     "order_type":"limit","type":"limit","side":"buy","time_in_force":"gtc","limit_price":"470.5","stop_price":null,
     "status":"accepted","legs":[{"id":"b1","client_order_id":"b1c","symbol":"SPY","qty":"10","filled_qty":"0","type":"limit",
     "side":"sell","time_in_force":"gtc","limit_price":"490","status":"held","order_class":"bracket"}]}
    """

    private func client(_ fake: FakeAlpaca, slept: UnsafeMutablePointer<[Double]>? = nil) -> AlpacaPaperClient {
        var c = AlpacaPaperClient(http: fake, config: .init(baseURL: "http://127.0.0.1:9", keyID: keyID, secretKey: secret))
        c.sleep = { s in slept?.pointee.append(s) }
        c.newClientOrderId = { "tape-fixed-1" }
        return c
    }

    func testConfigFromEnvironment() throws {
        XCTAssertThrowsError(try AlpacaPaperClient.Config.fromEnvironment(["APCA_API_KEY_ID": "x"])) {
            XCTAssertEqual("\($0)", "Alpaca paper trading needs API keys: set APCA_API_SECRET_KEY in the environment")
        }
        let c = try AlpacaPaperClient.Config.fromEnvironment(["APCA_API_KEY_ID": "a", "APCA_API_SECRET_KEY": "b"])
        XCTAssertEqual(c.baseURL, "https://paper-api.alpaca.markets")
        let v2 = try AlpacaPaperClient.Config.fromEnvironment(["APCA_API_KEY_ID": "a", "APCA_API_SECRET_KEY": "b",
                                                               "APCA_API_BASE_URL": "https://paper-api.alpaca.markets/v2/"])
        XCTAssertEqual(v2.baseURL, "https://paper-api.alpaca.markets")
    }

    /// Only the paper endpoint and loopback stand-ins are paper; everything else —
    /// Alpaca's live endpoint first — trades real money and needs the live switch.
    func testWhichBaseURLsArePaper() throws {
        func paper(_ url: String) throws -> Bool {
            try AlpacaPaperClient.Config.fromEnvironment(["APCA_API_KEY_ID": "a", "APCA_API_SECRET_KEY": "b",
                                                          "APCA_API_BASE_URL": url]).isPaperEndpoint
        }
        XCTAssertTrue(try AlpacaPaperClient.Config.fromEnvironment(["APCA_API_KEY_ID": "a", "APCA_API_SECRET_KEY": "b"]).isPaperEndpoint)
        XCTAssertTrue(try paper("https://paper-api.alpaca.markets/v2"))
        XCTAssertTrue(try paper("http://127.0.0.1:8123/v2"))
        XCTAssertTrue(try paper("http://localhost:8123"))
        XCTAssertFalse(try paper("https://api.alpaca.markets"))
        XCTAssertFalse(try paper("https://api.alpaca.markets/v2"))
        XCTAssertFalse(try paper("http://paper-api.alpaca.markets"), "the paper host without TLS is not the paper endpoint")
        XCTAssertFalse(try paper("https://paper-api.alpaca.markets.example.com"))
        XCTAssertFalse(try paper("http://127.0.0.1.example.com"))
        XCTAssertFalse(try paper("http://localhost@api.alpaca.markets"))
    }

    func testAccountSendsKeysInHeadersAndParsesStrings() throws {
        let fake = FakeAlpaca([.reply(200, [:], """
        {"id":"acc-1","account_number":"PA1","status":"ACTIVE","currency":"USD","cash":"100000.5","buying_power":"200001",
         "equity":"100250.25","portfolio_value":"100250.25","pattern_day_trader":false}
        """)])
        let a = try client(fake).account()
        XCTAssertEqual(a, AlpacaAccount(id: "acc-1", status: "ACTIVE", currency: "USD", cash: 100000.5, equity: 100250.25, buyingPower: 200001))
        XCTAssertEqual(fake.sent[0].method, "GET")
        XCTAssertEqual(fake.sent[0].url, "http://127.0.0.1:9/v2/account")
        XCTAssertEqual(fake.sent[0].headers["APCA-API-KEY-ID"], keyID)
        XCTAssertEqual(fake.sent[0].headers["APCA-API-SECRET-KEY"], secret)
    }

    func testBracketOrderBody() throws {
        let fake = FakeAlpaca([.reply(200, [:], orderJSON)])
        let o = try client(fake).submit(OrderRequest(.buy, 10, .stock("SPY"), type: .limit(470.5), timeInForce: .gtc,
                                                     orderClass: .bracket(takeProfit: 490, stopLoss: 455.25), clientOrderId: "cid-1"))
        let body = try XCTUnwrap(fake.sent[0].body)
        XCTAssertEqual(fake.sent[0].method, "POST")
        XCTAssertEqual(fake.sent[0].url, "http://127.0.0.1:9/v2/orders")
        XCTAssertEqual(body["symbol"] as? String, "SPY")
        XCTAssertEqual(body["qty"] as? String, "10")
        XCTAssertEqual(body["side"] as? String, "buy")
        XCTAssertEqual(body["type"] as? String, "limit")
        XCTAssertEqual(body["time_in_force"] as? String, "gtc")
        XCTAssertEqual(body["limit_price"] as? String, "470.5")
        XCTAssertEqual(body["order_class"] as? String, "bracket")
        XCTAssertEqual((body["take_profit"] as? [String: Any])?["limit_price"] as? String, "490.0")
        XCTAssertEqual((body["stop_loss"] as? [String: Any])?["stop_price"] as? String, "455.25")
        XCTAssertEqual(body["client_order_id"] as? String, "cid-1")
        XCTAssertEqual(o.id, "61e69015-8549-4bfd-b9c3-01e75843f47d")
        XCTAssertEqual(o.status, "accepted")
        XCTAssertEqual(o.limitPrice, 470.5)
        XCTAssertEqual(o.legs.map(\.status), ["held"])
    }

    func testTrailingAndSpreadBodies() throws {
        let a = try JSONSerialization.jsonObject(with: Data(try AlpacaPaperClient.body(
            for: OrderRequest(.sell, 5, .stock("AAPL"), type: .trailingStop(.percent(0.05))), clientOrderId: "x"))) as? [String: Any]
        XCTAssertEqual(a?["trail_percent"] as? String, "5.0")
        XCTAssertEqual(a?["type"] as? String, "trailing_stop")
        let c1 = OptionContract(underlying: "SPY", right: .call, strike: 470, expiry: CivilTime.timestamp(year: 2024, month: 2, day: 16))
        let c2 = OptionContract(underlying: "SPY", right: .call, strike: 480, expiry: c1.expiry)
        let s = try JSONSerialization.jsonObject(with: Data(try AlpacaPaperClient.body(
            for: OrderRequest(spread: [OrderLeg(.option(c1), side: .buy), OrderLeg(.option(c2), side: .sell)], side: .sell, quantity: 2,
                              type: .limit(3.2)), clientOrderId: "y"))) as? [String: Any]
        XCTAssertEqual(s?["order_class"] as? String, "mleg")
        XCTAssertNil(s?["side"])
        let legs = s?["legs"] as? [[String: Any]]
        XCTAssertEqual(legs?.map { $0["symbol"] as? String }, ["SPY240216C00470000", "SPY240216C00480000"])
        XCTAssertEqual(legs?.map { $0["side"] as? String }, ["sell", "buy"])   // selling the spread reverses the legs
        XCTAssertThrowsError(try AlpacaPaperClient.body(for: .sized(.buy, fraction: 0.5, .stock("SPY")), clientOrderId: "z")) {
            XCTAssertEqual("\($0)", "cannot send to Alpaca: orders sized as a share of buying power are simulator-only; give a quantity")
        }
        XCTAssertThrowsError(try AlpacaPaperClient.body(for: OrderRequest(.buy, .nan, .stock("SPY")), clientOrderId: "n")) {
            XCTAssertEqual("\($0)", "cannot send to Alpaca: quantity nan is not a whole number of shares or contracts")
        }
    }

    func testErrorsAreMappedAndNeverCarryKeys() {
        let cases: [(Int, String, String)] = [
            (403, #"{"code":40310000,"message":"insufficient buying power"}"#,
             "Alpaca refused the order: insufficient buying power (403: insufficient buying power)"),
            (422, #"{"code":40010001,"message":"qty must be > 0"}"#, "Alpaca rejected the order as invalid (422: qty must be > 0)"),
            (401, #"{"message":"request is not authorized for key PKTESTKEY123"}"#,
             "Alpaca rejected the keys (401: request is not authorized for key [redacted]); check APCA_API_KEY_ID and APCA_API_SECRET_KEY"),
            (403, #"{"message":"forbidden"}"#,
             "Alpaca refused the request (403: forbidden); check the keys and that APCA_API_BASE_URL is the paper endpoint"),
        ]
        for (status, body, expected) in cases {
            let fake = FakeAlpaca([.reply(status, [:], body)])
            XCTAssertThrowsError(try client(fake).submit(OrderRequest(.buy, 1, .stock("SPY")))) { e in
                XCTAssertEqual("\(e)", expected)
                XCTAssertFalse("\(e)".contains(secret))
                XCTAssertFalse("\(e)".contains(keyID))
            }
        }
        let missing = FakeAlpaca([.reply(404, [:], #"{"message":"order not found"}"#)])
        XCTAssertThrowsError(try client(missing).cancel(id: "nope")) { XCTAssertEqual("\($0)", "Alpaca has no open order nope (404)") }
    }

    func testRateLimitBacksOffThenSucceedsWithTheSameClientOrderId() throws {
        var slept: [Double] = []
        let fake = FakeAlpaca([.reply(429, ["Retry-After": "3"], #"{"message":"too many requests"}"#),
                               .reply(429, [:], #"{"message":"too many requests"}"#),
                               .reply(200, [:], orderJSON)])
        let o = try client(fake, slept: &slept).submit(OrderRequest(.buy, 10, .stock("SPY")))
        XCTAssertEqual(slept, [3, 2])   // the server's Retry-After, then the second step of 1, 2, 4, 8
        XCTAssertEqual(fake.sent.count, 3)
        XCTAssertEqual(Set(fake.sent.compactMap { $0.body?["client_order_id"] as? String }), ["tape-fixed-1"])
        XCTAssertEqual(o.clientOrderId, "cid-1")

        var gaveUp: [Double] = []
        let always = FakeAlpaca(Array(repeating: .reply(429, [:], "{}"), count: 5))
        XCTAssertThrowsError(try client(always, slept: &gaveUp).account()) {
            XCTAssertEqual("\($0)", "Alpaca rate limit (429) still in force after 5 attempts; try again in a minute")
        }
        XCTAssertEqual(gaveUp, [1, 2, 4, 8])
    }

    func testRetryAfterLostAnswerReturnsTheExistingOrder() throws {
        // The first POST reached Alpaca but the answer was lost; the retry is refused as a
        // duplicate client_order_id, so the client fetches the order that id names.
        var slept: [Double] = []
        let fake = FakeAlpaca([.fail("connection reset"),
                               .reply(422, [:], #"{"code":40010001,"message":"client_order_id must be unique"}"#),
                               .reply(200, [:], orderJSON)])
        let o = try client(fake, slept: &slept).submit(OrderRequest(.buy, 10, .stock("SPY"), clientOrderId: "cid-1"))
        XCTAssertEqual(o.id, "61e69015-8549-4bfd-b9c3-01e75843f47d")
        XCTAssertEqual(fake.sent.map(\.method), ["POST", "POST", "GET"])
        XCTAssertEqual(fake.sent[2].url, "http://127.0.0.1:9/v2/orders:by_client_order_id?client_order_id=cid-1")
    }

    func testPositionsAndOrders() throws {
        let fake = FakeAlpaca([
            .reply(200, [:], """
            [{"asset_id":"a","symbol":"AAPL","exchange":"NASDAQ","asset_class":"us_equity","qty":"12","avg_entry_price":"180.25",
              "side":"long","market_value":"2200.8","cost_basis":"2163","unrealized_pl":"37.8","current_price":"183.4"},
             {"asset_id":"b","symbol":"TSLA","qty":"-3","avg_entry_price":"240","side":"short","market_value":"-705",
              "unrealized_pl":"15","current_price":"235"}]
            """),
            .reply(200, [:], "[\(orderJSON)]"),
            .reply(204, [:], ""),
        ])
        let c = client(fake)
        let p = try c.positions()
        XCTAssertEqual(p.map(\.symbol), ["AAPL", "TSLA"])
        XCTAssertEqual(p.map(\.quantity), [12, -3])
        XCTAssertEqual(p[0].averageEntryPrice, 180.25)
        XCTAssertEqual(p[1].unrealizedPL, 15)
        XCTAssertEqual(try c.orders().map(\.symbol), ["SPY"])
        XCTAssertEqual(fake.sent[1].url, "http://127.0.0.1:9/v2/orders?status=open&nested=true")
        XCTAssertNoThrow(try c.cancel(id: "61e69015"))
        XCTAssertEqual(fake.sent[2].method, "DELETE")
    }
}
