import XCTest
@testable import TapeCore

/// Every risk rule: one order it lets through and one it rejects, with the exact message.
/// The account: 10,000 cash, SPY last at 100, no costs.
final class RiskRulesTests: XCTestCase {
    private func rejection(_ b: inout SimBroker, _ r: OrderRequest) -> String? {
        let o = b.submit(r)
        return o.status == .rejected ? b.why(o.id).last : nil
    }
    private func buy(_ q: Double, type: OrderType = .market) -> OrderRequest { OrderRequest(.buy, q, .stock("SPY"), type: type) }

    func testBuyingPower() {
        var b = testBroker(cash: 10_000)
        XCTAssertEqual(rejection(&b, buy(101)), "2024-01-01 rejected: rejected by buying_power: needs 10100.00, buying power is 10000.00")
        XCTAssertNil(rejection(&b, buy(100)))
    }

    func testMaxPositionPct() {
        var b = testBroker(cash: 10_000) { _ in } risk: { $0.maxPositionPct = 50 }
        XCTAssertEqual(rejection(&b, buy(51)), "2024-01-01 rejected: rejected by max_position_pct: SPY would be 51.00% of equity 10000.00 (limit 50.00%)")
        XCTAssertNil(rejection(&b, buy(50)))
    }

    func testMaxOrderNotional() {
        var b = testBroker(cash: 10_000) { _ in } risk: { $0.maxOrderNotional = 5_000 }
        XCTAssertEqual(rejection(&b, buy(51)), "2024-01-01 rejected: rejected by max_order_notional: order notional 5100.00 exceeds 5000.00")
        XCTAssertNil(rejection(&b, buy(50)))
    }

    func testPriceCollar() {
        var b = testBroker(cash: 10_000)
        XCTAssertEqual(rejection(&b, buy(1, type: .limit(111))),
                       "2024-01-01 rejected: rejected by price_collar: limit 111.00 is 11.00% from the last price 100.00 (collar 10.00%)")
        XCTAssertEqual(rejection(&b, OrderRequest(.buy, 1, .stock("SPY"), orderClass: .bracket(takeProfit: 150, stopLoss: 95))),
                       "2024-01-01 rejected: rejected by price_collar: take-profit 150.00 is 50.00% from the last price 100.00 (collar 10.00%)")
        XCTAssertNil(rejection(&b, buy(1, type: .limit(109))))
    }

    func testAllowShort() {
        var b = testBroker(cash: 10_000) { _ in } risk: { $0.allowShort = false }
        XCTAssertEqual(rejection(&b, OrderRequest(.sell, 10, .stock("SPY"))),
                       "2024-01-01 rejected: rejected by allow_short: would leave SPY at -10 shares and shorting is disabled")
        b.submit(buy(10))
        b.process(bar: bar(2, 100, 100, 100, 100), symbol: "SPY")
        XCTAssertNil(rejection(&b, OrderRequest(.sell, 10, .stock("SPY"))))
    }

    func testMaxOpenOrders() {
        var b = testBroker(cash: 10_000) { _ in } risk: { $0.maxOpenOrders = 2 }
        XCTAssertNil(rejection(&b, buy(1, type: .limit(95))))
        XCTAssertNil(rejection(&b, buy(2, type: .limit(95))))
        XCTAssertEqual(rejection(&b, buy(3, type: .limit(95))), "2024-01-01 rejected: rejected by max_open_orders: 2 orders already open (limit 2)")
    }

    func testDailyLossLimitHaltsUntilNextDay() {
        var b = testBroker(cash: 10_000) { _ in } risk: { $0.dailyLossLimitPct = 5 }
        b.submit(buy(100))
        b.process(bar: bar(2, 100, 100, 96, 96), symbol: "SPY")   // −4% from the day's start: still trading
        XCTAssertNil(rejection(&b, OrderRequest(.sell, 1, .stock("SPY"), type: .limit(99))))
        b.process(bar: bar(3, 96, 96, 90, 90.24), symbol: "SPY")   // 9600 -> 9024: −6%
        XCTAssertEqual(b.state.haltedDay, jan(3))
        // A halt stops new exposure; an order that only reduces the position still passes,
        // so the breaker never traps a losing position (it used to refuse this sale too).
        XCTAssertEqual(rejection(&b, OrderRequest(.buy, 2, .stock("SPY"))),
                       "2024-01-03 rejected: rejected by daily_loss_limit: trading halted for 2024-01-03: equity 9024.00 is 6.00% below the day's start 9600.00 (limit 5.00%)")
        XCTAssertNil(rejection(&b, OrderRequest(.sell, 2, .stock("SPY"))))
        XCTAssertEqual(b.breakers.halt?.rule, "daily_loss_limit")
        b.process(bar: bar(4, 90.24, 91, 90, 90.24), symbol: "SPY")
        XCTAssertNil(rejection(&b, OrderRequest(.sell, 3, .stock("SPY"))))
    }

