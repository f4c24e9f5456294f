import Foundation
import XCTest
@testable import TapeCore

final class ImpliedVolHistoryTests: XCTestCase {
    func testConstantMaturityInterpolatesTotalVariance() throws {
        let term = [(years: 20.0 / 365, vol: 0.30), (years: 40.0 / 365, vol: 0.20)]
        // Halfway in time: σ²t = (0.09·20 + 0.04·40) / 2 / 365, so σ = √((1.8 + 1.6) / 2 / 30).
        XCTAssertEqual(try XCTUnwrap(ImpliedVolHistory.constantMaturity(term, days: 30)), ((1.8 + 1.6) / 2 / 30).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(ImpliedVolHistory.constantMaturity(term, days: 10), 0.30)
        XCTAssertEqual(ImpliedVolHistory.constantMaturity(term, days: 90), 0.20)
        XCTAssertNil(ImpliedVolHistory.constantMaturity([], days: 30))
        XCTAssertNil(ImpliedVolHistory.constantMaturity([(years: 0.1, vol: .nan)], days: 30))
    }

    func testRankAndPercentileOfTheLatestAmongTheYear() throws {
        let day = CivilTime.secondsPerDay
        let vols = [0.24, 0.26, 0.30, 0.28, 0.25, 0.22, 0.21, 0.23, 0.19, 0.18, 0.20, 0.22, 0.2002]
        // A figure 400 days back is outside the year and must not count (it is the lowest).
        let history = [(date: -400 * day, vol: 0.05)] + vols.enumerated().map { (date: Int64($0.offset * 7) * day, vol: $0.element) }
        let r = try XCTUnwrap(ImpliedVolHistory.rank(history.shuffled()))
        XCTAssertEqual(r.current, 0.2002)
        XCTAssertEqual(r.date, 84 * day)
        XCTAssertEqual(r.count, 13)
        XCTAssertEqual(r.since, 0)
        XCTAssertEqual(r.rank, (0.2002 - 0.18) / (0.30 - 0.18), accuracy: 1e-12)
        XCTAssertEqual(r.percentile, 3.0 / 13, accuracy: 1e-12)   // 0.19, 0.18 and 0.20 are below
        XCTAssertNil(ImpliedVolHistory.rank(Array(history.suffix(ImpliedVolHistory.minimumDates - 1))))
        XCTAssertNil(ImpliedVolHistory.rank([]))
    }
}
