/// Lays out completion candidates in columns, filled down then across like `ls`, within
/// a terminal width. Pure, so the layout is tested without a terminal.
enum CompletionList {
    /// Two spaces separate columns, as in `ls` and bash's completion listing.
    static let gap = 2

    /// The rows of text to print, without trailing spaces.
    static func rows(_ candidates: [String], width: Int) -> [String] {
        guard !candidates.isEmpty else { return [] }
        let widest = candidates.map(\.count).max() ?? 0
        let columnWidth = widest + gap
        let columns = max(1, (max(width, 1) + gap) / columnWidth)
        let rowCount = (candidates.count + columns - 1) / columns
        var rows: [String] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var text = ""
            var index = row
            while index < candidates.count {
                let item = candidates[index]
                text += item
                index += rowCount
                if index < candidates.count {
                    text += String(repeating: " ", count: columnWidth - item.count)
                }
            }
            rows.append(text)
        }
        return rows
    }
}
