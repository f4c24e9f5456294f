/// Lays out completion candidates in columns, filled down then across like `ls`, within
/// a terminal width. Pure, so the layout is tested without a terminal.
enum CompletionList {
    /// Two spaces separate columns, as in `ls` and bash's completion listing.
    static let gap = 2

    /// The rows of text to print, without trailing spaces. With `height`, a list that
    /// would not fit shows the candidates that fill `height - 1` rows and a last line
    /// saying how many more there are, so the prompt and the list's start stay on
    /// screen (bash asks "Display all N possibilities?" instead, which needs a key read).
    static func rows(_ candidates: [String], width: Int, height: Int = Int.max) -> [String] {
        guard !candidates.isEmpty else { return [] }
        let widest = candidates.map(\.count).max() ?? 0
        let columnWidth = widest + gap
        let columns = max(1, (max(width, 1) + gap) / columnWidth)
        let rowsNeeded = (candidates.count + columns - 1) / columns
        let maxRows = max(2, height)
        guard rowsNeeded > maxRows else { return layout(candidates, rowCount: rowsNeeded, columnWidth: columnWidth) }
        let shown = Array(candidates.prefix(columns * (maxRows - 1)))
        let rowCount = (shown.count + columns - 1) / columns
        return layout(shown, rowCount: rowCount, columnWidth: columnWidth)
            + ["… \(candidates.count - shown.count) more; type more letters to narrow"]
    }

    private static func layout(_ items: [String], rowCount: Int, columnWidth: Int) -> [String] {
        var rows: [String] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var text = ""
            var index = row
            while index < items.count {
                let item = items[index]
                text += item
                index += rowCount
                if index < items.count {
                    text += String(repeating: " ", count: columnWidth - item.count)
                }
            }
            rows.append(text)
        }
        return rows
    }
}
