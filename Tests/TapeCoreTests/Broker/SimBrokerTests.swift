import XCTest
@testable import TapeCore

/// Accounting and order life cycles, each number worked out by hand in the comments.
final class SimBrokerTests: XCTestCase {
    func testLongRoundTripWithCommission() {
        var b = testBroker(cash: 10_000) { $0.commission = CommissionModel(rate: 0.001, minimum: 1) }
        b.submit(OrderRequest(.buy, 20, .stock("SPY")))
        b.process(bar: bar(2, 100, 104, 99, 103), symbol: "SPY")
        // Cash: 10000 − 20 × 100 − max(0.001 × 2000, 1) = 7998.
        XCTAssertEqual(b.cash, 7998, accuracy: 1e-9)
        XCTAssertEqual(b.equity, 7998 + 20 * 103, accuracy: 1e-9)
        XCTAssertEqual(b.unrealisedPnL, 60, accuracy: 1e-9)
        XCTAssertEqual(b.buyingPower, 7998, accuracy: 1e-9)
        b.submit(OrderRequest(.sell, 5, .stock("SPY")))
        b.process(bar: bar(3, 110, 111, 108, 109), symbol: "SPY")
        // Sold 5 at 110: realised 5 × 10 = 50; commission max(0.55, 1) = 1.
        let p = b.positions[0]
        XCTAssertEqual(p.quantity, 15)
        XCTAssertEqual(p.averageCost, 100)
        XCTAssertEqual(p.realised, 50, accuracy: 1e-9)
        XCTAssertEqual(b.cash, 7998 + 550 - 1, accuracy: 1e-9)
        XCTAssertEqual(b.state.commissions, 3, accuracy: 1e-9)
        XCTAssertTrue(b.reconciliation.balances)
        XCTAssertEqual(b.reconciliation.difference, 0, accuracy: 1e-9)
    }

    func testShortAndFlipThroughZero() {
        var b = testBroker(cash: 10_000)
        b.submit(OrderRequest(.sell, 50, .stock("SPY")))
        b.process(bar: bar(2, 100, 101, 99, 100), symbol: "SPY")
        // Proceeds held: cash 15000, equity 10000, gross 5000 -> buying power 5000.
        XCTAssertEqual(b.cash, 15_000)
        XCTAssertEqual(b.equity, 10_000)
        XCTAssertEqual(b.buyingPower, 5_000)
        b.submit(OrderRequest(.buy, 80, .stock("SPY")))
        b.process(bar: bar(3, 90, 91, 89, 90), symbol: "SPY")
        // Covers 50 at 90 (+500), opens 30 long at 90.
        let p = b.positions[0]
        XCTAssertEqual(p.quantity, 30)
        XCTAssertEqual(p.averageCost, 90)
        XCTAssertEqual(b.state.realisedPnL, 500)
        XCTAssertEqual(b.cash, 15_000 - 80 * 90)
        XCTAssertTrue(b.reconciliation.balances)
    }

    func testBracketStopFirstWhenBarTouchesBoth() {
        var b = testBroker()
        let entry = b.submit(OrderRequest(.buy, 10, .stock("SPY"), orderClass: .bracket(takeProfit: 105, stopLoss: 96)))
        XCTAssertEqual(b.orders.map(\.status), [.new, .held, .held])
        // Entry at the open 100; the rest of the bar reaches both 105 and 96: the stop is taken.
        b.process(bar: bar(2, 100, 106, 95, 101), symbol: "SPY")
        XCTAssertEqual(b.order(entry.id)?.status, .filled)
        XCTAssertEqual(b.order(3)?.status, .filled)
        XCTAssertEqual(b.order(2)?.status, .cancelled)
        XCTAssertEqual(b.fills.map(\.price), [100, 96])
        XCTAssertEqual(b.state.realisedPnL, -40)
        XCTAssertEqual(b.why(2).last, "2024-01-02 cancelled: OCO sibling #3 filled")
        XCTAssertEqual(b.why(3), ["2024-01-01 submitted: stop_loss of #1: sell 10 SPY stop 96.00 gtc, held until the entry fills",
                                  "2024-01-02 activated: entry #1 filled 10; stop_loss working from the rest of this bar",
                                  "2024-01-02 fill: sell 10 SPY at 96.00: stop 96.00 touched: bar low 95.00"])
    }

