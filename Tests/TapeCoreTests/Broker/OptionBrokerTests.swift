import XCTest
@testable import TapeCore

/// Options in the account, priced by an injected Black-Scholes-Merton closure that is
/// itself checked against QuantLib's AnalyticEuropeanEngine table first.
final class OptionBrokerTests: XCTestCase {
    private let call105 = OptionContract(underlying: "SPY", right: .call, strike: 105, expiry: jan(31))
    private let call110 = OptionContract(underlying: "SPY", right: .call, strike: 110, expiry: jan(31))
    private let put95 = OptionContract(underlying: "SPY", right: .put, strike: 95, expiry: jan(31))

    /// Model value the broker should use on `day` at `spot` (expiry at the end of Jan 31, vol 20%, rate 0).
    private func model(_ c: OptionContract, spot: Double, day: Int) -> OptionModelOutput {
        bsmPricer(OptionModelInput(right: c.right, spot: spot, strike: c.strike, years: Double(32 - day) / 365,
                                   volatility: 0.2, rate: 0))
    }

    func testInjectedBSMMatchesQuantLib() throws {
        let rows = try fixtureRows("bsm_cases.csv")
        XCTAssertEqual(rows.count, 500)
        for r in rows {
            let v = r.map { Double($0) ?? .nan }
            let got = bsm(call: r[0] == "call", spot: v[1], strike: v[2], years: v[3], rate: v[4], q: v[5], vol: v[6])
            for (a, e, name) in [(got.price, v[7], "price"), (got.delta, v[8], "delta"), (got.gamma, v[9], "gamma"),
                                 (got.thetaYear, v[10], "theta"), (got.vega, v[11], "vega")] {
                XCTAssertEqual(a, e, accuracy: 1e-9 * max(1, abs(e)), "\(name) \(r)")
            }
        }
    }

    func testShellPricerAgreesWithTheCheckedClosure() {
        for (right, spot, strike, days) in [(OptionRight.call, 100.0, 105.0, 30), (.put, 100, 95, 30), (.call, 450, 400, 3), (.put, 50, 80, 400)] {
            let i = OptionModelInput(right: right, spot: spot, strike: strike, years: Double(days) / 365, volatility: 0.3, rate: 0.04)
            let a = BlackScholesPricer.pricer(i), b = bsmPricer(i)
            XCTAssertEqual(a.price, b.price, accuracy: 1e-10)
            XCTAssertEqual(a.delta, b.delta, accuracy: 1e-12)
            XCTAssertEqual(a.gamma, b.gamma, accuracy: 1e-12)
            XCTAssertEqual(a.theta, b.theta, accuracy: 1e-12)
            XCTAssertEqual(a.vega, b.vega, accuracy: 1e-10)
        }
        XCTAssertTrue(BlackScholesPricer.pricer(OptionModelInput(right: .call, spot: 0, strike: 1, years: 1, volatility: 0.2, rate: 0)).price.isNaN)
    }

    func testOCCSymbolRoundTrip() {
        XCTAssertEqual(call105.occSymbol, "SPY240131C00105000")
        XCTAssertEqual(OptionContract(occSymbol: "SPY240131P00095500")?.strike, 95.5)
        XCTAssertEqual(Instrument.parse("SPY240131C00105000"), .option(call105))
        XCTAssertEqual(Instrument.parse("SPY"), .stock("SPY"))
        XCTAssertNil(OptionContract(occSymbol: "SPY241331C00105000"))   // month 13
    }

    func testBuyCallsFillsAtModelPriceAndReportsGreeks() {
        var b = testBroker(cash: 100_000) { $0.commission = CommissionModel(perContract: 0.65) }
        b.submit(OrderRequest(.buy, 2, .option(call105)))
        b.submit(OrderRequest(.buy, 100, .stock("SPY")))
        b.process(bar: bar(2, 102, 103, 101, 102.5), symbol: "SPY")
        let atOpen = model(call105, spot: 102, day: 2).price
        XCTAssertEqual(b.fills[0].price, atOpen, accuracy: 1e-12)
        XCTAssertEqual(b.fills[0].commission, 1.30, accuracy: 1e-12)
        XCTAssertEqual(b.cash, 100_000 - 2 * 100 * atOpen - 1.30 - 100 * 102, accuracy: 1e-9)
        // Marked at the close, still 30 days from the end of Jan 31 (clock at Jan 2).
        let atClose = model(call105, spot: 102.5, day: 2)
        XCTAssertEqual(b.equity, b.cash + 200 * atClose.price + 100 * 102.5, accuracy: 1e-9)
        let g = b.portfolioGreeks
        XCTAssertEqual(g.delta, 100 + 200 * atClose.delta, accuracy: 1e-9)
        XCTAssertEqual(g.gamma, 200 * atClose.gamma, accuracy: 1e-12)
        XCTAssertEqual(g.theta, 200 * atClose.theta, accuracy: 1e-12)
        XCTAssertEqual(g.vega, 200 * atClose.vega, accuracy: 1e-9)
        XCTAssertTrue(b.reconciliation.balances)
    }

