import XCTest
@testable import TapeCore

/// The rules that keep the paper broker from trading what cannot trade: no orders in an
/// expired option, no bracket exits left behind by an entry that never filled, and a
/// clock that an order can start at the end of the data.
final class BrokerLifecycleRulesTests: XCTestCase {
    private let call105 = OptionContract(underlying: "SPY", right: .call, strike: 105, expiry: jan(10))
    private let call110 = OptionContract(underlying: "SPY", right: .call, strike: 110, expiry: jan(10))
    private let call110Feb = OptionContract(underlying: "SPY", right: .call, strike: 110, expiry: jan(31))

    // MARK: Expired options

    func testOrdersInAnOptionAreRefusedOnceTheClockReachesItsExpiryDay() {
        var b = testBroker()
        b.process(bar: bar(9, 100, 101, 99, 100), symbol: "SPY")
        XCTAssertEqual(b.submit(OrderRequest(.buy, 1, .option(call105))).status, .new, "the day before expiry it still trades")
        // The expiry day's bar settles the contract: an order placed after it could only
        // fill once the contract is gone.
        b.process(bar: bar(10, 100, 101, 99, 100), symbol: "SPY")
        let onExpiryDay = b.submit(OrderRequest(.buy, 1, .option(call105)))
        XCTAssertEqual(onExpiryDay.status, .rejected)
        XCTAssertEqual(b.why(onExpiryDay.id), ["2024-01-10 rejected: rejected by invalid_order: SPY240110C00105000 has expired "
                                               + "(expiry 2024-01-10, paper clock at 2024-01-10)"])
        b.process(bar: bar(11, 100, 101, 99, 100), symbol: "SPY")
        let sell = b.submit(OrderRequest(.sell, 1, .option(call105), type: .limit(1), timeInForce: .gtc))
        XCTAssertEqual(sell.status, .rejected)
        XCTAssertEqual(b.why(sell.id).last, "2024-01-11 rejected: rejected by invalid_order: SPY240110C00105000 has expired "
                       + "(expiry 2024-01-10, paper clock at 2024-01-11)")
        // One expired leg is enough to refuse a spread; the live leg alone still trades.
        let spread = b.submit(OrderRequest(spread: [OrderLeg(.option(call110Feb), side: .buy), OrderLeg(.option(call110), side: .sell)],
                                           side: .buy, quantity: 1))
        XCTAssertEqual(spread.status, .rejected)
        XCTAssertEqual(b.submit(OrderRequest(.buy, 1, .option(call110Feb))).status, .new)
        XCTAssertEqual(RiskRules.expired(call110Feb, clock: jan(30) + 86_399), nil)
        XCTAssertNotNil(RiskRules.expired(call110Feb, clock: jan(31)))
    }

    // MARK: Bracket exits follow their entry

    func testDayBracketEntryExpiringUnfilledCancelsItsExits() {
        var b = testBroker(last: 100)
        b.submit(OrderRequest(.buy, 10, .stock("SPY"), type: .limit(95), orderClass: .bracket(takeProfit: 110, stopLoss: 90)))
        b.process(bar: bar(2, 100, 101, 97, 99), symbol: "SPY")   // low 97: the limit 95 is not reached
        XCTAssertEqual(b.orders.map(\.status), [.new, .held, .held])
        b.process(bar: bar(3, 99, 100, 96, 98), symbol: "SPY")    // a later day: the day entry expires
        XCTAssertEqual(b.orders.map(\.status), [.expired, .cancelled, .cancelled])
        XCTAssertEqual(b.why(2).last, "2024-01-03 cancelled: parent #1 expired unfilled")
        XCTAssertEqual(b.why(3).last, "2024-01-03 cancelled: parent #1 expired unfilled")
        XCTAssertTrue(b.openOrders.isEmpty)
        // Nothing is left to trade: a bar through the old stop-loss fills nothing.
        b.process(bar: bar(4, 85, 86, 80, 82), symbol: "SPY")
        XCTAssertTrue(b.fills.isEmpty)
        XCTAssertTrue(b.positions.isEmpty)
    }

