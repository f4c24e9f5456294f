import Foundation
import XCTest
@testable import TapeShell

/// The statistics charts print, checked against numpy and backtesting.py outputs on the
/// same real data (Tests/Fixtures/charts/PROVENANCE.md).
final class ChartMathTests: XCTestCase {
    func testRegressionMatchesNumpyPolyfit() throws {
        let ref = try ChartFixtures.reference()
        let scatter = try ChartFixtures.scatter()
        let fit = try XCTUnwrap(ChartMath.regression(x: scatter.x.values, y: scatter.y.values))
        XCTAssertEqual(fit.slope, try XCTUnwrap(ref["qqq_on_spy_slope"]), accuracy: 1e-12)
        XCTAssertEqual(fit.intercept, try XCTUnwrap(ref["qqq_on_spy_intercept"]), accuracy: 1e-15)
        XCTAssertEqual(fit.r2, try XCTUnwrap(ref["qqq_on_spy_r2"]), accuracy: 1e-12)
        XCTAssertEqual(fit.count, 299)
    }

    func testMeanAndDeviationMatchNumpy() throws {
        let ref = try ChartFixtures.reference()
        let stats = try XCTUnwrap(ChartMath.meanAndDeviation(try ChartFixtures.histogram().values))
        XCTAssertEqual(stats.mean, try XCTUnwrap(ref["spy_return_mean"]), accuracy: 1e-16)
        XCTAssertEqual(stats.sd, try XCTUnwrap(ref["spy_return_sd"]), accuracy: 1e-15)
    }

    func testCorrelationMatrixMatchesNumpy() throws {
        let ref = try ChartFixtures.reference()
        let chart = try ChartFixtures.correlation()
        for i in chart.names.indices {
            XCTAssertEqual(chart.matrix[i][i], 1, accuracy: 1e-12)
            for j in chart.names.indices where i < j {
                let expected = try XCTUnwrap(ref["corr_\(chart.names[i])_\(chart.names[j])"])
                XCTAssertEqual(chart.matrix[i][j], expected, accuracy: 1e-12)
                XCTAssertEqual(chart.matrix[j][i], expected, accuracy: 1e-12)
            }
        }
    }

    func testDrawdownMatchesBacktestingPy() throws {
        let c = try ChartFixtures.columns("GOOG_smacross_equity.csv")
        let equity = ChartFixtures.numbers(c["equity"])
        let expected = ChartFixtures.numbers(c["drawdown_fraction"])
        let drawdown = ChartMath.drawdown(equity)
        XCTAssertEqual(drawdown.count, 2148)
        for i in equity.indices {
            // backtesting.py reports 1 - equity / peak as a positive fraction.
            XCTAssertEqual(-drawdown[i], expected[i], accuracy: 1e-12, "bar \(i)")
        }
    }

    func testBreakevensOfAStraddleAndACall() {
        XCTAssertEqual(ChartFixtures.payoff().breakevens, [92.5, 107.5])
        // Long call K=105 bought for 5.25 on a grid of 2: breakeven 110.25 lies between
        // grid points and is interpolated exactly on the straight segment.
        let spots = stride(from: 80.0, through: 130, by: 2).map { $0 }
        let call = PayoffChart(title: "", spot: spots, atExpiry: spots.map { max($0 - 105, 0) - 5.25 })
        XCTAssertEqual(call.breakevens.count, 1)
        XCTAssertEqual(call.breakevens[0], 110.25, accuracy: 1e-12)
        // Touching zero and turning back is not a crossing; a run along zero crosses once.
        XCTAssertEqual(ChartMath.zeroCrossings(x: [0, 1, 2], y: [1, 0, 1]), [])
        XCTAssertEqual(ChartMath.zeroCrossings(x: [0, 1, 2, 3], y: [-1, 0, 0, 2]), [1])
        // A NaN is skipped: the crossing is interpolated across the gap.
        XCTAssertEqual(ChartMath.zeroCrossings(x: [0, 1, 2], y: [-1, .nan, 1]), [1])
    }

    func testHistogramMatchesNumpyFreedmanDiaconis() throws {
        let ref = try ChartFixtures.reference()
        let values = try ChartFixtures.histogram().values
        let h = try XCTUnwrap(ChartMath.histogram(values))
        let expected = (0..<h.counts.count).map { Int(ref["spy_fd_count_\($0)"] ?? -1) }
        XCTAssertEqual(h.counts.count, 31)
        XCTAssertEqual(h.counts, expected)
        XCTAssertEqual(h.start, values.min() ?? .nan)
        XCTAssertEqual(h.start + h.width * Double(h.counts.count), values.max() ?? .nan, accuracy: 1e-15)
        // Densities integrate to one.
        XCTAssertEqual(h.densities.reduce(0, +) * h.width, 1, accuracy: 1e-12)
        XCTAssertEqual(ChartMath.histogram([1, 2, 3, 4], bins: 2)?.counts, [2, 2])
        XCTAssertNil(ChartMath.histogram([.nan]))
    }

    func testDegenerateInputsGiveNil() {
        XCTAssertNil(ChartMath.regression(x: [1, 1, 1], y: [1, 2, 3]))
        XCTAssertNil(ChartMath.regression(x: [1], y: [1]))
        XCTAssertNil(ChartMath.correlation(x: [1, 2, 3], y: [5, 5, 5]))
        XCTAssertNil(ChartMath.meanAndDeviation([1]))
    }
}
