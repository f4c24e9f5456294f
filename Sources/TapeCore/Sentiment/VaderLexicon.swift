/// The VADER lexicon (C.J. Hutto, MIT; Sentiment/VADER): token → mean valence, −4 .. +4.
public enum VaderLexicon {
    public static let valences: [String: Double] = {
        var d: [String: Double] = [:]
        d.reserveCapacity(7600)
        for line in words.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count >= 2, let v = Double(parts[1]) else { continue }
            d[String(parts[0])] = v
        }
        return d
    }()
}