    func testBracketLimitEntryWaitsForNextBarAndGapTakesTarget() {
        var b = testBroker()
        b.submit(OrderRequest(.buy, 10, .stock("SPY"), type: .limit(99), timeInForce: .gtc,
                              orderClass: .bracket(takeProfit: 104, stopLoss: 95)))
        // Entry fills intrabar at 99; children would see low 94 on this bar, but start next bar.
        b.process(bar: bar(2, 100, 101, 94, 100), symbol: "SPY")
        XCTAssertEqual(b.orders.map(\.status), [.filled, .new, .new])
        // Next bar opens at 106, through the target: the target wins at the open.
        b.process(bar: bar(3, 106, 107, 94, 100), symbol: "SPY")
        XCTAssertEqual(b.orders.map(\.status), [.filled, .filled, .cancelled])
        XCTAssertEqual(b.fills.map(\.price), [99, 106])
    }

    func testPartialFillsByVolumeShareIocAndFok() {
        var b = testBroker { $0.maxVolumeShare = 0.1 }
        b.submit(OrderRequest(.buy, 250, .stock("SPY"), timeInForce: .gtc))
        b.process(bar: bar(2, 100, 101, 99, 100, volume: 1000), symbol: "SPY")
        XCTAssertEqual(b.order(1)?.status, .partiallyFilled)
        XCTAssertEqual(b.order(1)?.filledQuantity, 100)
        b.process(bar: bar(3, 101, 102, 100, 101, volume: 2000), symbol: "SPY")
        XCTAssertEqual(b.order(1)?.status, .filled)
        XCTAssertEqual(b.order(1)?.averageFillPrice ?? 0, (100 * 100 + 150 * 101) / 250.0, accuracy: 1e-9)

        b.submit(OrderRequest(.sell, 120, .stock("SPY"), timeInForce: .ioc))
        b.submit(OrderRequest(.sell, 130, .stock("SPY"), timeInForce: .fok))
        b.process(bar: bar(4, 100, 101, 99, 100, volume: 1000), symbol: "SPY")
        XCTAssertEqual(b.order(2)?.filledQuantity, 100)
        XCTAssertEqual(b.order(2)?.status, .cancelled)
        XCTAssertEqual(b.why(2).last, "2024-01-04 cancelled: ioc: remainder 20 cancelled")
        XCTAssertEqual(b.order(3)?.status, .cancelled)
        XCTAssertEqual(b.why(3).last, "2024-01-04 cancelled: fok: only 100 of 130 available (10.00% of bar volume 1000)")
    }

    func testIocCancelledWhenVolumeAllowsNoUnit() {
        var b = testBroker { $0.maxVolumeShare = 0.001 }
        b.submit(OrderRequest(.buy, 5, .stock("SPY"), timeInForce: .ioc))
        b.submit(OrderRequest(.buy, 6, .stock("SPY"), timeInForce: .gtc))
        b.process(bar: bar(2, 100, 101, 99, 100, volume: 500), symbol: "SPY")
        XCTAssertEqual(b.order(1)?.status, .cancelled)
        XCTAssertEqual(b.why(1).last, "2024-01-02 cancelled: ioc: no fill: 0.10% of bar volume 500 is under one unit")
        XCTAssertEqual(b.order(2)?.status, .new)
        XCTAssertEqual(b.why(2).last, "working: no fill: 0.10% of bar volume 500 is under one unit")
    }