    func testSpreadIsOneOrderAtTheNetDebit() {
        var b = testBroker(cash: 100_000)
        let spread = OrderRequest(spread: [OrderLeg(.option(call105), side: .buy), OrderLeg(.option(call110), side: .sell)],
                                  side: .buy, quantity: 3)
        let o = b.submit(spread)
        XCTAssertEqual(o.status, .new, b.why(o.id).joined(separator: "\n"))
        b.process(bar: bar(2, 104, 106, 103, 105), symbol: "SPY")
        let net = model(call105, spot: 104, day: 2).price - model(call110, spot: 104, day: 2).price
        XCTAssertEqual(b.order(o.id)?.status, .filled)
        XCTAssertEqual(b.order(o.id)?.averageFillPrice ?? 0, net, accuracy: 1e-12)
        XCTAssertEqual(b.fills.count, 2)
        XCTAssertEqual(b.fills.map(\.side), [.buy, .sell])
        XCTAssertEqual(b.fills.map(\.quantity), [3, 3])
        XCTAssertEqual(b.cash, 100_000 - 300 * net, accuracy: 1e-9)
        XCTAssertEqual(b.positions.map(\.quantity), [3, -3])

        // A limit on the net: with the underlying between 103 and 106 the debit stays above 0.50.
        let lim = b.submit(OrderRequest(spread: spread.legs, side: .buy, quantity: 1, type: .limit(0.5), timeInForce: .gtc))
        b.process(bar: bar(3, 104, 106, 103, 105), symbol: "SPY")
        let low = model(call105, spot: 103, day: 3).price - model(call110, spot: 103, day: 3).price
        XCTAssertEqual(b.why(lim.id).last, "working: limit 0.50 not reached: bar low \(String(format: "%.2f", low)) on 2024-01-03")
    }

    func testExpirySettlesInTheMoneyAtIntrinsic() {
        var b = testBroker(cash: 100_000)
        b.submit(OrderRequest(.buy, 2, .option(call105)))
        b.submit(OrderRequest(.buy, 1, .option(put95)))
        b.process(bar: bar(2, 100, 101, 99, 100), symbol: "SPY")
        let callCost = model(call105, spot: 100, day: 2).price, putCost = model(put95, spot: 100, day: 2).price
        b.process(bar: bar(31, 108, 111, 107, 110), symbol: "SPY")   // expiry day: close 110
        XCTAssertTrue(b.positions.isEmpty)
        let settlements = b.fills.filter { $0.orderId == nil }
        XCTAssertEqual(settlements.map(\.price), [5, 0])
        XCTAssertEqual(settlements[0].why, "expired 2024-01-31: cash-settled at intrinsic 5.00 (underlying close 110.00, strike 105.00)")
        XCTAssertEqual(b.state.realisedPnL, 200 * (5 - callCost) - 100 * putCost, accuracy: 1e-9)
        XCTAssertEqual(b.cash, 100_000 + b.state.realisedPnL, accuracy: 1e-9)
        XCTAssertTrue(b.reconciliation.balances)
    }

    func testWithoutModelOptionsAreRefused() {
        var b = SimBroker(config: BrokerConfig(startingCash: 1000))
        b.process(bar: bar(1, 100, 100, 100, 100), symbol: "SPY")
        let o = b.submit(OrderRequest(.buy, 1, .option(call105)))
        XCTAssertEqual(b.why(o.id).last, "2024-01-01 rejected: rejected by invalid_order: no option model to price SPY240131C00105000")
    }
}
