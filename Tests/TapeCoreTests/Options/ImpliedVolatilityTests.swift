import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

final class ImpliedVolatilityTests: XCTestCase {
    /// Every row of vollib's Let's Be Rational output: 1e-9 relative where iv > 0, and the
    /// same error class on invalid rows. Where vollib answers 0 (the price has no time
    /// value left in doubles), Tape answers a positive volatility that reprices the price
    /// to within 4 ulps instead: 0 is not a volatility `price` accepts.
    func testMatchesVollibOnEveryRow() throws {
        let rows = try OptionFixtures.rows("iv_cases.csv")
        XCTAssertEqual(rows.count, 296)
        var checked = 0, zeros = 0, errors = 0
        for row in rows {
            let label = "case \(row.text("case_id")) \(row.text("category"))"
            let solve = {
                try ImpliedVolatility.bsm(price: row.require("price"), type: row.type(), spot: row.require("spot"),
                                          strike: row.require("strike"), years: row.require("t_years"),
                                          rate: row.require("rate"), dividendYield: row.require("div_yield"))
            }
            switch row.text("error") {
            case "BelowIntrinsicException":
                errors += 1
                XCTAssertThrowsError(try solve(), label) { error in
                    guard case OptionError.priceBelowIntrinsic = error else { return XCTFail("\(label): \(error)") }
                }
            case "AboveMaximumException":
                errors += 1
                XCTAssertThrowsError(try solve(), label) { error in
                    guard case OptionError.priceAboveMaximum = error else { return XCTFail("\(label): \(error)") }
                }
            default:
                let expected = try row.require("iv")
                let iv = try solve()
                if expected == 0 {
                    zeros += 1
                    XCTAssertGreaterThan(iv, 0, label)
                    let price = try row.require("price")
                    let again = try BlackScholes.price(row.type(), spot: row.require("spot"), strike: row.require("strike"),
                                                       years: row.require("t_years"), rate: row.require("rate"),
                                                       dividendYield: row.require("div_yield"), vol: iv)
                    XCTAssertLessThanOrEqual(abs(again - price), 4 * price.ulp, label)
                } else {
                    checked += 1
                    assertClose(iv, expected, rel: 1e-9, label)
                }
            }
        }
        XCTAssertEqual(errors, 4)
        XCTAssertGreaterThan(zeros, 0)
        XCTAssertEqual(checked + zeros + errors, rows.count)
    }

    func testErrorMessagesGiveBothValues() {
        XCTAssertThrowsError(try ImpliedVolatility.bsm(price: 101, type: .call, spot: 100, strike: 100, years: 0.5,
                                                       rate: 0.03, dividendYield: 0.01)) { error in
            XCTAssertTrue("\(error)".hasPrefix("price 101.0 is above the maximum value 99.50"), "\(error)")
        }
        XCTAssertThrowsError(try ImpliedVolatility.bsm(price: 1, type: .put, spot: 100, strike: 120, years: 0.5,
                                                       rate: 0.03, dividendYield: 0.01)) { error in
            XCTAssertTrue("\(error)".hasPrefix("price 1.0 is below the intrinsic value 18.712"), "\(error)")
        }
        XCTAssertThrowsError(try ImpliedVolatility.bsm(price: 1, type: .put, spot: 0, strike: 120, years: 0.5, rate: 0)) {
            XCTAssertEqual("\($0)", "spot must be positive, got 0.0")
        }
    }

    /// Black-76: recovers the volatility a price was made with.
    func testBlack76RoundTrip() throws {
        for type in OptionType.allCases {
            for vol in [0.2, 0.6, 1.2] {
                let p = try Black76.price(type, forward: 80, strike: 90, years: 0.4, rate: 0.05, vol: vol)
                let iv = try ImpliedVolatility.black76(price: p, type: type, forward: 80, strike: 90, years: 0.4, rate: 0.05)
                assertClose(iv, vol, rel: 1e-13, "\(type) \(vol)")
            }
        }
    }

