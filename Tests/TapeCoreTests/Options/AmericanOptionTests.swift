import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

final class AmericanOptionTests: XCTestCase {
    private struct Case {
        let row: OptionFixtures.Row
        let type: OptionType
        let spot, strike, years, rate, q, vol: Double
        var label: String { "line \(row.line) \(type) S=\(spot) K=\(strike) T=\(years) r=\(rate) q=\(q) vol=\(vol)" }
    }

    private func cases() throws -> [Case] {
        try OptionFixtures.rows("american_cases.csv").map { row in
            Case(row: row, type: try row.type(), spot: try row.require("spot"), strike: try row.require("strike"),
                 years: try row.require("t_years"), rate: try row.require("rate"), q: try row.require("div_yield"),
                 vol: try row.require("vol"))
        }
    }

    /// QuantLib's CRR tree with 1000 steps, American and European, price and Greeks: 1e-8.
    func testCRRMatchesQuantLib() throws {
        let all = try cases()
        XCTAssertEqual(all.count, 167)
        for c in all {
            let am = try BinomialTree.crr(c.type, spot: c.spot, strike: c.strike, years: c.years, rate: c.rate,
                                          dividendYield: c.q, vol: c.vol, steps: 1000)
            assertClose(am.price, try c.row.require("crr1000_price"), rel: 1e-8, abs: 1e-8, "\(c.label) price")
            assertClose(am.delta, try c.row.require("crr1000_delta"), rel: 1e-8, abs: 1e-8, "\(c.label) delta")
            assertClose(am.gamma, try c.row.require("crr1000_gamma"), rel: 1e-8, abs: 1e-8, "\(c.label) gamma")
            assertClose(am.thetaPerYear, try c.row.require("crr1000_theta_per_year"), rel: 1e-8, abs: 1e-8, "\(c.label) theta")
            let eu = try BinomialTree.crr(c.type, american: false, spot: c.spot, strike: c.strike, years: c.years,
                                          rate: c.rate, dividendYield: c.q, vol: c.vol, steps: 1000)
            assertClose(eu.price, try c.row.require("crr1000_european_price"), rel: 1e-8, abs: 1e-8, "\(c.label) european")
        }
    }

    func testTreeStepsAreChecked() {
        XCTAssertThrowsError(try BinomialTree.crr(.put, spot: 100, strike: 100, years: 1, rate: 0.05, vol: 0.2, steps: 1)) {
            XCTAssertEqual("\($0)", "tree steps must be between 2 and 20000, got 1")
        }
    }
}

extension AmericanOptionTests {
    /// QuantLib's BAW: 1e-12 relative (measured worst ~1e-13); the 9 rows QuantLib refuses
    /// (calls at negative rates, critical-price iteration escaping to S ≤ 0) must throw.
    func testBaroneAdesiWhaleyMatchesQuantLib() throws {
        var compared = 0, refused = 0
        for c in try cases() {
            let result = Result {
                try BaroneAdesiWhaley.price(c.type, spot: c.spot, strike: c.strike, years: c.years, rate: c.rate,
                                            dividendYield: c.q, vol: c.vol)
            }
            if let expected = c.row.number("baw_price") {
                compared += 1
                switch result {
                case .success(let v): assertClose(v, expected, rel: 1e-12, abs: 1e-13, "\(c.label) BAW")
                case .failure(let e): XCTFail("\(c.label) BAW threw \(e)")
                }
            } else {
                refused += 1
                if case .success(let v) = result { XCTFail("\(c.label) BAW gave \(v); QuantLib: \(c.row.text("error"))") }
            }
        }
        XCTAssertEqual(refused, 9)
        XCTAssertEqual(compared, 158)
    }

    /// QuantLib's Bjerksund-Stensland (1993 formula): 5e-11 relative; the worst rows
    /// (1.7e-11) are 1-2% vol ones where (S/I)^β has β in the hundreds.
    func testBjerksundStenslandMatchesQuantLib() throws {
        for c in try cases() {
            let v = try BjerksundStensland.price(c.type, spot: c.spot, strike: c.strike, years: c.years, rate: c.rate,
                                                 dividendYield: c.q, vol: c.vol)
            assertClose(v, try c.row.require("bjs_price"), rel: 5e-11, abs: 1e-13, "\(c.label) BjS")
        }
    }
}
