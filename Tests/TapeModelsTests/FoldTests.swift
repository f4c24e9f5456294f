import XCTest
@testable import TapeModels

final class FoldTests: XCTestCase {
    /// Every training sample's label window [t, t + h] ends before the test block
    /// starts, or starts after the test labels' windows end plus the embargo; nothing is
    /// shuffled; test blocks tile the samples.
    func testPurgedKFoldLeavesNoOverlap() throws {
        let bars = Array(stride(from: 10, to: 1010, by: 1))
        let h = 5, embargo = 7
        let folds = try SplitScheme.purgedKFold(folds: 5, embargo: embargo).folds(bars: bars, horizon: h)
        XCTAssertEqual(folds.count, 5)
        XCTAssertEqual(folds.flatMap(\.test), Array(bars.indices), "test blocks tile the samples in order")
        for f in folds {
            let start = bars[f.test[0]], end = bars[f.test[f.test.count - 1]]
            for j in f.train {
                let t = bars[j]
                XCTAssertTrue(t + h < start || t > end + h + embargo, "sample at bar \(t) leaks into test \(start)...\(end)")
            }
            XCTAssertEqual(Set(f.train).count + f.purged.count + f.embargoed.count + f.test.count, bars.count)
            if f.test[0] > 0 { XCTAssertEqual(f.purged.filter { bars[$0] < start }.count, h) }
            if f.test.last! < bars.count - 1 - h - embargo {
                XCTAssertEqual(f.purged.filter { bars[$0] > end }.count, h)
                XCTAssertEqual(f.embargoed.count, embargo)
            }
        }
    }

    func testWalkForwardTrainsOnlyOnThePast() throws {
        let bars = Array(0..<600)
        let folds = try SplitScheme.walkForward(folds: 4, embargo: 10).folds(bars: bars, horizon: 10)
        XCTAssertEqual(folds.count, 4)
        for f in folds {
            let start = bars[f.test[0]]
            XCTAssertTrue(f.train.allSatisfy { bars[$0] + 10 < start })
            XCTAssertEqual(f.purged.count, 10)
        }
        XCTAssertEqual(folds[0].test.first, 120, "the first block only trains")
    }

    func testEmbargoBelowTheHorizonIsRefused() {
        XCTAssertThrowsError(try SplitScheme.purgedKFold(folds: 5, embargo: 2).folds(bars: Array(0..<100), horizon: 5)) { e in
            XCTAssertEqual("\(e)", "the embargo (2 bars) must be at least the label horizon (5 bars)")
        }
    }

    func testShuffledFoldsAreSeededAndCoverEverything() throws {
        let a = try SplitScheme.shuffledKFold(folds: 5, seed: 7).folds(bars: Array(0..<100), horizon: 5)
        let b = try SplitScheme.shuffledKFold(folds: 5, seed: 7).folds(bars: Array(0..<100), horizon: 5)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.flatMap(\.test).sorted(), Array(0..<100))
        XCTAssertNotEqual(a[0].test, Array(0..<20), "shuffled, not contiguous")
    }
}
