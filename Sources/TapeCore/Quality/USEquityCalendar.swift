/// The NYSE trading calendar for daily US equity data: weekdays minus exchange holidays
/// (computed by rule) minus special closures (listed by date).
///
/// Rules follow NYSE Rule 7.2 and its history: a holiday on Sunday is observed on Monday,
/// on Saturday on the Friday before, except New Year's Day (the Friday is the year's
/// last business day, so it stays open). Valid from 1962 on: checked against every
/// session of IBM's daily history 1962-2017 and SPY's 1999-2020 (Tests/TapeCoreTests/Quality).
/// Early closes (half days) are trading days and are not modelled.
public enum USEquityCalendar {
    /// Why the exchange was closed on `day` (days since 1970-01-01), or nil on a trading day.
    public static func closure(day: Int64) -> String? {
        let wd = CivilTime.weekday(day: day)
        if wd == 0 || wd == 6 { return "weekend" }
        if let s = special[day] { return s }
        let (y, _, _) = CivilTime.civil(days: day)
        return holidays(year: y).first { $0.day == day }?.name
    }

    public static func isTradingDay(day: Int64) -> Bool { closure(day: day) == nil }

    /// Whether the timestamp's calendar date is a trading day.
    public static func isTradingDay(_ t: Int64) -> Bool {
        isTradingDay(day: CivilTime.day(t))
    }

    /// Midnight timestamps of every trading day in `from...to` (calendar dates, inclusive).
    public static func tradingDays(from: Int64, to: Int64) -> [Int64] {
        let a = CivilTime.day(from), b = CivilTime.day(to)
        guard a <= b else { return [] }
        var out: [Int64] = []
        out.reserveCapacity(Int(min(b - a + 1, 1 << 20)) * 5 / 7 + 1)
        var year = Int.min
        var hol: Set<Int64> = []
        for d in a...b {
            let wd = CivilTime.weekday(day: d)
            if wd == 0 || wd == 6 || special[d] != nil { continue }
            let y = CivilTime.civil(days: d).year
            if y != year { year = y; hol = Set(holidays(year: y).map(\.day)) }
            if !hol.contains(d) { out.append(d * CivilTime.secondsPerDay) }
        }
        return out
    }

    /// The rule-based holidays of a year, as observed (weekday dates only).
    public static func holidays(year y: Int) -> [(day: Int64, name: String)] {
        var out: [(Int64, String)] = []
        func add(_ d: Int64?, _ name: String) { if let d { out.append((d, name)) } }
        add(observed(y, 1, 1, saturdayToFriday: false), "New Year's Day")
        if y >= 1998 { add(nthWeekday(y, 1, 1, 3), "Martin Luther King Jr. Day") }
        // Uniform Monday Holiday Act: from 1971 Washington's Birthday and Memorial Day move to Mondays.
        add(y >= 1971 ? nthWeekday(y, 2, 1, 3) : observed(y, 2, 22), "Washington's Birthday")
        add(easter(y) - 2, "Good Friday")
        // 1970-05-30 fell on a Saturday and the exchange stayed open on Friday the 29th.
        add(y >= 1971 ? lastWeekday(y, 5, 1) : observed(y, 5, 30, saturdayToFriday: y != 1970), "Memorial Day")
        if y >= 2022 { add(observed(y, 6, 19), "Juneteenth") }
        add(observed(y, 7, 4), "Independence Day")
        add(nthWeekday(y, 9, 1, 1), "Labor Day")
        // Election Day: closed every year through 1968, then in presidential years to 1980.
        if y <= 1968 || y == 1972 || y == 1976 || y == 1980 { add(nthWeekday(y, 11, 1, 1) + 1, "Election Day") }
        add(nthWeekday(y, 11, 4, 4), "Thanksgiving Day")
        add(observed(y, 12, 25), "Christmas Day")
        return out
    }

    /// Gregorian Easter Sunday (anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
    public static func easter(_ y: Int) -> Int64 {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CivilTime.days(year: y, month: month, day: day)
    }

    /// Closures outside the rules: national mourning, weather, emergencies.
    public static let special: [Int64: String] = {
        let list: [(Int, Int, Int, String)] = [
            (1963, 11, 25, "President Kennedy's funeral"),
            (1968, 2, 12, "Lincoln's Birthday"),
            (1968, 4, 9, "Day of mourning for Martin Luther King Jr."),
            (1968, 7, 5, "Day after Independence Day"),
            (1968, 11, 11, "Veterans Day"),
            (1969, 2, 10, "Snowstorm"),
            (1969, 3, 31, "President Eisenhower's funeral"),
            (1969, 7, 21, "Apollo 11 Moon landing"),
            (1972, 12, 28, "President Truman's funeral"),
            (1973, 1, 25, "President Johnson's funeral"),
            (1977, 7, 14, "New York City blackout"),
            (1985, 9, 27, "Hurricane Gloria"),
            (1994, 4, 27, "President Nixon's funeral"),
            (2001, 9, 11, "September 11 attacks"), (2001, 9, 12, "September 11 attacks"),
            (2001, 9, 13, "September 11 attacks"), (2001, 9, 14, "September 11 attacks"),
            (2004, 6, 11, "President Reagan's funeral"),
            (2007, 1, 2, "President Ford's day of mourning"),
            (2012, 10, 29, "Hurricane Sandy"), (2012, 10, 30, "Hurricane Sandy"),
            (2018, 12, 5, "President George H. W. Bush's day of mourning"),
            (2025, 1, 9, "President Carter's day of mourning"),
        ]
        var m: [Int64: String] = [:]
        for (y, mo, d, name) in list { m[CivilTime.days(year: y, month: mo, day: d)] = name }
        // 1968 paperwork crisis: closed every Wednesday from June 12 to the year's end,
        // except in weeks with a holiday (the exchange then traded on the Wednesday).
        var d = CivilTime.days(year: 1968, month: 6, day: 12)
        let end = CivilTime.days(year: 1968, month: 12, day: 31)
        let tradedWednesdays: Set<Int64> = [CivilTime.days(year: 1968, month: 7, day: 3), CivilTime.days(year: 1968, month: 9, day: 4),
                                            CivilTime.days(year: 1968, month: 11, day: 6), CivilTime.days(year: 1968, month: 11, day: 13),
                                            CivilTime.days(year: 1968, month: 11, day: 27), CivilTime.days(year: 1968, month: 12, day: 25)]
        while d <= end {
            if !tradedWednesdays.contains(d) { m[d] = m[d] ?? "Paperwork crisis (1968 Wednesday closing)" }
            d += 7
        }
        return m
    }()

    private static func observed(_ y: Int, _ m: Int, _ d: Int, saturdayToFriday: Bool = true) -> Int64? {
        let day = CivilTime.days(year: y, month: m, day: d)
        switch CivilTime.weekday(day: day) {
        case 6: return saturdayToFriday ? day - 1 : nil
        case 0: return day + 1
        default: return day
        }
    }

    /// The n-th given weekday (0 = Sunday) of a month.
    private static func nthWeekday(_ y: Int, _ m: Int, _ wd: Int, _ n: Int) -> Int64 {
        let first = CivilTime.days(year: y, month: m, day: 1)
        let w = CivilTime.weekday(day: first)
        return first + Int64((wd - w + 7) % 7 + 7 * (n - 1))
    }

    private static func lastWeekday(_ y: Int, _ m: Int, _ wd: Int) -> Int64 {
        let last = CivilTime.days(year: y, month: m, day: CivilTime.daysInMonth(year: y, month: m))
        let w = CivilTime.weekday(day: last)
        return last - Int64((w - wd + 7) % 7)
    }
}
