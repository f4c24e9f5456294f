/// Parses the numbers and timestamps found in CSV fields, straight from UTF-8 bytes.
public enum CSVValue {
    /// Outcome of reading a numeric field.
    enum Number: Equatable {
        case value(Double)
        /// Empty, or a conventional missing marker (NA, N/A, NaN, null, none, #N/A).
        case missing
        case bad
        /// Well-formed but beyond Double's range (e.g. 1e400).
        case outOfRange
    }

    /// A number, NaN when the field is empty or a missing marker, nil when it is not a number.
    public static func number(_ text: String, decimalComma: Bool = false) -> Double? {
        var t = text
        return t.withUTF8 { b in
            switch number(b, decimalComma: decimalComma) {
            case .value(let v): return v
            case .missing: return .nan
            case .bad, .outOfRange: return nil
            }
        }
    }

    /// A naive timestamp (see `Bars.time`) from any date form `time(_:)` on bytes accepts.
    public static func time(_ text: String) -> Int64? {
        var t = text
        return t.withUTF8 { time($0) }
    }

    /// Exact powers of ten: every one up to 1e22 is representable, which is what makes
    /// the fast path below correctly rounded (Clinger 1990: an integer mantissa below
    /// 2^53 multiplied or divided by an exact power of ten rounds once).
    private static let powersOfTen: [Double] = (0...22).map { e in
        var v = 1.0
        for _ in 0..<e { v *= 10 }
        return v
    }

    /// The same, read without the lazy global's once-check on every number (a market's
    /// worth of files reads tens of millions of them).
    @inline(__always)
    private static func powerOfTen(_ e: Int) -> Double {
        switch e {
        case 0: return 1
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        default: return powersOfTen[e]
        }
    }

