import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

final class BlackScholesTests: XCTestCase {
    /// Every row of QuantLib's AnalyticEuropeanEngine output: 1e-10 relative or 1e-12 absolute.
    func testMatchesQuantLibOnEveryRow() throws {
        let rows = try OptionFixtures.rows("bsm_cases.csv")
        XCTAssertEqual(rows.count, 500)
        for row in rows {
            let g = try BlackScholes.greeks(row.type(), spot: row.require("spot"), strike: row.require("strike"),
                                            years: row.require("t_years"), rate: row.require("rate"),
                                            dividendYield: row.require("div_yield"), vol: row.require("vol"))
            let pairs: [(String, Double)] = [
                ("price", g.price), ("delta", g.delta), ("gamma", g.gamma), ("theta_per_year", g.thetaPerYear),
                ("theta_per_day", g.thetaPerDay), ("vega", g.vega), ("rho", g.rho), ("dividend_rho", g.dividendRho),
            ]
            for (key, value) in pairs {
                assertClose(value, try row.require(key), rel: 1e-10, abs: 1e-12, "line \(row.line) \(key)")
            }
        }
    }

    /// t_years in the file is exactly days/365, as QuantLib's Actual365Fixed makes it.
    func testTimeIsCalendarDaysOver365() throws {
        for row in try OptionFixtures.rows("bsm_cases.csv") {
            XCTAssertEqual(try row.require("days") / 365, try row.require("t_years"), "line \(row.line)")
        }
    }

    /// Haug's printed prices, pp. 2-8, 24, 27, to 1e-4 as QuantLib's own test-suite checks them
    /// (europeanoption.cpp): the book rounds to 4 decimals and p. 24 is off by 5.5e-5 in one entry.
    func testHaugTables() throws {
        for row in try OptionFixtures.rows("bs_reference_haug.csv") {
            let p = try BlackScholes.price(row.type(), spot: row.require("spot"), strike: row.require("strike"),
                                           years: row.require("years"), rate: row.require("rate"),
                                           dividendYield: row.require("div_yield"), vol: row.require("vol"))
            assertClose(p, try row.require("price"), rel: 0, abs: 1e-4, "Haug p.\(row.text("haug_page")) line \(row.line)")
        }
    }

    /// Haug's worked Greek examples (4 decimals).
    func testHaugGreeks() throws {
        for row in try OptionFixtures.rows("bs_reference_haug_greeks.csv") {
            let type = try row.type()
            let spot = try row.require("spot")
            let g = try BlackScholes.greeks(type, spot: spot, strike: row.require("strike"),
                                            years: row.require("years"), rate: row.require("rate"),
                                            dividendYield: row.require("div_yield"), vol: row.require("vol"))
            let value: Double
            switch row.text("greek") {
            case "delta": value = g.delta
            case "elasticity": value = g.delta * spot / g.price
            case "gamma": value = g.gamma
            case "vega": value = g.vega
            case "theta_per_year": value = g.thetaPerYear
            case "theta_per_day_365": value = g.thetaPerDay
            case "rho": value = g.rho
            case "dividend_rho": value = g.dividendRho
            default: XCTFail("unknown greek \(row.text("greek"))"); continue
            }
            assertClose(value, try row.require("value"), rel: 0, abs: 1e-4, "Haug \(row.text("greek")) line \(row.line)")
        }
    }

