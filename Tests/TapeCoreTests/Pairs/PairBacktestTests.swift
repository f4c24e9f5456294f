import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

final class PairBacktestTests: XCTestCase {
    private func closes(_ name: String) throws -> [Double] {
        let text = try String(contentsOf: Repository.fixtures("pairs/\(name).csv"), encoding: .utf8)
        return try BarsCSV.parse(text: text, name: name, source: name).close
    }

    private let config = PairBacktest.Config(entry: 2, exit: 0.5, window: 60, method: .ols, cost: 0.001, cash: 10_000)

    /// Equity up to a close never depends on later prices: cutting the data after close k
    /// leaves the curve to k unchanged (a fill on close k was decided on close k − 1).
    func testNoLookAhead() throws {
        let a = try closes("coint_a"), b = try closes("coint_b")
        let full = PairBacktest.run(a, b, config)
        XCTAssertGreaterThan(full.trades.count, 5)
        for k in [150, 275, 420] {
            let cut = PairBacktest.run(Array(a[...k]), Array(b[...k]), config)
            // The last close of the cut run closes any open trade, so compare before it.
            XCTAssertEqual(Array(cut.equity[..<k]), Array(full.equity[..<k]), "cut at \(k)")
        }
        for t in full.trades { XCTAssertGreaterThan(t.entryIndex, 59) }
    }

    /// Every fill pays the cost rate on both legs' notional: the total is the trades' sum,
    /// the return with costs is the return without them less what they cost (the same
    /// trades, as the signals do not depend on equity), and no cost means none paid.
    func testCostsOnBothLegs() throws {
        let a = try closes("coint_a"), b = try closes("coint_b")
        let net = PairBacktest.run(a, b, config)
        var free = config
        free.cost = 0
        let gross = PairBacktest.run(a, b, free)
        XCTAssertEqual(gross.costs, 0)
        XCTAssertEqual(net.trades.map(\.entryIndex), gross.trades.map(\.entryIndex))
        assertClose(net.costs, net.trades.reduce(0) { $0 + $1.costs }, rel: 1e-12, "sum of trade costs")
        let t = try XCTUnwrap(net.trades.first)
        // The first trade uses all the cash: entry cost = 0.1% of cash; exit cost = 0.1% of
        // the units times both legs' notional at the exit close.
        let units = 10_000 / (a[t.entryIndex] + abs(t.hedge) * b[t.entryIndex])
        assertClose(t.costs, 0.001 * 10_000 + 0.001 * units * (a[t.exitIndex] + abs(t.hedge) * b[t.exitIndex]), rel: 1e-12, "first trade")
        XCTAssertLessThan(net.equity.last ?? 0, gross.equity.last ?? 0)
    }

    func testVenueGapByHand() {
        let a = [100.0, 100, 100, 100, 100, 100]
        let b = [100.3, 100.1, 100.25, 100.3, 99.0, 100.0]
        let g = VenueGap.measure(a, b, roundTripCost: 0.002)
        XCTAssertEqual(g.observations, 6)
        XCTAssertEqual(g.beyond, 4)
        XCTAssertEqual(g.episodes, 2)
        XCTAssertEqual(g.longestEpisode, 3)
        XCTAssertEqual(g.longestStart, 2)
        XCTAssertEqual(g.meanEpisodeLength, 2, accuracy: 1e-12)
        XCTAssertEqual(g.meanExcess, (0.001 + 0.0005 + 0.001 + 0.008) / 4, accuracy: 1e-12)
        XCTAssertEqual(g.largestGap, 0.01, accuracy: 1e-12)
    }
}
