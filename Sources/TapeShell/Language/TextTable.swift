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