    func testIocBracketEntryCancelledUnfilledCancelsItsExits() {
        var b = testBroker(last: 100)
        b.submit(OrderRequest(.buy, 10, .stock("SPY"), type: .limit(95), timeInForce: .ioc,
                              orderClass: .bracket(takeProfit: 110, stopLoss: 90)))
        b.process(bar: bar(2, 100, 101, 97, 99), symbol: "SPY")
        XCTAssertEqual(b.orders.map(\.status), [.cancelled, .cancelled, .cancelled])
        XCTAssertEqual(b.why(2).last, "2024-01-02 cancelled: parent #1 cancelled")
    }

    func testPartlyFilledDayEntryExpiringProtectsTheFilledPart() {
        var b = testBroker(last: 100) { $0.maxVolumeShare = 0.01 }
        b.submit(OrderRequest(.buy, 10, .stock("SPY"), type: .limit(99), orderClass: .bracket(takeProfit: 110, stopLoss: 90)))
        // 1% of a volume of 400 is 4 shares: the entry fills 4 at 99 and stays working today.
        b.process(bar: bar(2, 100, 101, 98, 99, volume: 400), symbol: "SPY")
        XCTAssertEqual(b.order(1)?.filledQuantity, 4)
        XCTAssertEqual(b.orders.map(\.status), [.partiallyFilled, .held, .held])
        b.process(bar: bar(3, 100, 101, 100, 100, volume: 400), symbol: "SPY")
        // The entry expires; its exits now protect the 4 shares bought, from the next bar.
        XCTAssertEqual(b.orders.map(\.status), [.expired, .new, .new])
        XCTAssertEqual(b.orders.dropFirst().map(\.quantity), [4, 4])
        XCTAssertEqual(b.why(3).last, "2024-01-03 activated: entry #1 filled 4; stop_loss working from the next bar")
        b.process(bar: bar(4, 95, 96, 89, 90, volume: 400_000), symbol: "SPY")
        XCTAssertEqual(b.orders.map(\.status), [.expired, .cancelled, .filled])
        XCTAssertEqual(b.fills.last?.price, 90)
        XCTAssertTrue(b.positions.isEmpty)
        XCTAssertTrue(b.reconciliation.balances)
    }

    func testCancellingAnUnfilledEntryStillWithdrawsItsExits() throws {
        var b = testBroker(last: 100)
        b.submit(OrderRequest(.buy, 10, .stock("SPY"), type: .limit(95), timeInForce: .gtc,
                              orderClass: .bracket(takeProfit: 110, stopLoss: 90)))
        try b.cancel(1)
        XCTAssertEqual(b.orders.map(\.status), [.cancelled, .cancelled, .cancelled])
        XCTAssertEqual(b.why(3).last, "2024-01-01 cancelled: parent #1 cancelled")
    }

    // MARK: Starting the clock at the end of the data

    func testClockStartedAtATimeMarksEachSeriesAtItsLastBarByThen() {
        let spy = Bars(symbol: "SPY", time: [jan(2), jan(3), jan(4), jan(5)], open: [10, 11, 12, 13], high: [10, 11, 12, 13],
                       low: [10, 11, 12, 13], close: [10.5, 11.5, 12.5, 13.5], volume: [1, 1, 1, 1])
        // AAPL has no bar on Jan 4: its last bar by then is Jan 3's.
        let aapl = Bars(symbol: "AAPL", time: [jan(2), jan(3), jan(5)], open: [20, 21, 23], high: [20, 21, 23], low: [20, 21, 23],
                        close: [20.5, 21.5, 23.5], volume: [1, 1, 1])
        var broker = SimBroker()
        var clock = MarketClock(series: [spy, aapl])
        XCTAssertEqual(clock.start(at: jan(4), &broker), 2)
        XCTAssertEqual(clock.cursor, jan(4))
        XCTAssertEqual(broker.state.clock, jan(4))
        XCTAssertEqual(broker.state.lastPrice, ["SPY": 12.5, "AAPL": 21.5])
        // An order placed now fills on the next bar after the start, at its open.
        broker.submit(OrderRequest(.buy, 1, .stock("AAPL")))
        XCTAssertEqual(clock.nextTime, jan(5))
        XCTAssertEqual(clock.step(5, &broker), 1)
        XCTAssertEqual(broker.fills.map(\.price), [23])
        XCTAssertNil(clock.nextTime)
        // A clock rebuilt from the stored cursor resumes at the same place.
        XCTAssertEqual(MarketClock(series: [spy, aapl], after: jan(4)).nextTime, jan(5))
    }
}
