import Foundation
import XCTest
@testable import TapeCore

final class OptionStrategyTests: XCTestCase {
    let market = StrategyMarket(spot: 100, rate: 0.04, dividendYield: 0.01, vol: 0.25)

    func testCatalogHasAtLeast36DistinctStrategies() throws {
        let names = StrategyTemplate.catalog.map(\.name)
        XCTAssertGreaterThanOrEqual(names.count, 36)
        XCTAssertEqual(Set(names).count, names.count)
        let aliases = StrategyTemplate.catalog.flatMap(\.aliases)
        XCTAssertEqual(Set(names + aliases).count, names.count + aliases.count, "a name or alias is used twice")
        for name in names {
            let s = try OptionStrategy.named(name, center: 100, width: 5, nearDays: 30)
            let a = try s.analyze(market)
            XCTAssertTrue(a.probabilityOfProfit >= 0 && a.probabilityOfProfit <= 1, name)
        }
        XCTAssertEqual(StrategyTemplate.named("Iron-Condor")?.name, "iron condor")
        XCTAssertEqual(StrategyTemplate.named("short_iron_condor")?.name, "iron condor")
        XCTAssertThrowsError(try OptionStrategy.named("iron condour", center: 100, width: 5, nearDays: 30)) {
            XCTAssertEqual("\($0)", "unknown strategy \"iron condour\"")
        }
    }

    /// A box spread pays its width whatever the price, and costs its discounted width.
    func testBoxSpreadPaysWidth() throws {
        let box = try OptionStrategy.named("box spread", center: 100, width: 10, nearDays: 90)
        for s in stride(from: 20.0, through: 300, by: 7.3) {
            XCTAssertEqual(try box.payoffAtExpiry(spot: s, market: market), 20, accuracy: 1e-12, "S=\(s)")
        }
        XCTAssertEqual(try box.netPremium(market), 20 * exp(-0.04 * 90 / 365), accuracy: 1e-12)
    }

    /// Synthetic long = stock − K at expiry; today it is worth S e^{−qT} − K e^{−rT} (parity).
    func testSyntheticLongIsStockMinusStrike() throws {
        let syn = try OptionStrategy.named("synthetic long", center: 105, width: 5, nearDays: 60)
        for s in [50.0, 99, 105, 140] {
            XCTAssertEqual(try syn.payoffAtExpiry(spot: s, market: market), s - 105, accuracy: 1e-12)
        }
        let t = 60.0 / 365
        XCTAssertEqual(try syn.netPremium(market), 100 * exp(-0.01 * t) - 105 * exp(-0.04 * t), accuracy: 1e-12)
        let g = try syn.greeks(spot: 100, market: market)
        XCTAssertEqual(g.delta, exp(-0.01 * t), accuracy: 1e-14)
        XCTAssertEqual(g.gamma, 0, accuracy: 1e-15)
    }

    /// Straddle: breakevens K ± premium, loss capped at the premium, profit unbounded.
    func testStraddleBreakevens() throws {
        let straddle = try OptionStrategy.named("long straddle", center: 100, width: 5, nearDays: 30)
        let a = try straddle.analyze(market)
        XCTAssertEqual(a.breakevens.count, 2)
        XCTAssertEqual(a.breakevens[0], 100 - a.netPremium, accuracy: 1e-12)
        XCTAssertEqual(a.breakevens[1], 100 + a.netPremium, accuracy: 1e-12)
        XCTAssertEqual(a.maxProfit, .unbounded)
        XCTAssertEqual(a.maxLoss, .finite(a.netPremium))
        XCTAssertTrue(a.exact)
        let short = try OptionStrategy.named("short straddle", center: 100, width: 5, nearDays: 30).analyze(market)
        XCTAssertEqual(short.maxLoss, .unbounded)
        XCTAssertEqual(short.maxProfit, .finite(-short.netPremium))
        XCTAssertEqual(short.probabilityOfProfit, 1 - a.probabilityOfProfit, accuracy: 1e-12)
    }

    /// Iron condor: max profit = credit, max loss = width − credit, breakevens at the short strikes ∓ credit.
    func testIronCondorBounds() throws {
        let condor = try OptionStrategy.named("iron condor", center: 100, width: 5, nearDays: 45)
        let a = try condor.analyze(market)
        XCTAssertLessThan(a.netPremium, 0, "a credit")
        guard case .finite(let best) = a.maxProfit, case .finite(let worst) = a.maxLoss else {
            return XCTFail("bounded both ways")
        }
        XCTAssertEqual(best, -a.netPremium, accuracy: 1e-12)
        XCTAssertEqual(worst, 5 + a.netPremium, accuracy: 1e-12)
        XCTAssertEqual(a.breakevens.count, 2)
        XCTAssertEqual(a.breakevens[0], 95 + a.netPremium, accuracy: 1e-12)
        XCTAssertEqual(a.breakevens[1], 105 - a.netPremium, accuracy: 1e-12)
    }

