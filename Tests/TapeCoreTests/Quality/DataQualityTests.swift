import XCTest
@testable import TapeCore

final class DataQualityTests: XCTestCase {
    func t(_ s: String) -> Int64 { CivilTime.parse(Substring(s)) ?? 0 }

    func bars(_ dates: [String], close: [Double], volume: [Double]? = nil, symbol: String = "X") -> Bars {
        Bars(symbol: symbol, time: dates.map(t), open: close, high: close.map { $0 * 1.01 }, low: close.map { $0 * 0.99 },
             close: close, volume: volume ?? close.map { _ in 1000 })
    }

    /// MSFT's daily file (Kaggle "Huge Stock Market Dataset") has volume 0 on 2010-04-26;
    /// rebuilt here around that day with its neighbours' shape (the file itself is not
    /// redistributable).
    func testZeroVolumeLikeMSFT20100426() {
        let d = ["2010-04-21", "2010-04-22", "2010-04-23", "2010-04-26", "2010-04-27", "2010-04-28"]
        let b = bars(d, close: [28.5, 28.9, 30.3, 30.1, 29.9, 29.8], volume: [7.1e7, 7.8e7, 1.2e8, 0, 6.7e7, 6.3e7], symbol: "MSFT")
        let r = DataQuality.validate(b)
        XCTAssertEqual(r.issues.map(\.line), ["2010-04-26  row 4  zero volume: volume 0"])
        XCTAssertEqual(r.score, 91.6)   // 100 × (1 − 0.5/6) = 91.67 -> 91.6
    }

    func testReportLinesLimit() {
        let d = ["2019-07-02", "2019-07-03", "2019-07-04", "2019-07-05", "2019-07-05", "2019-07-09", "2019-07-01"]
        let r = DataQuality.validate(bars(d, close: [100, 101, 101, 102, 102, 103, 99]))
        let head = "X: 7 bars, score 50/100; 1 missing day, 1 non-trading day, 1 duplicate time, 1 out of order"
        XCTAssertEqual(r.lines(limit: 1), [head, "  2019-07-01  row 7  out of order: earlier than row 6 (2019-07-09)",
                                           "  ... 3 more"])
        // A negative limit shows no issue lines and counts all four, rather than trapping.
        XCTAssertEqual(r.lines(limit: Int.min), [head, "  ... 4 more"])
        XCTAssertEqual(r.lines(limit: -2), [head, "  ... 4 more"])
    }

    func testDuplicatesOrderHolidaysAndGaps() {
        // 2019-07-04 is Independence Day; 2019-07-08 is missing; 2019-07-05 appears twice.
        let d = ["2019-07-02", "2019-07-03", "2019-07-04", "2019-07-05", "2019-07-05", "2019-07-09", "2019-07-01"]
        let b = bars(d, close: [100, 101, 101, 102, 102, 103, 99])
        let r = DataQuality.validate(b)
        XCTAssertEqual(r.issues.map(\.kind), [.outOfOrder, .nonTradingDay, .duplicateTime, .missingDay])
        XCTAssertEqual(r.issues.map { CivilTime.format($0.time) }, ["2019-07-01", "2019-07-04", "2019-07-05", "2019-07-08"])
        XCTAssertEqual(r.issues.map(\.row), [6, 2, 4, 5])
        let (fixed, changes) = DataQuality.clean(b)
        XCTAssertEqual(fixed.time.map { CivilTime.format($0) },
                       ["2019-07-01", "2019-07-02", "2019-07-03", "2019-07-04", "2019-07-05", "2019-07-09"])
        XCTAssertEqual(changes, ["sorted 7 bars into time order", "2019-07-05: dropped a duplicate bar (kept the first)"])
    }

    func testInconsistentAndMissingValues() {
        var b = bars(["2021-03-01", "2021-03-02", "2021-03-03", "2021-03-04"], close: [50, 51, 52, 53])
        b.high[1] = 50.5            // below close 51
        b.low[2] = -1               // impossible price
        b.volume[3] = .nan
        b.open[3] = .nan
        let r = DataQuality.validate(b)
        XCTAssertEqual(r.issues.map(\.detail), ["high 50.5 < open 51", "low -1 is not a positive price", "empty open", "empty volume"])
        let (fixed, changes) = DataQuality.clean(b)
        XCTAssertEqual(fixed.count, 3)
        XCTAssertEqual(fixed.high[1], 51)
        XCTAssertEqual(fixed.open[2], 52)              // forward-filled from 2021-03-03 before that bar was dropped
        XCTAssertTrue(fixed.volume[2].isNaN)           // volume is never invented
        XCTAssertEqual(changes, [
            "2021-03-04: filled empty open from 2021-03-03",
            "2021-03-02: set high/low to 51/50.49 (was 50.5/50.49: high 50.5 < open 51)",
            "2021-03-03: dropped an inconsistent bar (low -1 is not a positive price)",
            "2021-03-04: set high/low to 53.53/52 (was 53.53/52.47: low 52.47 > open 52)",
        ])
        var opt = DataQuality.CleanOptions()
        opt.inconsistent = .drop
        XCTAssertEqual(DataQuality.clean(b, options: opt).bars.time, [t("2021-03-01")])
    }

