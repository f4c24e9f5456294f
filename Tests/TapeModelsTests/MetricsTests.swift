import XCTest
@testable import TapeModels

/// Each metric against a value worked by hand (or scikit-learn's, quoted).
final class MetricsTests: XCTestCase {
    func testAccuracyBalancedAndBaseRate() {
        let actual: [Double] = [1, 1, 1, 0, 0, 1, 0, 1]
        let predicted: [Double] = [1, 1, 0, 0, 1, 1, 0, 1]
        XCTAssertEqual(Metrics.accuracy(predicted, actual), 6.0 / 8)
        // Recall of 1: 4/5, of 0: 2/3.
        XCTAssertEqual(Metrics.balancedAccuracy(predicted, actual), (0.8 + 2.0 / 3) / 2, accuracy: 1e-15)
        XCTAssertEqual(Metrics.baseRate(actual), 5.0 / 8)
        XCTAssertEqual(Metrics.balancedAccuracy([1, 1, 1, 1], [1, 0, 1, 0]), 0.5, "a constant guess is 50% balanced")
    }

    /// sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75; ties count half.
    func testAUC() {
        XCTAssertEqual(Metrics.auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75, accuracy: 1e-15)
        XCTAssertEqual(Metrics.auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]), 0.5, accuracy: 1e-15)
    }

    /// sklearn.metrics.log_loss([1, 0, 1], [0.9, 0.2, 0.6]) = 0.2797765635793423 (scikit-learn 1.5.2).
    func testLogLoss() {
        XCTAssertEqual(Metrics.logLoss([0.9, 0.2, 0.6], [1, 0, 1]), 0.2797765635793423, accuracy: 1e-15)
    }

    /// R² = 1 - SSE/SST; Spearman of a monotone relation is 1.
    func testR2AndRankIC() {
        XCTAssertEqual(Metrics.r2([1, 2, 3], [1, 2, 4]), 1 - 1.0 / (14.0 / 3), accuracy: 1e-15)
        XCTAssertEqual(Metrics.rankIC([1, 2, 3, 4], [10, 100, 1000, 10_000]), 1, accuracy: 1e-15)
        XCTAssertEqual(Metrics.rankIC([1, 2, 3, 4], [4, 3, 2, 1]), -1, accuracy: 1e-15)
    }

    /// Wilson interval for 50 of 100: 0.40383...0.59617, as statsmodels' proportion_confint
    /// (method "wilson") gives; digits from the closed form with scipy's norm.ppf(0.975).
    func testWilsonInterval() {
        let ci = Metrics.wilson(0.5, n: 100)
        XCTAssertEqual(ci.low, 0.4038315303659956, accuracy: 1e-9)
        XCTAssertEqual(ci.high, 0.5961684696340044, accuracy: 1e-9)
    }
}