    /// Covered call payoff equals a short put's (put-call parity at expiry) plus a constant.
    func testCoveredCallIsShortPutShape() throws {
        let cc = try OptionStrategy.named("covered call", center: 100, width: 5, nearDays: 30)
        let sp = try OptionStrategy(legs: [StrategyLeg(.put, strike: 105, quantity: -1, expiryDays: 30)])
        for s in [60.0, 95, 105, 110, 200] {
            XCTAssertEqual(try cc.payoffAtExpiry(spot: s, market: market) - sp.payoffAtExpiry(spot: s, market: market),
                           105, accuracy: 1e-12)
        }
    }

    /// Probability of profit against a direct integration of the lognormal density over the
    /// set where the expiry P&L is positive (trapezoid on 200 000 steps of ln S over ±10
    /// standard deviations; the indicator's jumps limit that to ~1e-4), for
    /// single-expiry and calendar strategies, risk-neutral and with a drift.
    func testProbabilityOfProfitMatchesIntegration() throws {
        let cases: [(String, Double?)] = [("long straddle", nil), ("iron condor", nil), ("bull call spread", 0.12),
                                          ("call ratio spread", nil), ("jade lizard", -0.05),
                                          ("calendar call spread", nil), ("diagonal put spread", 0.08)]
        for (name, drift) in cases {
            let s = try OptionStrategy.named(name, center: 100, width: 5, nearDays: 30)
            let a = try s.analyze(market, drift: drift)
            let t = s.firstExpiryDays / 365
            let mu = drift ?? (market.rate - market.dividendYield)
            let sd = market.vol * t.squareRoot()
            let mean = log(market.spot) + (mu - 0.5 * market.vol * market.vol) * t
            let n = 200_000
            let cost = try s.netPremium(market)
            let lo = mean - 10 * sd, h = 20 * sd / Double(n)
            var integral = 0.0
            for i in 0...n {
                let y = lo + Double(i) * h
                guard try s.value(spot: exp(y), elapsedDays: s.firstExpiryDays, market: market) - cost > 0 else { continue }
                let w = (i == 0 || i == n) ? 0.5 : 1.0
                integral += w * Normal.pdf((y - mean) / sd) / sd * h
            }
            XCTAssertEqual(a.probabilityOfProfit, integral, accuracy: 1e-4, name)
        }
    }

    /// Calendar: numeric breakevens really are zeros of the P&L at the near expiry, and the
    /// loss is bounded by the debit when q = 0.
    func testCalendarNumericShape() throws {
        let m0 = StrategyMarket(spot: 100, rate: 0.03, dividendYield: 0, vol: 0.3)
        let cal = try OptionStrategy.named("calendar call spread", center: 100, width: 5, nearDays: 30, farDays: 90)
        let a = try cal.analyze(m0)
        XCTAssertFalse(a.exact)
        XCTAssertEqual(a.breakevens.count, 2)
        for b in a.breakevens {
            XCTAssertEqual(try cal.profit(spot: b, elapsedDays: 30, market: m0), 0, accuracy: 1e-9)
        }
        guard case .finite(let loss) = a.maxLoss else { return XCTFail("bounded loss") }
        XCTAssertEqual(loss, a.netPremium, accuracy: 1e-3 * a.netPremium)
        XCTAssertGreaterThan(a.netPremium, 0)
    }

    /// Value before expiry is the sum of BSM leg values; at expiry it is the payoff.
    func testValueOverTime() throws {
        let spread = try OptionStrategy.named("bull call spread", center: 100, width: 10, nearDays: 60)
        let v = try spread.value(spot: 104, elapsedDays: 20, market: market)
        let c1 = try BlackScholes.price(.call, spot: 104, strike: 100, years: 40 / 365, rate: 0.04, dividendYield: 0.01, vol: 0.25)
        let c2 = try BlackScholes.price(.call, spot: 104, strike: 110, years: 40 / 365, rate: 0.04, dividendYield: 0.01, vol: 0.25)
        XCTAssertEqual(v, c1 - c2, accuracy: 1e-12)
        XCTAssertEqual(try spread.value(spot: 104, elapsedDays: 60, market: market), 4, accuracy: 1e-12)
        XCTAssertEqual(try spread.profit(spot: 100, elapsedDays: 0, market: market), 0, accuracy: 1e-12)
    }

    func testCustomLegsAndValidation() throws {
        let custom = try OptionStrategy(legs: [
            StrategyLeg(.call, strike: 100, quantity: 1, expiryDays: 30, premium: 3),
            StrategyLeg(.call, strike: 110, quantity: -1, expiryDays: 30, premium: 1),
        ])
        let a = try custom.analyze(market)
        XCTAssertEqual(a.netPremium, 2)
        XCTAssertEqual(a.breakevens, [102])
        XCTAssertEqual(a.maxProfit, .finite(8))
        XCTAssertEqual(a.maxLoss, .finite(2))
        XCTAssertThrowsError(try OptionStrategy(legs: [StrategyLeg(.put, strike: -1, quantity: 1, expiryDays: 30)])) {
            XCTAssertEqual("\($0)", "leg 1 strike must be positive, got -1.0")
        }
        XCTAssertThrowsError(try OptionStrategy(legs: [])) { XCTAssertEqual("\($0)", "a strategy needs at least one leg") }
    }
}
