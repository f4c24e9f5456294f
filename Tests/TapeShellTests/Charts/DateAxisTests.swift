import TapeCore
import XCTest
@testable import TapeShell

final class DateAxisTests: XCTestCase {
    func day(_ y: Int, _ m: Int, _ d: Int) -> Int64 { CivilTime.timestamp(year: y, month: m, day: d) }

    /// Weekdays from `from`, `count` of them.
    func tradingDays(from start: Int64, count: Int) -> [Int64] {
        var out: [Int64] = []
        var t = start
        while out.count < count {
            let w = CivilTime.weekday(t)
            if w != 0 && w != 6 { out.append(t) }
            t += 86_400
        }
        return out
    }

    func testIntradaySessionIsLabelledInHoursAndMinutes() {
        let open = CivilTime.timestamp(year: 2019, month: 11, day: 5, hour: 9, minute: 30)
        let time = (0..<390).map { open + Int64($0) * 60 }
        let ticks = DateAxis.ticks(time: time, range: 0..<390, maxTicks: 8)
        XCTAssertEqual(ticks.map(\.label), ["10:00", "11:00", "12:00", "13:00", "14:00", "15:00"])
        XCTAssertEqual(ticks.first?.index, 30)
    }

    func testSeveralSessionsShowTheDateWhereTheDayChanges() throws {
        let c = try ChartFixtures.columns("SPX_1min_2019-11-05.csv")
        let time = (c["date"] ?? []).map { CivilTime.parse(Substring($0)) ?? 0 }
        let ticks = DateAxis.ticks(time: time, range: 0..<time.count, maxTicks: 8)
        XCTAssertEqual(ticks.map(\.label), ["Nov 05 10:00", "12:00", "14:00", "Nov 06 09:30", "12:00", "14:00"])
    }

    func testWeeksOfDailyBarsAreLabelledByDay() {
        let time = tradingDays(from: day(2020, 3, 2), count: 30)
        let ticks = DateAxis.ticks(time: time, range: 0..<30, maxTicks: 8)
        // Mondays (weeks), the first with its year.
        XCTAssertEqual(ticks.map(\.label), ["Mar 09 2020", "Mar 16", "Mar 23", "Mar 30", "Apr 06"])
    }

    func testAYearOfDailyBarsIsLabelledByMonth() throws {
        let spy = try ChartFixtures.bars("SPY_2019-2020.csv", symbol: "SPY")
        let ticks = DateAxis.ticks(time: spy.time, range: 0..<spy.count, maxTicks: 8)
        // Monthly steps would give 14 ticks, more than 8: every second month.
        XCTAssertEqual(ticks.map(\.label), ["Jul 2019", "Sep 2019", "Nov 2019", "Jan 2020", "Mar 2020", "May 2020", "Jul 2020"])
        XCTAssertEqual(spy.time[ticks[0].index], day(2019, 7, 1), "tick on the first bar of the month")
    }

    func testDecadesAreLabelledByYear() {
        let time = stride(from: day(1990, 1, 1), to: day(2020, 1, 1), by: 86_400 * 7).map { $0 }
        let ticks = DateAxis.ticks(time: time, range: 0..<time.count, maxTicks: 8)
        XCTAssertEqual(ticks.map(\.label), ["1995", "2000", "2005", "2010", "2015"])
    }

    func testZoomedRangeAndSingleBar() {
        let time = tradingDays(from: day(2020, 1, 2), count: 300)
        let ticks = DateAxis.ticks(time: time, range: 100..<120, maxTicks: 6)
        XCTAssertTrue(ticks.allSatisfy { (100..<120).contains($0.index) })
        XCTAssertEqual(DateAxis.ticks(time: [day(2020, 1, 2)], range: 0..<1, maxTicks: 6).map(\.label), ["Jan 02 2020"])
        XCTAssertEqual(DateAxis.ticks(time: [day(2020, 1, 2), day(2020, 1, 3)], range: 0..<2, maxTicks: 6).map(\.label), ["Jan 03 2020"])
        let t = CivilTime.timestamp(year: 2020, month: 1, day: 2, hour: 9, minute: 30)
        XCTAssertEqual(DateAxis.ticks(time: [t], range: 0..<1, maxTicks: 6).map(\.label), ["Jan 02 2020 09:30"])
        XCTAssertEqual(DateAxis.ticks(time: [], range: 0..<0, maxTicks: 6), [])
    }
}
