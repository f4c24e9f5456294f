import TapeCore
import TapeTestSupport
import XCTest

/// Correlation against numpy's corrcoef, pandas' rolling corr and SciPy's average-linkage
/// leaf order (Tests/Fixtures/risk/risk.json).
final class CorrelationTests: XCTestCase {
    func testMatrixRollingAndClusterOrderAgreeWithNumpyPandasAndScipy() throws {
        let fixture = try RiskFixture.load("risk.json")
        let c = try XCTUnwrap(fixture["correlation"] as? [String: Any])
        let returns = RiskFixture.matrix(c["returns"])
        let expected = RiskFixture.matrix(c["matrix"])
        let rho = Covariance.correlationMatrix(returns)
        for i in rho.indices {
            for j in rho.indices { assertClose(rho[i][j], expected[i][j], rel: 1e-9, abs: 1e-12, "rho[\(i)][\(j)]") }
        }
        XCTAssertEqual(Correlation.clusterOrder(rho), (c["cluster_order"] as? [Int]) ?? [])
        let names = c["names"] as? [String] ?? []
        let a = try XCTUnwrap(names.firstIndex(of: "AAPL")), g = try XCTUnwrap(names.firstIndex(of: "GOOG"))
        let rolling = Correlation.rolling(returns[a], returns[g], window: 60)
        let want = (c["rolling_aapl_goog"] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
        XCTAssertEqual(rolling.count, want.count)
        for (k, (x, y)) in zip(rolling, want).enumerated() { assertClose(x, y, rel: 1e-9, abs: 1e-12, "rolling[\(k)]") }
    }

    func testClusterOrderPutsTwinsTogether() {
        // 0 and 2 move together, 1 and 3 together, opposite to the first pair.
        let rho: [[Double]] = [[1, -0.5, 0.95, -0.4], [-0.5, 1, -0.45, 0.9], [0.95, -0.45, 1, -0.5], [-0.4, 0.9, -0.5, 1]]
        XCTAssertEqual(Correlation.clusterOrder(rho), [0, 2, 1, 3])
    }

    func testAlignedPanelAndItsErrors() throws {
        let day: Int64 = 86_400
        let p = try ReturnPanel.aligned([("A", [0, day, 2 * day, 3 * day], [10, 11, .nan, 12]), ("B", [day, 2 * day, 3 * day], [5, 5.5, 6])])
        XCTAssertEqual(p.time, [3 * day])
        XCTAssertEqual(p.returns[0], [12.0 / 11 - 1])
        XCTAssertEqual(p.lastPrices, [12, 6])
        XCTAssertThrowsError(try ReturnPanel.aligned([("A", [0, day], [1, 2]), ("B", [5 * day, 6 * day], [1, 2])])) { e in
            XCTAssertEqual("\(e)", "A, B share no dates with a price: nothing to compare")
        }
    }
}
