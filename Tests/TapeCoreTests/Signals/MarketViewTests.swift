import Foundation
import XCTest
@testable import TapeCore

final class MarketViewTests: XCTestCase {
    /// Bars from closes: open = previous close, high and low 0.5% around the bar.
    private func view(_ closes: [Double]) -> MarketView? {
        let open = [closes[0]] + closes.dropLast()
        let high = zip(open, closes).map { max($0, $1) * 1.005 }, low = zip(open, closes).map { min($0, $1) * 0.995 }
        return MarketView.read(open: open, high: high, low: low, close: closes, periodsPerYear: 252)
    }

    func testSteadyRiseIsAStrongBullAndFallIsAStrongBear() throws {
        let up = (0..<300).map { 100 * exp(0.004 * Double($0) + 0.01 * sin(Double($0))) }
        let v = try XCTUnwrap(view(up))
        XCTAssertEqual(v.trend, .strongBull)
        XCTAssertGreaterThanOrEqual(v.adx, MarketView.trendADX)
        let down = try XCTUnwrap(view(up.reversed()))
        XCTAssertEqual(down.trend, .strongBear)
        XCTAssertEqual(v.suggestions.first?.strategy, v.volLevel == .high ? "bull call spread" : "long call")
    }

    func testSidewaysIsRangeBound() throws {
        let flat = (0..<300).map { 100 + 0.5 * sin(Double($0) * 2) }
        let v = try XCTUnwrap(view(flat))
        XCTAssertEqual(v.trend, .rangeBound)
        XCTAssertLessThan(v.adx, MarketView.rangeADX)
    }

    /// Volatility rank: a quiet year ending in a burst ranks high; the burst's end ranks low.
    func testVolatilityRankAndPercentile() throws {
        var x = [100.0]
        for i in 1..<400 { x.append(x[i - 1] * (1 + (i > 380 ? 0.03 : 0.002) * (i % 2 == 0 ? 1 : -1))) }
        let v = try XCTUnwrap(view(x))
        XCTAssertEqual(v.volRank, 1, accuracy: 1e-9)
        XCTAssertEqual(v.volLevel, .high)
        XCTAssertGreaterThan(v.volPercentile, 0.9)
    }

    /// Every structure the table names is in the strategy catalogue, and every cell of
    /// the table (5 views × 3 volatility levels) gives two.
    func testMappingTableUsesTheCatalogue() {
        for trend in MarketView.Trend.allCases {
            for rank in [0.1, 0.4, 0.9] {
                let v = MarketView(trend: trend, close: 100, sma20: 100, sma50: 100, adx: 20, rsi: 50, vol: 0.2, volRank: rank, volPercentile: rank)
                XCTAssertEqual(v.suggestions.count, 2, "\(trend) \(rank)")
                for s in v.suggestions {
                    XCTAssertNotNil(StrategyTemplate.named(s.strategy), s.strategy)
                    XCTAssertNoThrow(try OptionStrategy.named(s.strategy, center: 100 + 5 * s.offset, width: 5, nearDays: 30))
                }
            }
        }
    }
}
