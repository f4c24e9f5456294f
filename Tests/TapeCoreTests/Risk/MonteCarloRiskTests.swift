import TapeCore
import XCTest

/// The simulation's draws: independent standard normals made correlated by the Cholesky
/// factor, the same for a seed whatever the cores do.
final class MonteCarloRiskTests: XCTestCase {
    func testDrawsHaveTheRequestedMomentsAndCorrelation() throws {
        let cov: [[Double]] = [[4, 1.2], [1.2, 1]]   // sd 2 and 1, correlation 0.6
        let n = 400_000
        let a = try MonteCarloRisk.simulate(mean: [0.5, -0.25], covariance: cov, names: ["a", "b"], horizon: 1, paths: n, seed: 11) { $0[0] }
        let b = try MonteCarloRisk.simulate(mean: [0.5, -0.25], covariance: cov, names: ["a", "b"], horizon: 1, paths: n, seed: 11) { $0[1] }
        // Standard errors: mean sd/√n, variance σ²√(2/n), correlation (1−ρ²)/√n.
        XCTAssertEqual(RiskFigures.mean(a), 0.5, accuracy: 4 * 2 / Double(n).squareRoot())
        XCTAssertEqual(RiskFigures.mean(b), -0.25, accuracy: 4 / Double(n).squareRoot())
        XCTAssertEqual(pow(RiskFigures.sampleStandardDeviation(a), 2), 4, accuracy: 4 * 4 * (2 / Double(n)).squareRoot())
        XCTAssertEqual(Covariance.correlation(a, b), 0.6, accuracy: 4 * 0.64 / Double(n).squareRoot())
        // One block of draws does not repeat another's (a shifted stream would).
        let z = try MonteCarloRisk.simulate(mean: [0], covariance: [[1]], names: ["z"], horizon: 1, paths: 3 * MonteCarloRisk.blockSize, seed: 0) { $0[0] }
        let blocks = stride(from: 0, to: z.count, by: MonteCarloRisk.blockSize).map { Array(z[$0..<($0 + MonteCarloRisk.blockSize)]) }
        for i in blocks.indices { for j in blocks.indices where i < j {
            XCTAssertEqual(Covariance.correlation(Array(blocks[i].dropFirst()), Array(blocks[j].dropLast())), 0, accuracy: 0.07)
            XCTAssertEqual(Covariance.correlation(blocks[i], blocks[j]), 0, accuracy: 0.07)
        } }
    }

    func testHorizonCompoundsEachPeriod() throws {
        // No variance: every path grows by (1 + mean)^h exactly.
        let x = try MonteCarloRisk.simulate(mean: [0.01], covariance: [[1e-30]], names: ["a"], horizon: 3, paths: 5, seed: 1) { $0[0] }
        for v in x { XCTAssertEqual(v, pow(1.01, 3) - 1, accuracy: 1e-12) }
    }
}