    /// Apple's 7-for-1 split took effect on 2014-06-09: unadjusted closes 645.57 on
    /// 2014-06-06 and 93.70 on 2014-06-09 (ratio 6.89).
    func testSplitJumpFoundAndAdjustedOnRequest() {
        let d = ["2014-06-03", "2014-06-04", "2014-06-05", "2014-06-06", "2014-06-09", "2014-06-10", "2014-06-11"]
        let b = bars(d, close: [637.54, 644.82, 647.35, 645.57, 93.70, 94.25, 93.86], symbol: "AAPL")
        let r = DataQuality.validate(b)
        XCTAssertEqual(r.issues.map(\.line),
                       ["2014-06-09  row 5  split-like jump: close 645.57 -> 93.7 (ratio 6.89, like a 7:1 split)"])
        XCTAssertEqual(DataQuality.clean(b).bars, b)   // not adjusted unless asked
        var opt = DataQuality.CleanOptions()
        opt.adjustSplits = true
        let (adj, changes) = DataQuality.clean(b, options: opt)
        XCTAssertEqual(adj.close[3], 645.57 / 7, accuracy: 1e-12)
        XCTAssertEqual(adj.volume[0], 7000)
        XCTAssertEqual(adj.close[4], 93.70)
        XCTAssertEqual(changes, ["2014-06-09: adjusted 4 earlier bars for a 7:1 split (prices ÷ 7, volume × 7)"])
        XCTAssertEqual(DataQuality.validate(adj).issues, [])
    }

    func testOutlierByZScore() {
        // 60 quiet days of ±0.5% then a 30% drop that stays: an outlier, not a split ratio.
        var close: [Double] = [100]
        for i in 1..<60 { close.append(close[i - 1] * (i % 2 == 0 ? 1.005 : 0.995)) }
        close.append(close[59] * 0.7)
        let days = USEquityCalendar.tradingDays(from: t("2023-01-03"), to: t("2023-12-29")).prefix(61).map { CivilTime.format($0) }
        let r = DataQuality.validate(bars(Array(days), close: close))
        XCTAssertEqual(r.issues.map(\.kind), [.outlier])
        XCTAssertEqual(r.issues.first?.row, 60)
        XCTAssertTrue(r.issues.first?.detail.hasPrefix("return -30% (z = ") ?? false, r.issues.first?.detail ?? "")
    }

    func testRaggedColumnsAreReadUpToTheShortest() {
        var b = bars(["2024-03-04", "2024-03-05", "2024-03-06"], close: [10, 11, 12])
        b.volume.removeLast()
        XCTAssertEqual(DataQuality.validate(b).rows, 2)
        XCTAssertEqual(DataQuality.clean(b).bars.count, 2)
    }

    func testEmptyAndIntradayInputs() {
        let empty = Bars(symbol: "E", time: [], open: [], high: [], low: [], close: [], volume: [])
        XCTAssertEqual(DataQuality.validate(empty).score, 0)
        XCTAssertEqual(DataQuality.clean(empty).bars, empty)
        // Intraday bars are not checked against the daily calendar.
        let intraday = Bars(symbol: "I", time: [t("2019-11-09T09:30"), t("2019-11-09T09:31")], open: [1, 1], high: [1, 1],
                            low: [1, 1], close: [1, 1], volume: [5, 5])
        XCTAssertEqual(DataQuality.validate(intraday).issues, [])
    }

    func testCalendarChecksOnlyApplyToDailyExchangeData() {
        // Weekly bars (Mondays): no "missing days" between them.
        let mondays = (0..<10).map { CivilTime.format(t("2024-01-08") + Int64($0) * 7 * 86_400) }
        XCTAssertEqual(DataQuality.validate(bars(mondays, close: (0..<10).map { 100 + Double($0) })).issues, [])
        // A 7-day market (crypto): weekend bars are normal, not "non-trading days".
        let everyDay = (0..<30).map { CivilTime.format(t("2024-03-01") + Int64($0) * 86_400) }
        XCTAssertEqual(DataQuality.validate(bars(everyDay, close: (0..<30).map { 100 + Double($0 % 3) })).issues, [])
        // A stock with one stray Saturday bar is still checked.
        let withSaturday = ["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-09",
                            "2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15"]
        XCTAssertEqual(DataQuality.validate(bars(withSaturday, close: [Double](repeating: 10, count: 11))).issues.map(\.line),
                       ["2024-03-09  row 6  non-trading day: weekend"])
    }
}
