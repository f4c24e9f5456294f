import XCTest
@testable import TapeShell

final class DownsamplerTests: XCTestCase {
    func testSpikesSurvive() {
        var values = (0..<1_000_000).map { sin(Double($0) / 5_000) }
        values[123_457] = 50
        values[876_543] = -50
        let keep = Downsampler.minMaxIndices(values, in: 0..<values.count, columns: 800)
        XCTAssertTrue(keep.contains(123_457))
        XCTAssertTrue(keep.contains(876_543))
        XCTAssertLessThanOrEqual(keep.count, 2 * 800 + 2)
        XCTAssertEqual(keep.first, 0)
        XCTAssertEqual(keep.last, 999_999)
        XCTAssertEqual(keep, keep.sorted(), "points must stay in time order")
        XCTAssertEqual(Set(keep).count, keep.count)
    }

    func testEveryColumnKeepsItsExtremes() {
        let values = (0..<10_000).map { Double(($0 * 7919) % 1000) }
        let keep = Set(Downsampler.minMaxIndices(values, in: 0..<10_000, columns: 100))
        for b in 0..<100 {
            let column = (b * 100)..<((b + 1) * 100)
            let lo = column.min { values[$0] < values[$1] }!
            let hi = column.max { values[$0] < values[$1] }!
            XCTAssertTrue(keep.contains(lo) && keep.contains(hi), "column \(b)")
        }
    }

    func testShortSeriesIsUntouchedAndRangeIsClamped() {
        let values = [1.0, 2, 3]
        XCTAssertEqual(Downsampler.minMaxIndices(values, in: 0..<3, columns: 100), [0, 1, 2])
        XCTAssertEqual(Downsampler.minMaxIndices(values, in: 1..<10, columns: 100), [1, 2])
        XCTAssertEqual(Downsampler.minMaxIndices([], in: 0..<5, columns: 10), [])
    }

    func testAllNaNColumnKeepsTheGap() {
        var values = [Double](repeating: 1, count: 1000)
        for i in 400..<500 { values[i] = .nan }
        let keep = Downsampler.minMaxIndices(values, in: 0..<1000, columns: 10)
        XCTAssertTrue(keep.contains { values[$0].isNaN })
    }

    func testBucketsCoverTheRange() {
        let b = Downsampler.buckets(10..<110, count: 7)
        XCTAssertEqual(b.count, 7)
        XCTAssertEqual(b.first?.lowerBound, 10)
        XCTAssertEqual(b.last?.upperBound, 110)
        XCTAssertEqual(b.map(\.count).reduce(0, +), 100)
        XCTAssertEqual(Downsampler.buckets(0..<3, count: 10).count, 3)
    }

    func testMergedCandleKeepsFirstOpenExtremesLastClose() {
        let b = PriceChart.OHLC(open: [10, 11, 12, 13], high: [12, 15, 13, 14], low: [9, 10, 8, 12], close: [11, 12, 13, 12.5])
        let merged = PriceChart.merge(b, [0..<2, 2..<4])
        XCTAssertEqual(merged[0], [0.5, 10, 9, 15, 12])
        XCTAssertEqual(merged[1], [2.5, 12, 8, 14, 12.5])
    }

    func testScatterKeepsOnePointPerCellAndTheOutliers() {
        var x = (0..<200_000).map { Double($0 % 1000) / 1000 }
        var y = (0..<200_000).map { Double(($0 * 7) % 1000) / 1000 }
        x[123_456] = 50
        y[123_456] = -50
        x[7] = .nan
        let keep = Downsampler.gridIndices(x: x, y: y, columns: 100, rows: 50)
        XCTAssertTrue(keep.contains(123_456), "the outlier has a cell of its own")
        XCTAssertFalse(keep.contains(7))
        XCTAssertLessThanOrEqual(keep.count, 100 * 50)
        XCTAssertEqual(keep, keep.sorted())
        XCTAssertEqual(Downsampler.gridIndices(x: [1, 2], y: [3, 4], columns: 100, rows: 50), [0, 1], "few points are kept as they are")
    }
}