    /// price → IV → price over a dense grid: strikes 0.5..3 × spot, 1 day..5 years,
    /// vol 1%..300%, calls and puts, r = 3%, q = 1%.
    ///
    /// Where the round trip is meaningful: the option's time value (price minus discounted
    /// intrinsic) is above 1e-280 and above 1e-13 of the price — below that the price
    /// carries no information about volatility (it equals the intrinsic value to within
    /// rounding, and the solver rightly answers 0 or a volatility that reprices to the same
    /// double). On that part (3958 of 4704 points, prices from 1e-230 up) the repriced value
    /// must agree to 1e-12 relative; measured worst 8.5e-14. This holds even where the
    /// price's volatility elasticity vega·σ/V reaches ~1000, because pricing and inversion
    /// share the normalised Black function and the same forward. Elsewhere the
    /// solver must return a number ≥ 0, or, where rounding left the model price below the
    /// intrinsic value, throw exactly `priceBelowIntrinsic`.
    func testRoundTripOverDenseGrid() throws {
        let spot = 100.0, rate = 0.03, q = 0.01
        let strikes = [50.0, 70, 80, 90, 95, 99, 100, 101, 105, 110, 125, 150, 200, 300]
        let days = [1.0, 2, 7, 14, 30, 61, 91, 182, 365, 730, 1095, 1825]
        let vols = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0]
        var meaningful = 0, worst = 0.0
        for type in OptionType.allCases {
            for k in strikes {
                for d in days {
                    let t = d / 365
                    for vol in vols {
                        let price = try BlackScholes.price(type, spot: spot, strike: k, years: t, rate: rate,
                                                           dividendYield: q, vol: vol)
                        let forward = spot * exp((rate - q) * t)
                        let intrinsic = exp(-rate * t) * type.payoff(spot: forward, strike: k)
                        let timeValue = price - intrinsic
                        let iv: Double
                        do {
                            iv = try ImpliedVolatility.bsm(price: price, type: type, spot: spot, strike: k, years: t,
                                                           rate: rate, dividendYield: q)
                        } catch OptionError.priceBelowIntrinsic {
                            XCTAssertLessThanOrEqual(timeValue, 0, "\(type) K=\(k) d=\(d) vol=\(vol)")
                            continue
                        }
                        XCTAssertGreaterThanOrEqual(iv, 0)
                        guard timeValue > 1e-280, timeValue > 1e-13 * price else { continue }
                        XCTAssertGreaterThan(iv, 0, "\(type) K=\(k) d=\(d) vol=\(vol)")
                        meaningful += 1
                        let again = try BlackScholes.price(type, spot: spot, strike: k, years: t, rate: rate,
                                                           dividendYield: q, vol: iv)
                        let err = abs(again - price) / price
                        worst = max(worst, err)
                        XCTAssertLessThanOrEqual(err, 1e-12, "\(type) K=\(k) d=\(d) vol=\(vol) iv=\(iv)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(meaningful, 3000)
        print("round trip: \(meaningful) points repriced, worst relative price error \(worst)")
    }
}

extension ImpliedVolatilityTests {
    /// Prices with no time value left in doubles (deep in the money, low vol, short
    /// expiry), and prices a few ulps below the intrinsic value by rounding: the solver
    /// answers a positive volatility that `BlackScholes.price` turns back into the same
    /// price to within a few ulps, never "below intrinsic".
    func testPricesAtIntrinsicRepriceExactly() throws {
        let spot = 100.0, rate = 0.03, q = 0.01
        var checked = 0
        for type in OptionType.allCases {
            for k in [50.0, 70, 80, 90, 110, 125, 150, 200] {
                for d in [1.0, 2, 7, 14, 30] {
                    let t = d / 365
                    for vol in [0.01, 0.02, 0.05] {
                        let price = try BlackScholes.price(type, spot: spot, strike: k, years: t, rate: rate,
                                                           dividendYield: q, vol: vol)
                        let forward = spot * exp((rate - q) * t)
                        let intrinsic = exp(-rate * t) * type.payoff(spot: forward, strike: k)
                        guard intrinsic > 0, price - intrinsic <= 1e-13 * price else { continue }
                        // The model price, and the same price nudged down by up to 3 ulps.
                        var p = price
                        for _ in 0...3 {
                            let iv = try ImpliedVolatility.bsm(price: p, type: type, spot: spot, strike: k, years: t,
                                                               rate: rate, dividendYield: q)
                            XCTAssertGreaterThan(iv, 0, "\(type) K=\(k) d=\(d) p=\(p)")
                            let again = try BlackScholes.price(type, spot: spot, strike: k, years: t, rate: rate,
                                                               dividendYield: q, vol: iv)
                            XCTAssertLessThanOrEqual(abs(again - p), 4 * p.ulp, "\(type) K=\(k) d=\(d) p=\(p) iv=\(iv)")
                            checked += 1
                            p = p.nextDown
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 100)
        // Far below the intrinsic value is still an error.
        XCTAssertThrowsError(try ImpliedVolatility.bsm(price: 49.9, type: .call, spot: 100, strike: 50, years: 0.1,
                                                       rate: 0, dividendYield: 0))
    }
}