    /// Decimal grammar `[+-]digits[.digits][(e|E)[+-]digits]` (at least one digit before
    /// the exponent), plus `inf`/`infinity` so exported infinities read back. Anything
    /// else is `.bad`: hex floats and `nan` spellings that `Double(String)` would take are
    /// not numbers in a price file (`nan` is read as missing instead).
    static func number(_ raw: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Number {
        if let v = plainNumber(raw, decimalComma: decimalComma) { return .value(v) }
        let b = trimmed(raw)
        let n = b.count
        if n == 0 { return .missing }
        var i = 0
        var negative = false
        if b[0] == 43 || b[0] == 45 { negative = b[0] == 45; i = 1 }
        if i < n, !isDigit(b[i]), b[i] != 46, b[i] != 44 {
            return word(b, from: i, negative: negative, signed: i == 1)
        }
        var mantissa: UInt64 = 0
        var exp10 = 0
        var truncated = false
        var digits = 0
        while i < n, isDigit(b[i]) {
            let d = UInt64(b[i] &- 48)
            if mantissa <= (UInt64.max - 9) / 10 { mantissa = mantissa * 10 + d } else { exp10 += 1; if d != 0 { truncated = true } }
            digits += 1
            i += 1
        }
        if i < n, b[i] == 46 || (decimalComma && b[i] == 44) {
            i += 1
            while i < n, isDigit(b[i]) {
                let d = UInt64(b[i] &- 48)
                if mantissa <= (UInt64.max - 9) / 10 { mantissa = mantissa * 10 + d; exp10 -= 1 } else if d != 0 { truncated = true }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return .bad }
        if i < n, b[i] == 101 || b[i] == 69 {
            i += 1
            var expNegative = false
            if i < n, b[i] == 43 || b[i] == 45 { expNegative = b[i] == 45; i += 1 }
            var e = 0
            var expDigits = 0
            while i < n, isDigit(b[i]) {
                if e < 100_000 { e = e * 10 + Int(b[i] &- 48) }   // beyond any Double exponent; stops overflow
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return .bad }
            exp10 += expNegative ? -e : e
        }
        guard i == n else { return .bad }
        var v: Double
        if !truncated, mantissa <= 1 << 53, exp10 >= -22, exp10 <= 22 {
            v = Double(mantissa)
            if exp10 < 0 { v /= powerOfTen(-exp10) } else if exp10 > 0 { v *= powerOfTen(exp10) }
        } else {
            // Rare (more than 15 significant digits or a large exponent): the standard
            // library's correctly rounded conversion of the already validated text.
            let text = String(decoding: b.map { decimalComma && $0 == 44 ? 46 : $0 }, as: UTF8.self)
            guard let parsed = Double(text) else { return .bad }
            v = parsed.magnitude
        }
        if !v.isFinite { return .outOfRange }
        return .value(negative ? -v : v)
    }

    /// What nearly every price file holds, `[+-]digits[.digits]` with at most 19 digits
    /// and no spaces, read in one tight pass; nil for anything else, which `number` then
    /// reads by the full grammar. The same result as that grammar gives (the mantissa
    /// cannot overflow at 19 digits, and the conversion is the same): a shortcut, not a
    /// second reading of numbers. It took a market's worth of files from about 230
    /// instructions per number to about 50.
    @inline(__always)
    private static func plainNumber(_ b: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        let n = b.count
        guard n > 0, n <= 21 else { return nil }
        var i = 0
        let negative = b[0] == 45
        if negative || b[0] == 43 { i = 1 }
        var mantissa: UInt64 = 0, digits = 0, dot = -1
        while i < n {
            let c = b[i]
            let d = c &- 48
            if d < 10 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                digits += 1
            } else if dot < 0, c == 46 || (decimalComma && c == 44) {
                dot = digits
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 19, mantissa <= 1 << 53 else { return nil }
        let fraction = dot < 0 ? 0 : digits - dot
        guard fraction <= 22 else { return nil }
        var v = Double(mantissa)
        if fraction > 0 { v /= powerOfTen(fraction) }
        return negative ? -v : v
    }

    /// Without edge spaces and tabs, which a quoted cell can keep (`" 7 "`).
    @inline(__always)
    private static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 32 || b[lo] == 9 { lo += 1 }
        while hi > lo, b[hi - 1] == 32 || b[hi - 1] == 9 { hi -= 1 }
        return lo == 0 && hi == b.count ? b : UnsafeBufferPointer(rebasing: b[lo..<hi])
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Missing markers and infinities, compared ASCII-case-insensitively.
    private static func word(_ b: UnsafeBufferPointer<UInt8>, from i: Int, negative: Bool, signed: Bool) -> Number {
        guard b.count - i <= 8 else { return .bad }
        var w = ""
        for k in i..<b.count {
            let c = b[k]
            w.unicodeScalars.append(Unicode.Scalar(c >= 65 && c <= 90 ? c + 32 : c))
        }
        switch w {
        case "inf", "infinity": return .value(negative ? -.infinity : .infinity)
        case "na", "n/a", "nan", "null", "none", "#n/a": return signed ? .bad : .missing
        default: return .bad
        }
    }

    /// A naive timestamp from a date field:
    /// - `YYYY-MM-DD` or `YYYY/MM/DD`, optionally followed by `T` or a space and
    ///   `HH:MM[:SS[.fff]]`, then optionally `Z` or a `±HH[:MM]` offset. The offset is
    ///   dropped: Tape keeps the wall-clock time the file shows (see `Bars.time`).
    /// - `YYYYMMDD` (Stooq, Metastock).
    /// - Unix epoch seconds (9 or 10 digits) or milliseconds (12 or 13 digits), as
    ///   exchange exports write them.
    /// Date math is CivilTime's; this only locates the digits without allocating.
    static func time(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        let b = trimmed(raw)
        let n = b.count
        func num(_ a: Int, _ len: Int) -> Int? {
            guard a >= 0, a + len <= n else { return nil }
            var v = 0
            for k in a..<(a + len) {
                guard isDigit(b[k]) else { return nil }
                v = v * 10 + Int(b[k] &- 48)
            }
            return v
        }
        if n <= 13, let all = num(0, n) {
            switch n {
            case 8:
                let y = all / 10_000, m = all / 100 % 100, d = all % 100
                guard CivilTime.isValid(year: y, month: m, day: d) else { return nil }
                return CivilTime.timestamp(year: y, month: m, day: d)
            case 9, 10: return Int64(all)
            case 12, 13: return Int64(all / 1000)
            default: return nil
            }
        }
        guard n >= 10, let y = num(0, 4), b[4] == 45 || b[4] == 47, b[7] == b[4],
              let m = num(5, 2), let d = num(8, 2), CivilTime.isValid(year: y, month: m, day: d) else { return nil }
        let date = CivilTime.timestamp(year: y, month: m, day: d)
        if n == 10 { return date }
        guard b[10] == 84 || b[10] == 32, let seconds = timeOfDay(UnsafeBufferPointer(rebasing: b[11...]), allowZone: true) else { return nil }
        return date + seconds
    }

    /// Seconds since midnight from `HH:MM[:SS[.fff]]` (optionally followed by a zone when
    /// `allowZone`), `HHMMSS` or `HHMM`.
    static func timeOfDay(_ b: UnsafeBufferPointer<UInt8>, allowZone: Bool = false) -> Int64? {
        let n = b.count
        func num(_ a: Int, _ len: Int) -> Int? {
            guard a + len <= n else { return nil }
            var v = 0
            for k in a..<(a + len) {
                guard isDigit(b[k]) else { return nil }
                v = v * 10 + Int(b[k] &- 48)
            }
            return v
        }
        var hh = 0, mm = 0, ss = 0
        var i = 0
        if n >= 5, b[2] == 58 {
            guard let h = num(0, 2), let m = num(3, 2) else { return nil }
            hh = h; mm = m; i = 5
            if i < n, b[i] == 58 {
                guard let s = num(6, 2) else { return nil }
                ss = s; i = 8
                if i < n, b[i] == 46 {
                    i += 1
                    while i < n, isDigit(b[i]) { i += 1 }
                }
            }
            if allowZone, i < n {
                if b[i] == 90 { i += 1 } else if b[i] == 43 || b[i] == 45 {
                    // ±HH, ±HHMM or ±HH:MM
                    let rest = n - i - 1
                    guard num(i + 1, 2) != nil else { return nil }
                    if rest == 2 { i = n } else if rest == 4, num(i + 3, 2) != nil { i = n } else if rest == 5, b[i + 3] == 58, num(i + 4, 2) != nil { i = n } else { return nil }
                }
            }
        } else if n == 6 || n == 4, let v = num(0, n) {
            if n == 6 { hh = v / 10_000; mm = v / 100 % 100; ss = v % 100 } else { hh = v / 100; mm = v % 100 }
            i = n
        } else {
            return nil
        }
        guard i == n, hh < 24, mm < 60, ss < 61 else { return nil }
        return Int64(hh * 3600 + mm * 60 + min(ss, 59))   // a leap second folds onto :59
    }
}
