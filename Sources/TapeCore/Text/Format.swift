import Foundation

/// The one number formatter: everything Tape prints, stores in a ledger or writes to a
/// file or a gnuplot script turns its numbers into text here. Deterministic across machines
/// and locales (C formatting, no locale), because printed output is what `--check`
/// compares and ledger texts are compared by session checks.
public enum Format {
    /// The significant digits `number(_:)` shows: 10 unless whoever prints binds another
    /// (the shell binds `set digits` around each command). 17 means every digit the double
    /// has: the shortest text that reads back as the same double.
    @TaskLocal public static var displayDigits = 10

    /// For people: integers below 1e15 without a decimal point (and never "-0"); others to
    /// `displayDigits` (or `significant`) significant digits (C's `%g`: trailing zeros
    /// dropped, an exponent for very large or small values); NaN as "NaN", infinities as
    /// "inf" and "-inf".
    public static func number(_ x: Double) -> String { number(x, significant: displayDigits) }

    public static func number(_ x: Double, significant: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        // %.17g would show 0.1 as 0.10000000000000001; the shortest round trip is as exact.
        if significant >= 17 { return x.description }
        return Self.significant(x, significant)
    }

    /// C's `%.<digits>g` exactly (integers included: 12345 to 4 digits is "1.234e+04"), as
    /// chart legends read; NaN and infinities as "NaN".
    public static func significant(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "NaN" }
        return String(format: "%.\(max(digits, 1))g", x)
    }

    /// Fixed decimals, for money and prices in tables: never "-0.00"; NaN as "NaN",
    /// infinities as "inf" and "-inf". With `trimmingZeros`, trailing zeros (and a
    /// trailing point) are dropped: 1.5000 reads "1.5", 2.0000 reads "2".
    public static func fixed(_ x: Double, _ decimals: Int, trimmingZeros: Bool = false) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        var s = String(format: "%.\(max(decimals, 0))f", x)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }
        if trimmingZeros, s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// The shortest text that reads back as the same double, integers below 1e15 without
    /// a fraction (`4006500`, not `4006500.0`), so a value quoted in a message or a script
    /// is the value itself: `2.0000000001` stays that, not "2". NaN as "NaN", infinities
    /// as "inf" and "-inf"; zero's sign is kept ("-0") only with `signedZero`.
    public static func exact(_ x: Double, signedZero: Bool = false) -> String {
        if x.isNaN { return "NaN" }
        if x == x.rounded(), x.magnitude < 1e15 {
            if x == 0 { return signedZero && x.sign == .minus ? "-0" : "0" }
            return String(Int64(x))
        }
        return x.description
    }

    /// Shortest text that reads back as the same double, for files; NaN is an empty cell.
    public static func roundTrip(_ x: Double) -> String { x.isNaN ? "" : "\(x)" }
}
