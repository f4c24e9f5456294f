import TapeCore
import XCTest
@testable import TapeModels

final class LabelTests: XCTestCase {
    /// Bars whose closes are given; highs and lows as given or the close.
    static func bars(_ close: [Double], high: [Double]? = nil, low: [Double]? = nil) -> Bars {
        Bars(symbol: "T", time: close.indices.map { Int64($0) * 86_400 }, open: close, high: high ?? close, low: low ?? close,
             close: close, volume: close.map { _ in 1000 })
    }

    func testSignWithDeadBand() {
        let b = Self.bars([100, 101, 100.05, 99, 99.5, 100])
        let y = LabelSpec.sign(horizon: 1, band: 0.002).values(b)
        // +1.0%, -0.94%, -1.05%, +0.5%, +0.5%, unknown.
        XCTAssertEqual(y[0], 1)
        XCTAssertEqual(y[1], 0)
        XCTAssertEqual(y[2], 0)
        XCTAssertEqual(y[3], 1)
        XCTAssertTrue(y[5].isNaN, "the last bar's future is unknown")
        let banded = LabelSpec.sign(horizon: 1, band: 0.006).values(b)
        XCTAssertTrue(banded[3].isNaN, "a 0.5% move is inside a 0.6% dead band")
        XCTAssertEqual(LabelSpec.sign(horizon: 5, band: 0).horizon, 5)
    }

    func testForwardReturn() {
        let b = Self.bars([100, 110, 121, 100])
        let y = LabelSpec.forwardReturn(horizon: 2).values(b)
        XCTAssertEqual(y[0], log(121.0 / 100), accuracy: 1e-15)
        XCTAssertEqual(y[1], log(100.0 / 110), accuracy: 1e-15)
        XCTAssertTrue(y[2].isNaN && y[3].isNaN)
        XCTAssertFalse(LabelSpec.forwardReturn(horizon: 2).isClassification)
    }

    func testTripleBarrierTakeStopBothAndTimeLimit() {
        // From 100: bar 1 reaches 103 (take 2% hit first) -> 1.
        let take = Self.bars([100, 101, 100, 100], high: [100, 103, 100, 100], low: [100, 100, 100, 100])
        XCTAssertEqual(LabelSpec.barrier(take: 0.02, stop: 0.02, horizon: 3).values(take)[0], 1)
        // Bar 1 dips to 97 before any high: stop first -> 0.
        let stop = Self.bars([100, 101, 104, 100], high: [100, 101, 104, 100], low: [100, 97, 100, 100])
        XCTAssertEqual(LabelSpec.barrier(take: 0.02, stop: 0.02, horizon: 3).values(stop)[0], 0)
        // Both in one bar: the path within the bar is unknown, counted as the stop.
        let both = Self.bars([100, 100, 100, 100], high: [100, 103, 100, 100], low: [100, 97, 100, 100])
        XCTAssertEqual(LabelSpec.barrier(take: 0.02, stop: 0.02, horizon: 3).values(both)[0], 0)
        // Neither touched within 3 bars: the sign at the time limit.
        let limit = Self.bars([100, 100.5, 99.8, 100.4, 90])
        XCTAssertEqual(LabelSpec.barrier(take: 0.02, stop: 0.02, horizon: 3).values(limit)[0], 1)
        XCTAssertEqual(LabelSpec.barrier(take: 0.02, stop: 0.02, horizon: 3).values(limit)[1], 0, "bar 1's limit is bar 4 at 90")
    }

    func testHorizonLongerThanTheDataIsOneLineError() {
        let b = Self.bars(Array(repeating: 100, count: 10))
        XCTAssertThrowsError(try LabelSpec.sign(horizon: 20, band: 0).check(barCount: b.count)) { e in
            XCTAssertEqual("\(e)", "the label horizon (20 bars) is longer than the data (10 bars)")
        }
    }

    func testDescription() {
        XCTAssertEqual(LabelSpec.sign(horizon: 5, band: 0.002).description, "sign horizon 5 band 0.2%")
        XCTAssertEqual(LabelSpec.barrier(take: 0.03, stop: 0.015, horizon: 10).description, "barrier take 3% stop 1.5% horizon 10")
    }
}
