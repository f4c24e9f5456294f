import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// The simulator behind `PaperBroker`: what the shell prints must be the ledger's own
/// state, read back in broker-neutral values.
final class LedgerBrokerTests: XCTestCase {
    private var dir: URL!
    override func setUpWithError() throws { dir = try TempDir().url }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testOrdersFillsPositionsAndTrailsReadBackFromTheLedger() throws {
        let bars = walkBars("SPY", count: 5)
        let ledger = try Ledger(path: dir.appendingPathComponent("paper.sqlite").path)
        let broker: any PaperBroker = LedgerBroker(ledger)
        XCTAssertEqual(broker.name, "sim")
        XCTAssertNil(try broker.account().asOf, "no bar processed yet")
        var clock = MarketClock(series: [bars])
        try ledger.step(&clock, count: 1)

        // The walk moves at most 2% a bar (less 1% for the low): a limit 5% below is not reached.
        let limit = bars.close[0] * 0.95
        let placed = try broker.submit(OrderRequest(.buy, 10, .stock("SPY"), type: .limit(limit), timeInForce: .gtc,
                                                    orderClass: .bracket(takeProfit: bars.close[0] * 1.05, stopLoss: bars.close[0] * 0.92)))
        XCTAssertEqual(placed.map(\.id), ["1", "2", "3"])
        XCTAssertEqual(placed[0].note, "accepted: buy 10 SPY limit \(BrokerText.price(limit)) gtc")
        XCTAssertTrue(placed[1].note.hasPrefix("take_profit of #1: sell 10 SPY limit "), placed[1].note)
        XCTAssertEqual(try broker.submit(OrderRequest(.buy, 3, .stock("SPY"))).map(\.id), ["4"])

        // A refused order throws the rule, and stays in the ledger as rejected.
        XCTAssertThrowsError(try broker.submit(OrderRequest(.buy, 1, .stock("QQQ")))) {
            XCTAssertEqual("\($0)", "rejected by invalid_order: no price seen yet for QQQ: step the clock over its bars first")
        }
        XCTAssertEqual(try ledger.broker().order(5)?.status, .rejected)

        try ledger.step(&clock, count: 1)
        let open = try broker.orders(includeClosed: false)
        XCTAssertEqual(open.map(\.id), ["1", "2", "3"])
        XCTAssertEqual(open.map(\.role), [.entry, .takeProfit, .stopLoss])
        XCTAssertEqual(open[0].type, .limit(limit))
        XCTAssertEqual(try broker.orders(includeClosed: true).map(\.status), ["new", "held", "held", "filled", "rejected"])

        XCTAssertEqual(try broker.fills(), [BrokerFill(time: bars.time[1], orderId: "4", side: .buy, quantity: 3, symbol: "SPY",
                                                         price: bars.open[1], commission: 0)])
        let p = try XCTUnwrap(try broker.positions().first)
        XCTAssertEqual(p.quantity, 3)
        XCTAssertEqual(p.averageCost, bars.open[1])
        XCTAssertEqual(p.mark, bars.close[1])
        XCTAssertEqual(p.marketValue, 3 * bars.close[1], accuracy: 1e-9)
        XCTAssertEqual(p.greeks?.delta, 3)
        let a = try broker.account()
        XCTAssertEqual(a.asOf, bars.time[1])
        XCTAssertEqual(a.cash, 100_000 - 3 * bars.open[1], accuracy: 1e-9)
        XCTAssertEqual(a.positions, 1)
        XCTAssertEqual(a.openOrders, 3)

        XCTAssertEqual(try broker.why("4").last, "\(CivilTime.format(bars.time[1])) fill: buy 3 SPY at \(BrokerText.price(bars.open[1])): "
                       + "market: filled at the bar's open \(BrokerText.price(bars.open[1]))")
        XCTAssertThrowsError(try broker.why("9")) { XCTAssertEqual("\($0)", "no order #9") }
        XCTAssertThrowsError(try broker.why("abc")) { XCTAssertEqual("\($0)", "no order #abc") }
        // Cancelling the entry withdraws its held exits with it.
        XCTAssertEqual(try broker.cancel("#1"), .cancelled)
        XCTAssertTrue(try broker.orders(includeClosed: false).isEmpty)
        XCTAssertThrowsError(try broker.cancel("1")) { XCTAssertEqual("\($0)", "order #1 is cancelled, not open: nothing to cancel") }
    }

    func testClockStartedForAnOrderIsStoredAndResumes() throws {
        let bars = walkBars("SPY", count: 10)
        let path = dir.appendingPathComponent("paper.sqlite").path
        let ledger = try Ledger(path: path)
        var clock = MarketClock(series: [bars])
        try ledger.start(&clock, at: bars.time[6])
        XCTAssertEqual(try Ledger(path: path).cursor(), bars.time[6])
        XCTAssertEqual(try ledger.broker().state.lastPrice["SPY"], bars.close[6])
        try ledger.submit(OrderRequest(.buy, 1, .stock("SPY")))
        var resumed = MarketClock(series: [bars], after: try Ledger(path: path).cursor())
        XCTAssertEqual(try ledger.step(&resumed, count: 1), 1)
        XCTAssertEqual(try ledger.broker().fills.map(\.price), [bars.open[7]])
    }
}
