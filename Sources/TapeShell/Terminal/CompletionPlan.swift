/// What one press of Tab does to the line, worked out from a CompletionSource's answer
/// without touching the editor, so the rules can be tested on their own.
///
/// The rules are the shell-conventional ones (bash, zsh): a single candidate replaces
/// the word and is followed by a space (unless it names a directory, ending in "/", so
/// the next Tab can continue into it; inside an open double quote the quote is closed
/// first, as bash does for a quoted file name); several candidates extend the word to
/// their longest common prefix, and when that adds nothing they are listed.
struct CompletionPlan: Equatable {
    /// Characters (Unicode scalars, libedit's unit) to delete left of the cursor.
    var deleteCount: Int
    /// Text to insert at the cursor after deleting.
    var insert: String
    /// Candidates to show below the line; empty when nothing is listed.
    var list: [String]

    static let none = CompletionPlan(deleteCount: 0, insert: "", list: [])

    var changesLine: Bool { deleteCount > 0 || !insert.isEmpty }

    /// The plan for `candidates` completing `line[wordStart..<cursor]` (UTF-8 offsets).
    /// Offsets outside the line or inside a multi-byte character give no plan.
    static func make(line: String, cursor: Int, wordStart: Int, candidates: [String]) -> CompletionPlan {
        let utf8 = line.utf8
        guard 0 <= wordStart, wordStart <= cursor, cursor <= utf8.count else { return .none }
        let scalars = line.unicodeScalars
        guard let start = String.Index(utf8.index(utf8.startIndex, offsetBy: wordStart), within: scalars),
              let end = String.Index(utf8.index(utf8.startIndex, offsetBy: cursor), within: scalars)
        else { return .none }
        let wordLength = scalars[start..<end].count
        let unique = uniqued(candidates)
        guard let first = unique.first else { return .none }
        if unique.count == 1 {
            return CompletionPlan(deleteCount: wordLength, insert: first + ending(of: first, line: line, at: start, cursor: end),
                                  list: [])
        }
        let prefix = commonPrefix(unique)
        if prefix.unicodeScalars.count > wordLength {
            return CompletionPlan(deleteCount: wordLength, insert: prefix, list: [])
        }
        return CompletionPlan(deleteCount: 0, insert: "", list: unique)
    }

    /// What follows a single completed candidate: nothing after a directory; after
    /// anything else a space, preceded by a closing quote when the word sits inside an
    /// open double quote that the rest of the line does not already close.
    private static func ending(of candidate: String, line: String, at wordStart: String.Index,
                               cursor: String.Index) -> String {
        if candidate.hasSuffix("/") { return "" }
        let quote = UInt8(ascii: "\"")
        let before = line.utf8[..<wordStart].filter { $0 == quote }.count + candidate.utf8.filter { $0 == quote }.count
        guard before % 2 == 1 else { return " " }
        return line.utf8[cursor...].first == quote ? "" : "\" "
    }

    /// Candidates in order of first appearance, each once.
    static func uniqued(_ candidates: [String]) -> [String] {
        var seen = Set<String>()
        return candidates.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The longest common prefix, compared by Unicode scalar so it never splits one.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first?.unicodeScalars.map({ $0 }) else { return "" }
        for string in strings.dropFirst() {
            let scalars = Array(string.unicodeScalars)
            var n = 0
            while n < prefix.count, n < scalars.count, prefix[n] == scalars[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: prefix)
        return String(result)
    }
}
