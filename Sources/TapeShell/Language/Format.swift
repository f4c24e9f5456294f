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

/// A plain-text table, used by every command that lists rows. Columns after the first
/// are right-aligned (numbers line up) unless the table is `.left` (help and other prose
/// tables). Given a width, the last column wraps at word boundaries, each continuation
/// starting under the column.
public struct TextTable {
    public enum Alignment { case numbers, left }

    public var header: [String]
    public var rows: [[String]] = []
    public var alignment: Alignment
    public init(_ header: [String], alignment: Alignment = .numbers) {
        self.header = header
        self.alignment = alignment
    }
    public mutating func add(_ row: [String]) { rows.append(row) }

    public func render(header showHeader: Bool = true, width: Int? = nil) -> [String] {
        let n = header.count
        guard n > 0 else { return [] }
        let all = (showHeader ? [header] : []) + rows
        var w = Array(repeating: 0, count: n)
        for r in all { for (j, c) in r.prefix(n).enumerated() { w[j] = max(w[j], c.count) } }
        // The last column may wrap: the columns before it keep their width.
        let before = w.dropLast().reduce(0, +) + 2 * (n - 1)
        let lastWidth = width.map { max(20, $0 - before) } ?? Int.max
        func line(_ cells: [String]) -> [String] {
            var parts: [String] = []
            for j in 0..<(n - 1) {
                let c = j < cells.count ? cells[j] : ""
                let pad = String(repeating: " ", count: w[j] - c.count)
                parts.append(j == 0 || alignment == .left ? c + pad : pad + c)
            }
            let last = n - 1 < cells.count ? cells[n - 1] : ""
            let pieces = alignment == .left || n == 1 ? Self.wrap(last, width: lastWidth) : [last]
            var out: [String] = []
            for (k, piece) in pieces.enumerated() {
                var cell = piece
                if alignment == .numbers && n > 1 { cell = String(repeating: " ", count: max(0, w[n - 1] - piece.count)) + piece }
                var s = k == 0 ? (parts + [cell]).joined(separator: "  ") : String(repeating: " ", count: before) + cell
                while s.hasSuffix(" ") { s.removeLast() }
                out.append(s)
            }
            return out
        }
        return all.flatMap(line)
    }

    /// `text` in lines of at most `width` characters, broken at spaces; a word longer
    /// than the width stands on a line of its own.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
