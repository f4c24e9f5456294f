import XCTest
@testable import TapeCore

/// Each fill rule against hand-built bars: the price, and the explanation word for word.
final class FillRulesTests: XCTestCase {
    private func decide(_ type: OrderType, _ side: OrderSide, _ b: PriceBar, slip: Double = 0, mark: Double? = nil,
                        triggered: Bool = false) -> (FillDecision, Bool) {
        var t = triggered
        let d = FillRules.decide(type, side: side, bar: b, slippageBp: slip, trailMark: mark, triggered: &t)
        return (d, t)
    }

    func testMarketFillsAtOpenWithSlippage() {
        let b = bar(2, 100, 105, 95, 102)
        XCTAssertEqual(decide(.market, .buy, b).0, .fill(price: 100, atOpen: true, why: "market: filled at the bar's open 100.00"))
        guard case .fill(let p, _, let why) = decide(.market, .sell, b, slip: 10).0 else { return XCTFail("no fill") }
        XCTAssertEqual(p, 99.9, accuracy: 1e-12)   // 10 bp worse for a seller
        XCTAssertEqual(why, "market: filled at the bar's open 100.00 with 10.00 bp slippage")
    }

    func testLimitBuy() {
        XCTAssertEqual(decide(.limit(420), .buy, bar(2, 425, 430, 421.3, 428)).0, .none(why: "limit 420.00 not reached: bar low 421.30"))
        XCTAssertEqual(decide(.limit(420), .buy, bar(2, 425, 430, 419, 428)).0,
                       .fill(price: 420, atOpen: false, why: "limit 420.00 reached: bar low 419.00"))
        XCTAssertEqual(decide(.limit(420), .buy, bar(2, 415, 430, 410, 428)).0,
                       .fill(price: 415, atOpen: true, why: "limit 420.00: the open 415.00 gapped through it"))
        // Slippage never worsens a limit.
        XCTAssertEqual(decide(.limit(420), .buy, bar(2, 425, 430, 419, 428), slip: 50).0,
                       .fill(price: 420, atOpen: false, why: "limit 420.00 reached: bar low 419.00"))
    }

    func testLimitSell() {
        XCTAssertEqual(decide(.limit(110), .sell, bar(2, 100, 109.5, 99, 101)).0, .none(why: "limit 110.00 not reached: bar high 109.50"))
        XCTAssertEqual(decide(.limit(110), .sell, bar(2, 100, 111, 99, 101)).0,
                       .fill(price: 110, atOpen: false, why: "limit 110.00 reached: bar high 111.00"))
        XCTAssertEqual(decide(.limit(110), .sell, bar(2, 112, 113, 99, 101)).0,
                       .fill(price: 112, atOpen: true, why: "limit 110.00: the open 112.00 gapped through it"))
    }

    func testStopSellTouchedAndGapped() {
        XCTAssertEqual(decide(.stop(95), .sell, bar(2, 100, 101, 96, 97)).0, .none(why: "stop 95.00 not touched: bar low 96.00"))
        XCTAssertEqual(decide(.stop(95), .sell, bar(2, 100, 101, 94, 97)).0,
                       .fill(price: 95, atOpen: false, why: "stop 95.00 touched: bar low 94.00"))
        XCTAssertEqual(decide(.stop(95), .sell, bar(2, 90, 101, 88, 97)).0,
                       .fill(price: 90, atOpen: true, why: "stop 95.00: the open 90.00 gapped through it"))
        guard case .fill(let p, _, _) = decide(.stop(95), .sell, bar(2, 100, 101, 94, 97), slip: 100).0 else { return XCTFail("no fill") }
        XCTAssertEqual(p, 94.05, accuracy: 1e-12)   // a triggered stop is a market order: slippage applies
    }

    func testStopBuy() {
        XCTAssertEqual(decide(.stop(105), .buy, bar(2, 100, 104, 99, 101)).0, .none(why: "stop 105.00 not touched: bar high 104.00"))
        XCTAssertEqual(decide(.stop(105), .buy, bar(2, 100, 106, 99, 101)).0,
                       .fill(price: 105, atOpen: false, why: "stop 105.00 touched: bar high 106.00"))
        XCTAssertEqual(decide(.stop(105), .buy, bar(2, 107, 108, 99, 101)).0,
                       .fill(price: 107, atOpen: true, why: "stop 105.00: the open 107.00 gapped through it"))
    }

    func testStopLimit() {
        // Buy stop 105 limit 106: touched intrabar, the stop is within the limit -> fills at the stop.
        let (d1, t1) = decide(.stopLimit(stop: 105, limit: 106), .buy, bar(2, 100, 107, 99, 101))
        XCTAssertEqual(d1, .fill(price: 105, atOpen: false, why: "stop 105.00 touched (bar high 107.00), filled at the stop within limit 106.00"))
        XCTAssertTrue(t1)
        // Gap over the limit at the open: triggered, but the limit is not reached (low 107.50 > 106).
        let (d2, t2) = decide(.stopLimit(stop: 105, limit: 106), .buy, bar(2, 108, 109, 107.5, 108))
        XCTAssertEqual(d2, .none(why: "stop 105.00 triggered at the open 108.00; limit 106.00 not reached: bar low 107.50"))
        XCTAssertTrue(t2)
        // Once triggered it is a plain limit on later bars.
        XCTAssertEqual(decide(.stopLimit(stop: 105, limit: 106), .buy, bar(3, 107, 108, 105.5, 106), triggered: true).0,
                       .fill(price: 106, atOpen: false, why: "limit 106.00 reached: bar low 105.50"))
        // Limit below the stop for a buy: touched, waits for a later bar.
        XCTAssertEqual(decide(.stopLimit(stop: 105, limit: 104), .buy, bar(2, 100, 106, 99, 101)).0,
                       .none(why: "stop 105.00 touched; limit 104.00 is beyond the stop, working as a limit from the next bar"))
        XCTAssertEqual(decide(.stopLimit(stop: 95, limit: 94), .sell, bar(2, 100, 101, 96, 97)).0,
                       .none(why: "stop 95.00 not touched: bar low 96.00"))
    }

    func testTrailingStop() {
        XCTAssertEqual(FillRules.trailingStopPrice(.amount(5), side: .sell, mark: 120), 115)
        XCTAssertEqual(FillRules.trailingStopPrice(.percent(0.1), side: .buy, mark: 50), 55, accuracy: 1e-12)
        XCTAssertEqual(decide(.trailingStop(.percent(0.1)), .sell, bar(2, 100, 101, 91, 95), mark: 100).0,
                       .none(why: "trailing stop 90.00 not touched: bar low 91.00"))
        XCTAssertEqual(decide(.trailingStop(.amount(5)), .sell, bar(2, 118, 119, 114, 115), mark: 120).0,
                       .fill(price: 115, atOpen: false, why: "trailing stop 115.00 touched: bar low 114.00"))
        XCTAssertEqual(FillRules.updatedTrailMark(120, side: .sell, bar: bar(2, 118, 125, 114, 115)), 125)
        XCTAssertEqual(FillRules.updatedTrailMark(120, side: .buy, bar: bar(2, 118, 125, 114, 115)), 114)
    }
}
