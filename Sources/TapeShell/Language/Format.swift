import Foundation

/// Number formatting for everything the shell prints. Deterministic across machines and
/// locales (C formatting, no locale), because printed output is what `--check` compares.
public enum Format {
    /// Up to 10 significant digits, trailing zeros trimmed; integers print without a
    /// decimal point; NaN prints as "NaN".
    public static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(format: "%.0f", x == 0 ? 0 : x) }
        var s = String(format: "%.10g", x)
        if s.contains("."), !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// Fixed decimals, for money and prices in tables.
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        if x.isNaN { return "NaN" }
        let s = String(format: "%.\(decimals)f", x)
        return s == "-" + String(format: "%.\(decimals)f", 0.0) ? String(s.dropFirst()) : s
    }

    /// Shortest text that reads back as the same double (for files, not for display).
    public static func roundTrip(_ x: Double) -> String { x.isNaN ? "" : "\(x)" }
}

/// A plain-text table with right-aligned numeric columns, used by every command that
/// lists rows.
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []
    public init(_ header: [String]) { self.header = header }
    public mutating func add(_ row: [String]) { rows.append(row) }

    public func render() -> [String] {
        let n = header.count
        var w = header.map { $0.count }
        for r in rows { for (j, c) in r.prefix(n).enumerated() { w[j] = max(w[j], c.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for j in 0..<n {
                let c = j < cells.count ? cells[j] : ""
                let pad = String(repeating: " ", count: w[j] - c.count)
                parts.append(j == 0 ? c + pad : pad + c)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        return [line(header)] + rows.map(line)
    }
}
