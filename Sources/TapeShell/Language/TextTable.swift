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
