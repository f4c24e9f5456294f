/// Levenshtein distance and nearest-name lookup, for every "did you mean" in Tape
/// (command, function, column, strategy and parameter names).
public enum EditDistance {
    /// Insertions, deletions and substitutions needed to turn `a` into `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// The candidate closest to `word` (ignoring case) within `limit` edits; ties go to
    /// the earlier candidate.
    public static func nearest(_ word: String, in candidates: [String], limit: Int) -> String? {
        let w = word.lowercased()
        var best: (String, Int)?
        for c in candidates {
            let d = between(w, c.lowercased())
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (c, d) }
        }
        return best?.0
    }
}