    /// Second-order Greeks against central differences of the first-order ones (and the
    /// first-order ones against differences of the price), over a spread of cases.
    func testHigherGreeksMatchFiniteDifferences() throws {
        let cases: [(OptionType, Double, Double, Double, Double, Double, Double)] = [
            (.call, 100, 100, 0.5, 0.05, 0.02, 0.25), (.put, 100, 100, 0.5, 0.05, 0.02, 0.25),
            (.call, 100, 120, 1.0, 0.03, 0.00, 0.40), (.put, 90, 80, 0.25, -0.01, 0.04, 0.30),
            (.call, 50, 45, 2.0, 0.08, 0.06, 0.15), (.put, 300, 350, 0.1, 0.02, 0.01, 0.80),
        ]
        for (type, s, k, t, r, q, v) in cases {
            func g(s: Double = s, k: Double = k, t: Double = t, r: Double = r, q: Double = q, v: Double = v) throws -> OptionGreeks {
                try BlackScholes.greeks(type, spot: s, strike: k, years: t, rate: r, dividendYield: q, vol: v)
            }
            let base = try g()
            let hs = s * 1e-5, hv = 1e-5, ht = 1e-6, hr = 1e-6, hk = k * 1e-4
            let label = "\(type) S=\(s) K=\(k) T=\(t)"
            let fd: [(String, Double, Double)] = [
                ("delta", base.delta, (try g(s: s + hs).price - g(s: s - hs).price) / (2 * hs)),
                ("gamma", base.gamma, (try g(s: s + hs).delta - g(s: s - hs).delta) / (2 * hs)),
                ("vega", base.vega, (try g(v: v + hv).price - g(v: v - hv).price) / (2 * hv)),
                ("theta", base.thetaPerYear, -(try g(t: t + ht).price - g(t: t - ht).price) / (2 * ht)),
                ("rho", base.rho, (try g(r: r + hr).price - g(r: r - hr).price) / (2 * hr)),
                ("dividend rho", base.dividendRho, (try g(q: q + hr).price - g(q: q - hr).price) / (2 * hr)),
                ("vanna", base.vanna, (try g(v: v + hv).delta - g(v: v - hv).delta) / (2 * hv)),
                ("vanna via vega", base.vanna, (try g(s: s + hs).vega - g(s: s - hs).vega) / (2 * hs)),
                ("volga", base.volga, (try g(v: v + hv).vega - g(v: v - hv).vega) / (2 * hv)),
                ("charm", base.charm, -(try g(t: t + ht).delta - g(t: t - ht).delta) / (2 * ht)),
                ("speed", base.speed, (try g(s: s + hs).gamma - g(s: s - hs).gamma) / (2 * hs)),
                ("dual delta", base.dualDelta, (try g(k: k + hk).price - g(k: k - hk).price) / (2 * hk)),
            ]
            for (name, analytic, numeric) in fd {
                assertClose(analytic, numeric, rel: 1e-6, abs: 1e-8, "\(label) \(name)")
            }
        }
    }

    /// Black-76 is BSM on the forward with the discount only in rho: check against BSM
    /// with spot = F·e^{−(r−q)T}, and rho = −T·V.
    func testBlack76() throws {
        let f = 105.0, k = 100.0, t = 0.75, r = 0.04, v = 0.3
        for type in OptionType.allCases {
            let b = try Black76.greeks(type, forward: f, strike: k, years: t, rate: r, vol: v)
            let viaSpot = try BlackScholes.price(type, spot: f * exp(-r * t), strike: k, years: t, rate: r, dividendYield: 0, vol: v)
            assertClose(b.price, viaSpot, rel: 1e-13, "\(type) price")
            assertClose(b.rho, -t * b.price, rel: 1e-12, "\(type) rho")
            XCTAssertEqual(b.dividendRho, 0)
            let h = 1e-6
            let up = try Black76.price(type, forward: f, strike: k, years: t, rate: r + h, vol: v)
            let down = try Black76.price(type, forward: f, strike: k, years: t, rate: r - h, vol: v)
            assertClose(b.rho, (up - down) / (2 * h), rel: 1e-7, "\(type) rho by difference")
        }
        // Put-call parity on futures: C − P = e^{−rT}(F − K).
        let c = try Black76.price(.call, forward: f, strike: k, years: t, rate: r, vol: v)
        let p = try Black76.price(.put, forward: f, strike: k, years: t, rate: r, vol: v)
        assertClose(c - p, exp(-r * t) * (f - k), rel: 1e-13, "parity")
    }

    func testUnitsDerived() throws {
        let g = try BlackScholes.greeks(.call, spot: 100, strike: 100, years: 1, rate: 0.05, dividendYield: 0.02, vol: 0.2)
        XCTAssertEqual(g.thetaPerDay, g.thetaPerYear / 365)
        XCTAssertEqual(g.vegaPerPoint, g.vega / 100)
        XCTAssertEqual(g.rhoPerPoint, g.rho / 100)
    }

    func testPreconditionsNameTheFact() {
        XCTAssertThrowsError(try BlackScholes.price(.call, spot: -5, strike: 100, years: 1, rate: 0.01, vol: 0.2)) {
            XCTAssertEqual("\($0)", "spot must be positive, got -5.0")
        }
        XCTAssertThrowsError(try BlackScholes.price(.put, spot: 5, strike: 100, years: 0, rate: 0.01, vol: 0.2)) {
            XCTAssertEqual("\($0)", "time to expiry (years) must be positive, got 0.0")
        }
        XCTAssertThrowsError(try BlackScholes.price(.put, spot: 5, strike: 100, years: 1, rate: .nan, vol: 0.2)) {
            XCTAssertEqual("\($0)", "rate must be a finite number, got nan")
        }
        XCTAssertThrowsError(try BlackScholes.price(.put, spot: 5, strike: 100, years: 1, rate: 0.01, vol: 0)) {
            XCTAssertEqual("\($0)", "volatility must be positive, got 0.0")
        }
    }
}