    func testDayOrderExpiresGtcStaysAndWhyExplains() {
        var b = testBroker(last: 425)
        b.submit(OrderRequest(.buy, 1, .stock("SPY"), type: .limit(420)))
        b.submit(OrderRequest(.buy, 2, .stock("SPY"), type: .limit(420), timeInForce: .gtc))
        b.process(bar: bar(2, 425, 430, 421.3, 428), symbol: "SPY")
        XCTAssertEqual(b.why(1).last, "working: limit 420.00 not reached: bar low 421.30 on 2024-01-02")
        b.process(bar: bar(3, 425, 430, 421.3, 428), symbol: "SPY")
        XCTAssertEqual(b.order(1)?.status, .expired)
        XCTAssertEqual(b.why(1).last, "2024-01-03 expired: day order expired unfilled at the end of 2024-01-02")
        XCTAssertEqual(b.order(2)?.status, .new)
        b.process(bar: bar(4, 425, 430, 418, 428), symbol: "SPY")
        XCTAssertEqual(b.order(2)?.status, .filled)
        XCTAssertEqual(b.fills.last?.price, 420)
    }

    func testTrailingStopFollowsTheHigh() {
        var b = testBroker()
        b.submit(OrderRequest(.buy, 10, .stock("SPY")))
        b.process(bar: bar(2, 100, 100, 100, 100), symbol: "SPY")
        b.submit(OrderRequest(.sell, 10, .stock("SPY"), type: .trailingStop(.amount(5)), timeInForce: .gtc))
        b.process(bar: bar(3, 101, 110, 100, 108), symbol: "SPY")   // stop 95 untouched; mark -> 110
        XCTAssertEqual(b.order(2)?.status, .new)
        XCTAssertEqual(b.order(2)?.trailMark, 110)
        b.process(bar: bar(4, 107, 108, 104, 105), symbol: "SPY")   // stop 105 touched
        XCTAssertEqual(b.fills.last?.price, 105)
        XCTAssertEqual(b.state.realisedPnL, 50)
    }

    func testClientOrderIdIsIdempotentAndCancelErrors() {
        var b = testBroker()
        let a = b.submit(OrderRequest(.buy, 1, .stock("SPY"), type: .limit(99), clientOrderId: "abc"))
        let again = b.submit(OrderRequest(.buy, 1, .stock("SPY"), type: .limit(99), clientOrderId: "abc"))
        XCTAssertEqual(a, again)
        XCTAssertEqual(b.orders.count, 1)
        XCTAssertNoThrow(try b.cancel(1))
        XCTAssertThrowsError(try b.cancel(1)) { XCTAssertEqual("\($0)", "order #1 is cancelled, not open: nothing to cancel") }
        XCTAssertThrowsError(try b.cancel(9)) { XCTAssertEqual("\($0)", "no order #9") }
    }

    func testBarWithMissingPricesIsSkipped() {
        var b = testBroker()
        b.submit(OrderRequest(.buy, 10, .stock("SPY")))
        b.process(bar: bar(2, .nan, 101, 99, 100), symbol: "SPY")
        XCTAssertEqual(b.order(1)?.status, .new)
        XCTAssertEqual(b.cash, 100_000)
        XCTAssertEqual(b.state.lastPrice["SPY"], 100)
        b.process(bar: bar(3, 102, 103, 101, 102), symbol: "SPY")
        XCTAssertEqual(b.fills.map(\.price), [102])
        XCTAssertEqual(OptionContract(underlying: "X", right: .call, strike: 1e300, expiry: jan(5)).occSymbol, "X240105C00000000")
    }

    func testGapBeyondBuyingPowerCancelsAtFill() {
        var b = testBroker(cash: 1_000)
        b.submit(OrderRequest(.buy, 10, .stock("SPY")))   // 10 × 100 = 1000 fits at the last price
        b.process(bar: bar(2, 120, 121, 119, 120), symbol: "SPY")
        XCTAssertEqual(b.order(1)?.status, .cancelled)
        XCTAssertEqual(b.why(1).last, "2024-01-02 cancelled: buying_power at fill: need 1200.00, have 1000.00")
        XCTAssertEqual(b.cash, 1_000)
    }
}
