/// Calendar arithmetic on naive timestamps (seconds since 1970-01-01T00:00, no zone).
///
/// Pure integer algorithms (Howard Hinnant's days_from_civil / civil_from_days) rather
/// than Foundation's Calendar: they are exact over the proleptic Gregorian calendar,
/// allocation-free, and give the same answer on every machine and locale.
public enum CivilTime {
    public static let secondsPerDay: Int64 = 86_400

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// (year, month, day) of a day count since 1970-01-01.
    public static func civil(days z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    /// Whether the date exists (month 1...12, day within the month).
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1, (1...9999).contains(year) else { return false }
        return day <= daysInMonth(year: year, month: month)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Timestamp of a date and time of day.
    public static func timestamp(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64 {
        days(year: year, month: month, day: day) * secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Day of week, 0 = Sunday ... 6 = Saturday.
    public static func weekday(_ t: Int64) -> Int {
        weekday(day: day(t))
    }

    /// Day of week of a day number (`day(_:)`), 0 = Sunday ... 6 = Saturday.
    @inline(__always)
    public static func weekday(day d: Int64) -> Int {
        // 1970-01-01 (day 0) was a Thursday (4). Unsigned remainder when it may: hot loops
        // over every bar's time call this.
        d >= 0 ? Int((UInt64(d) + 4) % 7) : Int(((d % 7) + 11) % 7)
    }

    /// Days since 1970-01-01 of a time, rounded down (times before 1970 included).
    @inline(__always)
    public static func day(_ t: Int64) -> Int64 {
        // Unsigned division by a constant is a multiply; the signed floor is slower.
        t >= 0 ? Int64(UInt64(t) / UInt64(secondsPerDay)) : floorDiv(t, secondsPerDay)
    }

    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// ISO text: `YYYY-MM-DD` at midnight, `YYYY-MM-DDTHH:MM:SS` otherwise
    /// (`YYYY-MM-DD HH:MM` when `compact`).
    public static func format(_ t: Int64, forceTime: Bool = false) -> String {
        let d = day(t)
        // d * 86400 itself leaves Int64 for times near Int64.min (a stored bar can hold any
        // Int64); the difference is always in 0..<86400, so wrapping arithmetic gives it exactly.
        let s = t &- d &* secondsPerDay
        let (y, m, dd) = civil(days: d)
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(dd, 2)
        if s != 0 || forceTime {
            out += "T" + pad(Int(s / 3600), 2) + ":" + pad(Int(s / 60 % 60), 2) + ":" + pad(Int(s % 60), 2)
        }
        return out
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS]`
    /// (fractional seconds and a trailing `Z` are accepted and dropped). Nil when malformed.
    public static func parse(_ text: Substring) -> Int64? {
        let u = Array(text.utf8)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= u.count else { return nil }
            var v = 0
            for i in a..<(a + n) {
                let c = u[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard u.count >= 10, let y = num(0, 4), u[4] == 45, let m = num(5, 2), u[7] == 45, let d = num(8, 2),
              isValid(year: y, month: m, day: d) else { return nil }
        var t = days(year: y, month: m, day: d) * secondsPerDay
        if u.count == 10 { return t }
        guard u[10] == 84 || u[10] == 32, let hh = num(11, 2), u.count >= 16, u[13] == 58, let mm = num(14, 2),
              hh < 24, mm < 60 else { return nil }
        t += Int64(hh * 3600 + mm * 60)
        var i = 16
        if i < u.count, u[i] == 58 {
            guard let ss = num(17, 2), ss < 61 else { return nil }
            t += Int64(min(ss, 59))
            i = 19
            if i < u.count, u[i] == 46 {   // fractional seconds: skip digits
                i += 1
                while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
            }
        }
        if i < u.count, u[i] == 90 { i += 1 }   // 'Z'
        return i == u.count ? t : nil
    }

    private static func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v)
        return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
    }
}
