import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// The pre-trade checks in front of Alpaca's paper API (Tests/Servers/alpaca_paper_server.py
/// on loopback), with the session's ledger as their journal: a refused order never
/// reaches the server, the refusal and its halt survive a reopened ledger.
final class GuardedAlpacaTests: XCTestCase {
    private var server: LoopbackServer?
    private var temp: TempDir?
    private var dir: URL { temp?.url ?? URL(fileURLWithPath: NSTemporaryDirectory()) }

    override func setUpWithError() throws {
        server = try LoopbackServer(script: "alpaca_paper_server.py", arguments: [])
        temp = try TempDir()
    }

    override func tearDown() {
        server?.stop()
        temp?.remove()
    }

    func testRefusedOrdersNeverReachAlpacaAndAreJournalled() throws {
        let base = try XCTUnwrap(server?.base)
        let alpaca = AlpacaPaperBroker(AlpacaPaperClient(http: CurlPaperHTTP(), config: .init(baseURL: base, keyID: "paper-key-id", secretKey: "paper-secret")))
        let path = dir.appendingPathComponent("paper.sqlite").path
        let ledger = try Ledger(path: path)
        try ledger.setRisk("max_order_notional", "1000")
        try ledger.setRisk("max_drawdown_pct", "20")
        let now = CivilTime.parse("2024-01-02T15:00:00") ?? 0
        let front = GuardedBroker(alpaca, journal: ledger, lastPrices: { $0 == "SPY" ? 100 : nil }, now: { now })
        XCTAssertThrowsError(try front.submit(OrderRequest(.buy, 11, .stock("SPY")))) { e in
            XCTAssertEqual("\(e)", "rejected by max_order_notional: order notional 1100.00 exceeds 1000.00")
        }
        XCTAssertEqual(try alpaca.orders(includeClosed: true), [], "nothing reached the server")
        XCTAssertEqual(try front.submit(OrderRequest(.buy, 9, .stock("SPY"))).count, 1)
        XCTAssertEqual(try alpaca.orders(includeClosed: true).count, 1)
        // The journal is the ledger file: another connection reads the same refusals and breakers.
        let reopened = try Ledger(path: path)
        XCTAssertEqual(try reopened.events(for: "alpaca").map(\.description),
                       ["2024-01-02T15:00:00 rejected: buy 11 SPY: rejected by max_order_notional: order notional 1100.00 exceeds 1000.00"])
        let b = try reopened.breakers(for: "alpaca")
        XCTAssertEqual(b.peakEquity, 10_000)
        XCTAssertEqual(b.dayStart, CivilTime.parse("2024-01-02"))
        XCTAssertEqual(try reopened.events(for: "sim"), [], "the simulator's refusals are its own orders, not journal rows")
        XCTAssertEqual(try reopened.broker().orders.count, 0, "Alpaca's orders are not in the simulator's account")
    }

    func testSimulatorBreakersPersistInItsLedger() throws {
        let path = dir.appendingPathComponent("sim.sqlite").path
        let ledger = try Ledger(path: path, config: BrokerConfig(startingCash: 10_000))
        try ledger.setRisk("max_drawdown_pct", "10")
        let day = { (d: Int) in CivilTime.parse("2024-01-0\(d)") ?? 0 }
        try ledger.process(bar: PriceBar(time: day(1), open: 100, high: 100, low: 100, close: 100, volume: 1e6), symbol: "SPY")
        try ledger.submit(OrderRequest(.buy, 100, .stock("SPY")))
        try ledger.process(bar: PriceBar(time: day(2), open: 100, high: 100, low: 100, close: 100, volume: 1e6), symbol: "SPY")
        try ledger.process(bar: PriceBar(time: day(3), open: 100, high: 100, low: 80, close: 85, volume: 1e6), symbol: "SPY")
        let halt = try XCTUnwrap(try Ledger(path: path).broker().breakers.halt)
        XCTAssertEqual(halt.rule, "max_drawdown")
        XCTAssertEqual(halt.reason, "equity 8500.00 is 15.00% below its peak 10000.00 (limit 10.00%)")
        XCTAssertEqual(try ledger.resume()?.rule, "max_drawdown")
        XCTAssertNil(try Ledger(path: path).broker().breakers.halt)
        XCTAssertEqual(try Ledger(path: path).broker().breakers.peakEquity, 8_500)
        XCTAssertTrue(try ledger.check().isConsistent)
    }
}
