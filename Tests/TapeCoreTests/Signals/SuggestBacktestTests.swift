import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

final class SuggestBacktestTests: XCTestCase {
    private func spy() throws -> Bars {
        let text = try String(contentsOf: Repository.fixtures("csv/SPY.csv"), encoding: .utf8)
        return try BarsCSV.parse(text: text, name: "SPY", source: "SPY")
    }

    private func run(_ b: Bars, upTo n: Int) throws -> SuggestBacktest {
        try SuggestBacktest.run(open: Array(b.open[..<n]), high: Array(b.high[..<n]), low: Array(b.low[..<n]), close: Array(b.close[..<n]),
                                time: Array(b.time[..<n]), days: 30, rate: 0.04, periodsPerYear: 252, strikeStep: { _ in 1 }) {}
    }

    /// Trades closed before a cut are the same with or without the data after it, and each
    /// settles a horizon after entry at the first close on or after the expiry.
    func testNoLookAheadAndSettlementDates() throws {
        let b = try spy()
        let n = min(b.count, 2_000)
        let full = try run(b, upTo: n), cut = try run(b, upTo: 1_200)
        XCTAssertGreaterThan(full.trades.count, 50)
        XCTAssertEqual(Array(full.trades.prefix(cut.trades.count)), cut.trades)
        for t in full.trades {
            XCTAssertGreaterThanOrEqual(b.time[t.exitIndex], b.time[t.entryIndex] + 30 * 86_400)
            XCTAssertLessThan(b.time[t.exitIndex - 1], b.time[t.entryIndex] + 30 * 86_400)
            XCTAssertGreaterThanOrEqual(t.entryIndex, MarketView.minimumBars - 1)
        }
    }

    /// A single-expiry trade's P&L is its payoff at the settlement close less the premium,
    /// and never below its maximum loss.
    func testProfitIsPayoffLessPremium() throws {
        let b = try spy()
        let r = try run(b, upTo: 2_000)
        for t in r.trades where !t.strategy.contains("calendar") {
            if let loss = t.maxLoss { XCTAssertGreaterThanOrEqual(t.profit, -loss - 1e-9, t.strategy) }
        }
        let longCalls = r.trades.filter { $0.strategy == "long call" }
        XCTAssertFalse(longCalls.isEmpty)
        for t in longCalls {
            let strike = b.close[t.entryIndex].rounded()
            XCTAssertEqual(t.profit, max(b.close[t.exitIndex] - strike, 0) - t.premium, accuracy: 1e-9)
        }
    }
}
