import XCTest
@testable import TapeCore

final class CivilTimeTests: XCTestCase {
    func testRoundTripAcrossCenturies() {
        for d in stride(from: Int64(-800_000), through: 800_000, by: 37) {
            let (y, m, dd) = CivilTime.civil(days: d)
            XCTAssertEqual(CivilTime.days(year: y, month: m, day: dd), d)
        }
    }

    func testKnownDates() {
        XCTAssertEqual(CivilTime.days(year: 1970, month: 1, day: 1), 0)
        XCTAssertEqual(CivilTime.days(year: 2000, month: 3, day: 1), 11_017)
        XCTAssertEqual(CivilTime.weekday(CivilTime.timestamp(year: 2026, month: 11, day: 23)), 1) // a Monday
        XCTAssertEqual(CivilTime.format(CivilTime.timestamp(year: 2019, month: 11, day: 5, hour: 9, minute: 30)), "2019-11-05T09:30:00")
    }

    func testFormatCoversEveryInt64() {
        XCTAssertEqual(CivilTime.format(.min), "-292277022657-01-27T08:29:52")
        XCTAssertEqual(CivilTime.format(.max), "292277026596-12-04T15:30:07")
        XCTAssertEqual(CivilTime.format(-1), "1969-12-31T23:59:59")
    }

    func testParse() {
        XCTAssertEqual(CivilTime.parse("2004-08-19"), CivilTime.timestamp(year: 2004, month: 8, day: 19))
        XCTAssertEqual(CivilTime.parse("2019-11-05T09:30:00"), CivilTime.timestamp(year: 2019, month: 11, day: 5, hour: 9, minute: 30))
        XCTAssertEqual(CivilTime.parse("2019-11-05 09:30"), CivilTime.timestamp(year: 2019, month: 11, day: 5, hour: 9, minute: 30))
        XCTAssertNil(CivilTime.parse("2019-02-30"))
        XCTAssertNil(CivilTime.parse("2019-1-5"))
        XCTAssertNil(CivilTime.parse("2019-11-05T25:00"))
    }
}

final class CivilDayTests: XCTestCase {
    /// `day` and `weekday(day:)` take a fast unsigned path from 1970 on and the floor
    /// path before it; both must agree with the plain definitions on either side.
    func testDayAndWeekdayAcrossTheEpoch() {
        XCTAssertEqual(CivilTime.weekday(day: 0), 4)        // 1970-01-01, a Thursday
        XCTAssertEqual(CivilTime.weekday(day: -1), 3)
        XCTAssertEqual(CivilTime.weekday(CivilTime.days(year: 2024, month: 6, day: 2) * 86_400), 0)  // a Sunday
        for t in stride(from: Int64(-20 * 86_400 - 1), through: 20 * 86_400 + 1, by: 3_607) {
            let d = CivilTime.floorDiv(t, 86_400)
            XCTAssertEqual(CivilTime.day(t), d, "\(t)")
            XCTAssertEqual(CivilTime.weekday(day: d), Int(((d % 7) + 11) % 7), "\(t)")
        }
        XCTAssertEqual(CivilTime.day(.min), CivilTime.floorDiv(.min, 86_400))
        XCTAssertEqual(CivilTime.day(.max), Int64.max / 86_400)
    }
}
