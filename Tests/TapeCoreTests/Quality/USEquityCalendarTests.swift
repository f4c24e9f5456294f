import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

final class USEquityCalendarTests: XCTestCase {
    static let fixtures = Repository.fixtures("")

    func day(_ s: String) -> Int64 { (CivilTime.parse(Substring(s)) ?? 0) / 86_400 }

    /// Every session SPY traded from 1999-11-01 to 2020-08-28 (dates of
    /// /work/shared/data/SPY.csv, MIT) and no other day.
    func testMatchesEverySPYSession() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("data/SPY_dates.txt"), encoding: .utf8)
        let spy = text.split(separator: "\n").compactMap { CivilTime.parse($0) }
        XCTAssertEqual(spy.count, 5241)
        let cal = USEquityCalendar.tradingDays(from: spy[0], to: spy[spy.count - 1])
        XCTAssertEqual(Set(cal).subtracting(spy).sorted().map { CivilTime.format($0) }, [])
        XCTAssertEqual(Set(spy).subtracting(cal).sorted().map { CivilTime.format($0) }, [])
    }

    func testHolidayRules() {
        let c = USEquityCalendar.closure
        XCTAssertEqual(c(day("2022-01-17")), "Martin Luther King Jr. Day")
        XCTAssertNil(c(day("1997-01-20")))                          // MLK Day only from 1998
        XCTAssertEqual(c(day("2021-12-31")), nil)                   // New Year's 2022 on Saturday: not observed
        XCTAssertEqual(c(day("2017-01-02")), "New Year's Day")      // on Sunday: observed Monday
        XCTAssertEqual(c(day("2024-03-29")), "Good Friday")
        XCTAssertEqual(c(day("2019-04-19")), "Good Friday")
        XCTAssertEqual(c(day("2022-06-20")), "Juneteenth")          // on Sunday: Monday
        XCTAssertEqual(c(day("2023-06-19")), "Juneteenth")
        XCTAssertNil(c(day("2021-06-18")))                          // Juneteenth from 2022
        XCTAssertEqual(c(day("2020-07-03")), "Independence Day")    // on Saturday: Friday
        XCTAssertEqual(c(day("2021-12-24")), "Christmas Day")
        XCTAssertEqual(c(day("2023-11-23")), "Thanksgiving Day")
        XCTAssertEqual(c(day("1970-02-23")), "Washington's Birthday")   // Feb 22 on Sunday, before 1971
        XCTAssertEqual(c(day("1976-11-02")), "Election Day")
        XCTAssertNil(c(day("1984-11-06")))
        XCTAssertEqual(c(day("2018-12-05")), "President George H. W. Bush's day of mourning")
        XCTAssertEqual(c(day("2025-01-09")), "President Carter's day of mourning")
        XCTAssertEqual(c(day("1985-09-27")), "Hurricane Gloria")
        XCTAssertEqual(c(day("1968-08-14")), "Paperwork crisis (1968 Wednesday closing)")
        XCTAssertNil(c(day("1968-11-13")))
        XCTAssertEqual(c(day("2024-06-15")), "weekend")
    }

    /// Easter dates from the US Naval Observatory's table.
    func testEaster() {
        let expected = [(1961, 4, 2), (2000, 4, 23), (2008, 3, 23), (2011, 4, 24), (2019, 4, 21), (2038, 4, 25)]
        for (y, m, d) in expected { XCTAssertEqual(USEquityCalendar.easter(y), CivilTime.days(year: y, month: m, day: d), "\(y)") }
    }

    /// 2025: 261 weekdays, 10 NYSE holidays (Jan 1, 20; Feb 17; Apr 18; May 26; Jun 19; Jul 4;
    /// Sep 1; Nov 27; Dec 25) and the Carter closure on Jan 9 leave 250 sessions.
    func testTradingDayCount2025() {
        let n = USEquityCalendar.tradingDays(from: CivilTime.timestamp(year: 2025, month: 1, day: 1),
                                             to: CivilTime.timestamp(year: 2025, month: 12, day: 31)).count
        XCTAssertEqual(n, 250)
    }
}
