import TapeCore
import TapeTestSupport
import XCTest

/// Baum-Welch against hmmlearn 0.3.3's GaussianHMM (diagonal covariance) from the same
/// start on SPY's daily returns (Tests/Fixtures/risk/hmm.json): every iteration's
/// log-likelihood, the fitted parameters, the final score and the Viterbi path.
final class HMMAgreementTests: XCTestCase {
    func testFitScoreAndViterbiAgreeWithHmmlearn() throws {
        let fixture = try RiskFixture.load("hmm.json")
        let cases = try XCTUnwrap(fixture["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.count, 2)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let x = RiskFixture.matrix(c["x"])
            let s = try XCTUnwrap(c["start"] as? [String: Any])
            let start = GaussianHMM(startProbability: RiskFixture.doubles(s["startprob"]), transition: RiskFixture.matrix(s["transmat"]),
                                    means: RiskFixture.matrix(s["means"]), variances: RiskFixture.matrix(s["covars"]))
            let fit = try GaussianHMM.fit(x, start: start, priors: .init(covarsPrior: RiskFixture.number(c["covars_prior"])),
                                          iterations: Int(RiskFixture.number(c["iterations"])), tolerance: RiskFixture.number(c["tolerance"]))
            let history = RiskFixture.doubles(c["history"])
            XCTAssertEqual(fit.history.count, history.count, name)
            for (k, (a, b)) in zip(fit.history, history).enumerated() { assertClose(a, b, rel: 1e-9, "\(name) log-likelihood \(k)") }
            let f = try XCTUnwrap(c["fitted"] as? [String: Any])
            let m = fit.model
            for (a, b) in zip(m.startProbability, RiskFixture.doubles(f["startprob"])) { assertClose(a, b, rel: 1e-9, abs: 1e-12, "\(name) start") }
            for (ra, rb) in zip(m.transition, RiskFixture.matrix(f["transmat"])) {
                for (a, b) in zip(ra, rb) { assertClose(a, b, rel: 1e-9, abs: 1e-12, "\(name) transition") }
            }
            for (ra, rb) in zip(m.means, RiskFixture.matrix(f["means"])) { for (a, b) in zip(ra, rb) { assertClose(a, b, rel: 1e-9, abs: 1e-12, "\(name) mean") } }
            for (ra, rb) in zip(m.variances, RiskFixture.matrix(f["covars"])) { for (a, b) in zip(ra, rb) { assertClose(a, b, rel: 1e-9, "\(name) variance") } }
            assertClose(try m.score(x), RiskFixture.number(c["score"]), rel: 1e-9, "\(name) score")
            XCTAssertEqual(try m.viterbi(x), (c["viterbi"] as? [Int]) ?? [], "\(name) Viterbi path")
        }
    }

    func testStatesOrderedByVarianceAndBadModelsRefused() throws {
        let m = GaussianHMM(startProbability: [0.5, 0.5], transition: [[0.9, 0.1], [0.2, 0.8]], means: [[0], [1]], variances: [[4], [1]])
        let (o, order) = m.orderedByVariance()
        XCTAssertEqual(order, [1, 0])
        XCTAssertEqual(o.variances, [[1], [4]])
        XCTAssertEqual(o.transition, [[0.8, 0.2], [0.1, 0.9]])
        XCTAssertEqual(o.means, [[1], [0]])
        var bad = m
        bad.variances = [[0], [1]]
        XCTAssertThrowsError(try bad.score([[0.1]])) { XCTAssertEqual("\($0)", "every variance must be positive") }
        XCTAssertThrowsError(try m.score([[0.1, 0.2]])) { XCTAssertEqual("\($0)", "every observation needs 1 finite feature") }
        XCTAssertThrowsError(try GaussianHMM.initial([[0.1], [0.2]], states: 3)) { XCTAssertEqual("\($0)", "2 returns are too few: this needs at least 12") }
    }
}
