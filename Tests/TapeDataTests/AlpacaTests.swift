import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

final class AlpacaTests: XCTestCase {
    /// Started at the first test's request, stopped when the class is done.
    static let server: MarketServer? = try? MarketServer(extraArguments: ["--page-size", "100"])
    override class func tearDown() { server?.stop() }

    var env: [String: String] {
        ["APCA_API_KEY_ID": "test-key-id", "APCA_API_SECRET_KEY": "test-secret",
         "APCA_DATA_URL": (AlpacaTests.server?.base ?? "") + "/"]
    }

    func client(_ env: [String: String]) throws -> AlpacaBarsClient {
        if AlpacaTests.server == nil { throw XCTSkip("loopback market server did not start") }
        let http = RetryingHTTPClient(base: CurlHTTPClient(cancellation: CancellationToken()),
                                      cancellation: CancellationToken(), sleep: { _ in })
        return AlpacaBarsClient(client: http, config: try .fromEnvironment(env))
    }

    /// The fixture's rows as text fields, for comparing what came over the wire.
    func fixtureRows(_ symbol: String) throws -> [[Substring]] {
        let text = try String(contentsOfFile: Repository.fixtures("universe/\(symbol).csv").path, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    func testFollowsPagesAndMatchesSource() throws {
        var pages: [Int] = []
        let b = try client(env).bars(symbol: "aapl", from: CivilTime.timestamp(year: 2013, month: 1, day: 1),
                                     to: CivilTime.timestamp(year: 2018, month: 12, day: 31)) { pages.append($0) }
        let rows = try fixtureRows("AAPL")
        XCTAssertEqual(b.symbol, "AAPL")
        XCTAssertEqual(b.count, 1259)
        XCTAssertEqual(pages.count, 13)   // 100 rows a page
        for (i, r) in rows.enumerated() {
            XCTAssertEqual(b.time[i], CivilTime.parse(r[0]))
            XCTAssertEqual(b.close[i], Double(r[4]))
            XCTAssertEqual(b.volume[i], Double(r[5]))
        }
        XCTAssertEqual(b.open[0], 67.7142)
    }

    func testDateRangeAndMissingValues() throws {
        // REGN has a row with empty open/high/low in the source: they arrive as null -> NaN.
        let rows = try fixtureRows("REGN")
        guard let gap = rows.firstIndex(where: { $0[1].isEmpty }) else { return XCTFail("fixture lost its gap") }
        let day = try XCTUnwrap(CivilTime.parse(rows[gap][0]))
        let b = try client(env).bars(symbol: "REGN", from: day, to: day)
        XCTAssertEqual(b.time, [day])
        XCTAssertTrue(b.open[0].isNaN && b.high[0].isNaN && b.low[0].isNaN)
        XCTAssertEqual(b.close[0], Double(rows[gap][4]))
    }

    func testMissingKeysNameTheVariables() {
        XCTAssertThrowsError(try AlpacaBarsClient.Config.fromEnvironment(["APCA_API_KEY_ID": "x"])) {
            XCTAssertEqual("\($0)", "Alpaca needs API keys: set APCA_API_SECRET_KEY in the environment (free keys at alpaca.markets; market data works with paper-trading keys)")
        }
        XCTAssertThrowsError(try AlpacaBarsClient.Config.fromEnvironment([:])) {
            XCTAssertEqual($0 as? AlpacaError, .missingKeys(["APCA_API_KEY_ID", "APCA_API_SECRET_KEY"]))
        }
        XCTAssertEqual(try? AlpacaBarsClient.Config.fromEnvironment(["APCA_API_KEY_ID": "a", "APCA_API_SECRET_KEY": "b"]).baseURL,
                       "https://data.alpaca.markets")
    }

    func testWrongSecretIsRejectedWithoutLeakingIt() throws {
        var bad = env
        bad["APCA_API_SECRET_KEY"] = "wrong-secret-XYZ"
        XCTAssertThrowsError(try client(bad).bars(symbol: "AAPL", from: 0, to: CivilTime.timestamp(year: 2019, month: 1, day: 1))) { e in
            let text = "\(e)"
            XCTAssertTrue(text.hasPrefix("HTTP 403 Forbidden from "), text)
            XCTAssertTrue(text.hasSuffix("check APCA_API_KEY_ID and APCA_API_SECRET_KEY (and APCA_DATA_URL if set)"), text)
            XCTAssertFalse(text.contains("wrong-secret-XYZ") || text.contains("test-key-id"), text)
        }
    }

    func testUnknownSymbolEmptyRangeAndBadSymbol() throws {
        XCTAssertThrowsError(try client(env).bars(symbol: "ZZZZ", from: 0, to: 0)) {
            XCTAssertTrue("\($0)".hasPrefix("HTTP 404 Not Found: "), "\($0)")
        }
        XCTAssertThrowsError(try client(env).bars(symbol: "AAPL", from: 0, to: 86_400)) {
            XCTAssertEqual($0 as? AlpacaError, .noBars(symbol: "AAPL", from: "1970-01-01", to: "1970-01-02"))
        }
        XCTAssertThrowsError(try client(env).bars(symbol: "A/../B", from: 0, to: 0)) {
            XCTAssertEqual($0 as? AlpacaError, .badSymbol("A/../B"))
        }
    }

    /// One canned answer for every request.
    struct CannedHTTP: HTTPClient {
        let body: String
        func get(_ request: HTTPRequest, progress: HTTPProgress?) throws -> HTTPResponse {
            HTTPResponse(status: 200, body: Data(body.utf8))
        }
    }

    func testBarsOutOfOrderAreAnError() {
        let json = #"{"bars":[{"t":"2022-01-04T05:00:00Z","c":2},{"t":"2022-01-03T05:00:00Z","c":1}]}"#
        let alpaca = AlpacaBarsClient(client: CannedHTTP(body: json),
                                      config: .init(baseURL: "http://127.0.0.1:9", keyID: "k", secretKey: "s"))
        let from = CivilTime.timestamp(year: 2022, month: 1, day: 1), to = CivilTime.timestamp(year: 2022, month: 1, day: 31)
        XCTAssertThrowsError(try alpaca.bars(symbol: "AAPL", from: from, to: to)) {
            XCTAssertEqual("\($0)", "Alpaca sent an unreadable answer for AAPL: bars out of time order (2022-01-03 after 2022-01-04)")
        }
    }

    func testParseRealAnswerShape() throws {
        // An answer with every field Alpaca documents for a bar (t o h l c v n vw) and a page token.
        let json = #"{"bars":[{"t":"2022-01-03T05:00:00Z","o":177.83,"h":182.88,"l":177.71,"c":182.01,"v":104487900,"n":772691,"vw":181.0}],"symbol":"AAPL","next_page_token":"QUFQTHxEfDIwMjIwMTA0"}"#
        let p = try AlpacaBarsClient.parse(Data(json.utf8), symbol: "AAPL", daily: true)
        XCTAssertEqual(p.bars.time, [CivilTime.timestamp(year: 2022, month: 1, day: 3)])
        XCTAssertEqual(p.bars.high, [182.88])
        XCTAssertEqual(p.next, "QUFQTHxEfDIwMjIwMTA0")
        XCTAssertThrowsError(try AlpacaBarsClient.parse(Data("<html>".utf8), symbol: "AAPL", daily: true)) {
            XCTAssertEqual("\($0)", "Alpaca sent an unreadable answer for AAPL: not the bars JSON (starts \"<html>\")")
        }
    }
}
