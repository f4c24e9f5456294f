import TapeCore
import TapeTestSupport
import XCTest

/// Tape's risk figures against empyrical-reloaded 0.7.1, quantstats 0.0.86 and SciPy
/// 1.17.1 on real and synthetic returns (Tests/Fixtures/risk/risk.json), to 1e-9.
final class RiskAgreementTests: XCTestCase {
    func testFiguresAgreeWithEmpyricalAndQuantstats() throws {
        let fixture = try RiskFixture.load("risk.json")
        let cases = try XCTUnwrap(fixture["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.count, 3)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let r = RiskFixture.doubles(c["returns"])
            let b = c["benchmark"].map { RiskFixture.doubles($0) }
            let expected = try XCTUnwrap(c["figures"] as? [String: Any])
            let f = RiskFigures.compute(returns: r, benchmark: b)
            XCTAssertEqual(f.observations, r.count)
            let got: [String: Double] = ["annual_volatility": f.annualVolatility, "downside_deviation": f.downsideDeviation,
                                         "max_drawdown": f.maxDrawdown, "ulcer_index": f.ulcerIndex, "tail_ratio": f.tailRatio,
                                         "beta": f.beta, "tracking_error": f.trackingError]
            for (key, value) in expected {
                assertClose(got[key] ?? .nan, RiskFixture.number(value), rel: 1e-9, "\(name) \(key)")
            }
            if b == nil {
                XCTAssertTrue(f.beta.isNaN, "\(name): no benchmark, no beta")
            }
        }
    }

    func testValueAtRiskAgreesByEveryClosedFormMethod() throws {
        let fixture = try RiskFixture.load("risk.json")
        for c in try XCTUnwrap(fixture["cases"] as? [[String: Any]]) {
            let name = c["name"] as? String ?? "?"
            let subject = RiskSubject.series(name, returns: RiskFixture.doubles(c["returns"]))
            for row in try XCTUnwrap(c["tails"] as? [[String: Any]]) {
                let h = Int(RiskFixture.number(row["horizon"])), conf = RiskFixture.number(row["confidence"])
                for (method, key) in [(VaRMethod.historical, "historical"), (.normal, "normal"), (.cornishFisher, "cornish_fisher")] {
                    let t = try RiskModel.tail(subject, method: method, confidence: conf, horizon: h)
                    let what = "\(name) \(key) \(conf) \(h)d"
                    assertClose(t.valueAtRisk, RiskFixture.number(row["\(key)_var"]), rel: 1e-9, what + " VaR")
                    assertClose(t.conditional, RiskFixture.number(row["\(key)_cvar"]), rel: 1e-9, what + " CVaR")
                    XCTAssertLessThanOrEqual(t.conditional, t.valueAtRisk, what + ": the mean beyond the VaR is at least as bad")
                }
            }
        }
    }

    /// Monte Carlo has no reference to agree with digit for digit: with normal returns it
    /// must converge on the closed form, within the sampling error of a quantile.
    func testMonteCarloConvergesOnTheNormalFormAndReplaysFromItsSeed() throws {
        let fixture = try RiskFixture.load("risk.json")
        let spy = try XCTUnwrap((fixture["cases"] as? [[String: Any]])?.first)
        let subject = RiskSubject.series("SPY", returns: RiskFixture.doubles(spy["returns"]))
        let exact = try RiskModel.tail(subject, method: .normal, confidence: 0.99, horizon: 1)
        let mc = try RiskModel.tail(subject, method: .monteCarlo, confidence: 0.99, horizon: 1, paths: 200_000, seed: 7)
        XCTAssertEqual(mc.scenarios, 200_000)
        // sd of the 1% quantile of 200,000 normal draws: √(p(1−p)/n)/φ(z) ≈ 8.4e-3 sd units.
        let sd = RiskFigures.sampleStandardDeviation(subject.returns[0])
        XCTAssertEqual(mc.valueAtRisk, exact.valueAtRisk, accuracy: 4 * 8.4e-3 * sd)
        XCTAssertEqual(mc.conditional, exact.conditional, accuracy: 4 * 1.2e-2 * sd)
        let again = try RiskModel.tail(subject, method: .monteCarlo, confidence: 0.99, horizon: 1, paths: 200_000, seed: 7)
        XCTAssertEqual(again, mc, "the same seed gives the same paths, whatever the cores did")
        let other = try RiskModel.tail(subject, method: .monteCarlo, confidence: 0.99, horizon: 1, paths: 200_000, seed: 8)
        XCTAssertNotEqual(other.valueAtRisk, mc.valueAtRisk)
        // Ten days compounded: close to the i.i.d. normal scaling (compounding skews it a little).
        let ten = try RiskModel.tail(subject, method: .monteCarlo, confidence: 0.99, horizon: 10, paths: 100_000, seed: 7)
        let tenExact = try RiskModel.tail(subject, method: .normal, confidence: 0.99, horizon: 10)
        XCTAssertEqual(ten.valueAtRisk, tenExact.valueAtRisk, accuracy: 0.05 * abs(tenExact.valueAtRisk))
    }

    func testBadInputIsARiskErrorNamingTheFix() {
        let subject = RiskSubject.series("X", returns: [0.01, -0.02, 0.005, 0.003])
        XCTAssertThrowsError(try RiskModel.tail(subject, method: .historical, confidence: 1)) { e in
            XCTAssertEqual(e as? RiskError, .confidence(1))
            XCTAssertEqual("\(e)", "confidence 100% must be between 0% and 100% (exclusive)")
        }
        XCTAssertThrowsError(try RiskModel.tail(subject, method: .historical, confidence: 0)) { e in
            XCTAssertEqual(e as? RiskError, .confidence(0))
        }
        XCTAssertThrowsError(try RiskModel.tail(subject, method: .normal, confidence: 0.95, horizon: 5)) { e in
            XCTAssertEqual("\(e)", "horizon 5 periods is longer than the 4 returns of the data: give a shorter horizon or more data")
        }
        let twins = RiskSubject(name: "twins", factors: ["SPY", "SPY2"], returns: [[0.01, -0.02, 0.005, 0.003], [0.01, -0.02, 0.005, 0.003]],
                                holding: .weights([0.5, 0.5]))
        XCTAssertThrowsError(try RiskModel.tail(twins, method: .monteCarlo, confidence: 0.95, paths: 10)) { e in
            XCTAssertEqual("\(e)", "the covariance is singular: SPY2 moves with SPY (correlation 1.0000); drop one of them")
        }
        // The closed forms need no factorisation: the same holding is fine there.
        XCTAssertNoThrow(try RiskModel.tail(twins, method: .normal, confidence: 0.95))
    }

    func testQuantileIsNumpysLinearRule() {
        XCTAssertEqual(OrderStatistics.quantile([3, 1, 2, 4], 0.5), 2.5)
        XCTAssertEqual(OrderStatistics.quantile([3, 1, 2, 4], 0), 1)
        XCTAssertEqual(OrderStatistics.quantile([3, 1, 2, 4], 1), 4)
        XCTAssertEqual(OrderStatistics.quantile([10, .nan, 0], 0.25), 2.5)
        XCTAssertTrue(OrderStatistics.quantile([], 0.5).isNaN)
        // Against a full sort on many sizes and quantiles, ties included.
        var rng = SplitMix64(seed: 3)
        for n in [1, 2, 3, 10, 101, 1000] {
            let x = (0..<n).map { _ in (rng.unit() * 20).rounded() }
            let sorted = x.sorted()
            for q in [0.0, 0.01, 0.05, 0.5, 0.95, 0.99, 1.0] {
                let p = q * Double(n - 1), lo = Int(p), t = p - Double(lo)
                let want = lo + 1 < n ? sorted[lo] + (sorted[lo + 1] - sorted[lo]) * t : sorted[lo]
                XCTAssertEqual(OrderStatistics.quantile(x, q), want, accuracy: 1e-12, "n \(n) q \(q)")
            }
        }
    }
}