    func testMaxGrossExposure() {
        var b = testBroker(cash: 10_000) { _ in } risk: { $0.maxGrossExposurePct = 50 }
        b.submit(buy(50))
        b.process(bar: bar(2, 100, 100, 100, 100), symbol: "SPY")
        XCTAssertEqual(rejection(&b, buy(1)), "2024-01-02 rejected: rejected by max_gross_exposure: gross exposure would be 51.00% of equity (limit 50.00%)")
        XCTAssertNil(rejection(&b, OrderRequest(.sell, 5, .stock("SPY"))))   // reducing is always allowed
    }

    func testMaxConcentration() {
        var b = testBroker(cash: 10_000) { _ in } risk: { $0.maxConcentrationPct = 60 }
        XCTAssertEqual(rejection(&b, buy(70)),
                       "2024-01-01 rejected: rejected by max_concentration: delta exposure to SPY would be 70 shares, 70.00% of equity (limit 60.00%)")
        XCTAssertNil(rejection(&b, buy(60)))
    }

    func testDuplicateOrderGuard() {
        var b = testBroker(cash: 10_000)
        XCTAssertNil(rejection(&b, buy(10, type: .limit(99))))
        XCTAssertEqual(rejection(&b, buy(10, type: .limit(99))),
                       "2024-01-01 rejected: rejected by duplicate_order_guard: same buy 10 SPY as order #1 0 s ago (window 60 s)")
        XCTAssertNil(rejection(&b, buy(11, type: .limit(99))))   // a different quantity is a different order
        b.process(bar: bar(2, 100, 100, 100, 100), symbol: "SPY")
        XCTAssertNil(rejection(&b, buy(10, type: .limit(99))))   // a day later
    }

    func testNakedShortOptions() {
        var b = testBroker(cash: 100_000)
        let call = OptionContract(underlying: "SPY", right: .call, strike: 105, expiry: jan(31))
        let lower = OptionContract(underlying: "SPY", right: .call, strike: 100, expiry: jan(31))
        XCTAssertEqual(rejection(&b, OrderRequest(.sell, 1, .option(call))),
                       "2024-01-01 rejected: rejected by naked_short_options: selling 1 SPY240131C00105000 leaves 100 call units short against 0 covered; naked short options are disabled")
        // A bull call spread: the long 100 call covers the short 105 call.
        let spread = OrderRequest(spread: [OrderLeg(.option(lower), side: .buy), OrderLeg(.option(call), side: .sell)], side: .buy, quantity: 1)
        XCTAssertNil(rejection(&b, spread))
        // A covered call: 100 shares cover one short call.
        b.submit(buy(100))
        b.process(bar: bar(2, 100, 100, 100, 100), symbol: "SPY")
        XCTAssertNil(rejection(&b, OrderRequest(.sell, 1, .option(call))))
    }

    func testInvalidOrders() {
        var b = testBroker(cash: 10_000)
        XCTAssertEqual(rejection(&b, buy(0)), "2024-01-01 rejected: rejected by invalid_order: quantity 0 must be positive")
        XCTAssertEqual(rejection(&b, buy(1.5)), "2024-01-01 rejected: rejected by invalid_order: quantity 1.5 must be a whole number of units")
        XCTAssertEqual(rejection(&b, OrderRequest(.buy, 1, .stock("QQQ"))),
                       "2024-01-01 rejected: rejected by invalid_order: no price seen yet for QQQ: step the clock over its bars first")
        XCTAssertEqual(rejection(&b, OrderRequest(.buy, 1, .stock("SPY"), orderClass: .bracket(takeProfit: 95, stopLoss: 105))),
                       "2024-01-01 rejected: rejected by invalid_order: take-profit 95.00 must be above stop-loss 105.00 for a long position")
    }

    func testConfigKeysRoundTripAndErrors() throws {
        var r = RiskConfig()
        for (key, _) in RiskConfig.keys { XCTAssertNotNil(r.value(key), key) }
        XCTAssertEqual(RiskConfig.keys.count, 19)
        try r.set("restricted_symbols", "gme, amc")
        XCTAssertEqual(r.value("restricted_symbols"), "GME,AMC")
        try r.set("max_correlation", "0.8")
        XCTAssertEqual(r.maxCorrelation, 0.8)
        XCTAssertThrowsError(try r.set("max_correlation", "1.5")) {
            XCTAssertEqual("\($0)", "risk rule max_correlation: '1.5' is not a correlation from 0 to 1, or none")
        }
        XCTAssertThrowsError(try r.set("correlation_lookback", "1")) {
            XCTAssertEqual("\($0)", "risk rule correlation_lookback: '1' is not a whole number of returns from 2 to 100000")
        }
        try r.set("max_order_notional", "2500")
        XCTAssertEqual(r.maxOrderNotional, 2500)
        try r.set("daily_loss_limit_pct", "none")
        XCTAssertNil(r.dailyLossLimitPct)
        XCTAssertThrowsError(try r.set("max_open_orders", "2.5")) {
            XCTAssertEqual("\($0)", "risk rule max_open_orders: '2.5' is not a whole number or none")
        }
        XCTAssertThrowsError(try r.set("allow_short", "maybe")) { XCTAssertEqual("\($0)", "risk rule allow_short: 'maybe' is not true or false") }
        XCTAssertThrowsError(try r.set("max_leverage", "2")) { XCTAssertTrue("\($0)".hasPrefix("unknown risk rule 'max_leverage'; rules: daily_loss_limit_pct, ")) }
    }
}
