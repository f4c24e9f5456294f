import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

/// Engle-Granger, the hedge regression and the half-life against statsmodels 0.15.0's
/// `coint`, `OLS` and `mackinnonp` on the fixtures of Tests/Fixtures/pairs
/// (make_fixtures.py, versions in VERSIONS.md).
final class EngleGrangerTests: XCTestCase {
    private struct Expected: Decodable {
        let statistic: Double, pValue: Double, critical: [Double], lags: Int
        let hedge: Double, intercept: Double, speed: Double

        enum CodingKeys: String, CodingKey {
            case statistic, pValue = "p_value", critical, lags, hedge, intercept, speed
        }
    }

    private func expected() throws -> [String: Any] {
        let data = try Data(contentsOf: Repository.fixtures("pairs/expected.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func expected(_ key: String) throws -> Expected {
        let data = try Data(contentsOf: Repository.fixtures("pairs/expected.json"))
        return try XCTUnwrap(try JSONDecoder().decode([String: AnyCase].self, from: data)[key]?.value)
    }

    /// Decodes the cases and skips the p-value grid, which is an array.
    private struct AnyCase: Decodable {
        let value: Expected?
        init(from decoder: Decoder) throws { value = try? Expected(from: decoder) }
    }

    private func closes(_ name: String) throws -> [Double] {
        let text = try String(contentsOf: Repository.fixtures("pairs/\(name).csv"), encoding: .utf8)
        return try BarsCSV.parse(text: text, name: name, source: name).close
    }

    private func pair(_ name: String) throws -> ([Double], [Double]) {
        if name == "aapl_goog" {
            func read(_ f: String) throws -> Bars {
                try BarsCSV.parse(text: try String(contentsOf: Repository.fixtures("csv/\(f).csv"), encoding: .utf8), name: f, source: f)
            }
            let a = try read("AAPL"), g = try read("GOOG")
            let byDate = Dictionary(zip(g.time, g.close), uniquingKeysWith: { x, _ in x })
            var xa: [Double] = [], xg: [Double] = []
            for (t, c) in zip(a.time, a.close) { if let v = byDate[t] { xa.append(c); xg.append(v) } }
            return (xa, xg)
        }
        return (try closes("\(name)_a"), try closes("\(name)_b"))
    }

    func testCointAgreesWithStatsmodels() throws {
        for name in ["coint", "walk", "venue", "aapl_goog"] {
            let e = try expected(name)
            let (a, b) = try pair(name)
            let eg = try XCTUnwrap(EngleGranger.test(a, b), name)
            XCTAssertEqual(eg.lags, e.lags, name)
            assertClose(eg.statistic, e.statistic, rel: 1e-9, name)
            assertClose(eg.pValue, e.pValue, rel: 1e-9, name)
            for (x, y) in zip(eg.critical, e.critical) { assertClose(x, y, rel: 1e-12, name) }
            let s = try XCTUnwrap(PairSpread.compute(a, b, method: .ols), name)
            assertClose(s.hedge, e.hedge, rel: 1e-9, name)
            assertClose(s.intercept, e.intercept, rel: 1e-9, name)
            assertClose(s.reversionSpeed, e.speed, rel: 1e-8, name)
        }
    }

    func testCointegratedPairIsFoundAndRandomWalksAreNot() throws {
        let (a, b) = try pair("coint"), (x, y) = try pair("walk")
        XCTAssertLessThan(try XCTUnwrap(EngleGranger.test(a, b)).pValue, 0.01)
        XCTAssertGreaterThan(try XCTUnwrap(EngleGranger.test(x, y)).pValue, 0.1)
    }

    func testMacKinnonPValueGrid() throws {
        let grid = try XCTUnwrap(try expected()["mackinnonp_c_2"] as? [[Double]])
        XCTAssertEqual(grid.count, 49)
        for row in grid { assertClose(MacKinnon.pValue(row[0], variables: 2), row[1], rel: 1e-12, abs: 1e-15, "tau \(row[0])") }
    }

    /// The synthetic pair was built as A = 10 + 1.5 B + AR(1) noise with φ = 0.9, so its
    /// half-life is near ln 2 / −ln 0.9 ≈ 6.6 bars.
    func testHalfLifeOfAKnownAR1() throws {
        let (a, b) = try pair("coint")
        let s = try XCTUnwrap(PairSpread.compute(a, b, method: .ols))
        XCTAssertEqual(s.halfLife, log(2) / -log(1 + s.reversionSpeed), accuracy: 1e-12)
        XCTAssert((4...14).contains(s.halfLife), "\(s.halfLife)")
    }

    /// Total least squares is symmetric: B on A gives the reciprocal slope.
    func testTotalLeastSquaresIsSymmetric() throws {
        let (a, b) = try pair("coint")
        let ab = try XCTUnwrap(PairSpread.compute(a, b, method: .tls)), ba = try XCTUnwrap(PairSpread.compute(b, a, method: .tls))
        assertClose(ab.hedge * ba.hedge, 1, rel: 1e-12, "tls")
        let r = try XCTUnwrap(PairSpread.compute(a, b, method: .ratio))
        assertClose(r.hedge, a.reduce(0, +) / b.reduce(0, +), rel: 1e-12, "ratio")
    }
}
