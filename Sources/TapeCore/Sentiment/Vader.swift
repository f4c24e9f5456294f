import Foundation

/// VADER's rule-based sentiment of a short text, ported from vaderSentiment 3.3.2
/// (`SentimentIntensityAnalyzer.polarity_scores`, MIT): lexicon valences adjusted by
/// boosters and dampeners ("very", "slightly", up to three words back), negation ("not",
/// "n't", "never", "no" ...), "but" (what follows weighs 1.5×, what precedes 0.5×), a word
/// in capitals among others that are not, "!" and "?" emphasis, "least", and a few
/// idioms; the sum is squashed to −1 .. 1 by x / √(x² + 15). Emoji descriptions (the
/// package's second lexicon) are not used: headlines seldom carry emoji. The quirks of
/// the original are kept on purpose (the "but" rule finds earlier valences by value),
/// so scores agree with the package (Tests/Fixtures/sentiment).
public enum Vader {
    public struct Scores: Sendable, Equatable {
        /// −1 .. 1, unrounded (the package rounds it to 4 decimals).
        public let compound: Double
        public let positive: Double
        public let negative: Double
        public let neutral: Double
    }

    static let increment = 0.293, decrement = -0.293, capitals = 0.733, negation = -0.74

    static let negations: Set<String> = [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't",
        "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't",
        "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor",
        "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't",
        "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom",
        "despite",
    ]

    static let boosters: [String: Double] = {
        let up = "absolutely amazingly awfully completely considerable considerably decidedly deeply effing enormous enormously entirely especially exceptional exceptionally extreme extremely fabulously flipping flippin frackin fracking fricking frickin frigging friggin fully fuckin fucking fuggin fugging greatly hella highly hugely incredible incredibly intensely major majorly more most particularly purely quite really remarkably so substantially thoroughly total totally tremendous tremendously uber unbelievably unusually utter utterly very"
        let down = "almost barely hardly kinda kindof kind-of less little marginal marginally occasional occasionally partly scarce scarcely slight slightly somewhat sorta sortof sort-of"
        var d: [String: Double] = [:]
        for w in up.split(separator: " ") { d[String(w)] = increment }
        for w in down.split(separator: " ") { d[String(w)] = decrement }
        for w in ["just enough", "kind of", "sort of"] { d[w] = decrement }
        return d
    }()

    static let specialCases: [String: Double] = [
        "the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0, "yeah right": -2, "kiss of death": -1.5,
        "to die for": 3, "beating heart": 3.5,
    ]

    static let punctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

    /// Python's str.isupper: some cased letter, none lowercase.
    static func isUpper(_ w: String) -> Bool { w.contains { $0.isCased } && !w.contains { $0.isLowercase } }

    static func negated(_ w: String) -> Bool { negations.contains(w) || w.contains("n't") }

    /// Whitespace-separated tokens, leading and trailing ASCII punctuation stripped unless
    /// that leaves two characters or fewer (an emoticon such as ":)").
    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map { t in
            let head = t.drop { punctuation.contains($0) }
            var end = head.endIndex
            while end > head.startIndex, punctuation.contains(head[head.index(before: end)]) { end = head.index(before: end) }
            let s = head[head.startIndex..<end]
            return s.unicodeScalars.count <= 2 ? String(t) : String(s)
        }
    }

    public static func score(_ text: String, lexicon: [String: Double] = VaderLexicon.valences) -> Scores {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = tokens(text)
        let lower = words.map { $0.lowercased() }
        let upperCount = words.filter(isUpper).count
        let capDiff = upperCount > 0 && upperCount < words.count
        var sentiments: [Double] = []
        for (i, item) in lower.enumerated() {
            if boosters[item] != nil || (i < lower.count - 1 && item == "kind" && lower[i + 1] == "of") {
                sentiments.append(0)
                continue
            }
            sentiments.append(valence(i, words, lower, capDiff, lexicon))
        }
        butCheck(lower, &sentiments)
        return scores(sentiments, text)
    }

    static func scalar(_ word: String, _ valence: Double, _ capDiff: Bool) -> Double {
        guard var s = boosters[word.lowercased()] else { return 0 }
        if valence < 0 { s = -s }
        if isUpper(word) && capDiff { s += valence > 0 ? capitals : -capitals }
        return s
    }

    static func valence(_ i: Int, _ words: [String], _ w: [String], _ capDiff: Bool, _ lexicon: [String: Double]) -> Double {
        guard let base = lexicon[w[i]] else { return 0 }
        var v = base
        if w[i] == "no", i != w.count - 1, lexicon[w[i + 1]] != nil { v = 0 }
        if (i > 0 && w[i - 1] == "no") || (i > 1 && w[i - 2] == "no") || (i > 2 && w[i - 3] == "no" && ["or", "nor"].contains(w[i - 1])) {
            v = base * negation
        }
        if isUpper(words[i]) && capDiff { v += v > 0 ? capitals : -capitals }
        for start in 0..<3 where i > start && lexicon[w[i - (start + 1)]] == nil {
            var s = scalar(words[i - (start + 1)], v, capDiff)
            if start == 1 && s != 0 { s *= 0.95 }
            if start == 2 && s != 0 { s *= 0.9 }
            v += s
            v = negationCheck(v, w, start, i)
            if start == 2 { v = idioms(v, w, i) }
        }
        // "least" before the word reverses it, unless "at least" or "very least".
        if i > 1 && lexicon[w[i - 1]] == nil && w[i - 1] == "least" {
            if w[i - 2] != "at" && w[i - 2] != "very" { v *= negation }
        } else if i > 0 && lexicon[w[i - 1]] == nil && w[i - 1] == "least" {
            v *= negation
        }
        return v
    }

    static func negationCheck(_ valence: Double, _ w: [String], _ start: Int, _ i: Int) -> Double {
        var v = valence
        switch start {
        case 0:
            if negated(w[i - 1]) { v *= negation }
        case 1:
            if w[i - 2] == "never" && (w[i - 1] == "so" || w[i - 1] == "this") {
                v *= 1.25
            } else if w[i - 2] == "without" && w[i - 1] == "doubt" {
            } else if negated(w[i - 2]) {
                v *= negation
            }
        default:
            if (w[i - 3] == "never" && (w[i - 2] == "so" || w[i - 2] == "this")) || (w[i - 1] == "so" || w[i - 1] == "this") {
                v *= 1.25
            } else if w[i - 3] == "without" && (w[i - 2] == "doubt" || w[i - 1] == "doubt") {
            } else if negated(w[i - 3]) {
                v *= negation
            }
        }
        return v
    }

    static func idioms(_ valence: Double, _ w: [String], _ i: Int) -> Double {
        var v = valence
        let oneZero = "\(w[i - 1]) \(w[i])", twoOneZero = "\(w[i - 2]) \(w[i - 1]) \(w[i])", twoOne = "\(w[i - 2]) \(w[i - 1])"
        let threeTwoOne = "\(w[i - 3]) \(w[i - 2]) \(w[i - 1])", threeTwo = "\(w[i - 3]) \(w[i - 2])"
        for seq in [oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo] {
            if let x = specialCases[seq] { v = x; break }
        }
        if w.count - 1 > i, let x = specialCases["\(w[i]) \(w[i + 1])"] { v = x }
        if w.count - 1 > i + 1, let x = specialCases["\(w[i]) \(w[i + 1]) \(w[i + 2])"] { v = x }
        for gram in [threeTwoOne, threeTwo, twoOne] { if let b = boosters[gram] { v += b } }
        return v
    }

    /// vaderSentiment's `_but_check` exactly: it walks the list as it rewrites it and finds
    /// each value's position by value (the first equal one), which a faithful port keeps.
    static func butCheck(_ w: [String], _ s: inout [Double]) {
        guard let bi = w.firstIndex(of: "but") else { return }
        for k in s.indices {
            let v = s[k]
            guard let si = s.firstIndex(of: v) else { continue }
            if si < bi { s[si] = v * 0.5 } else if si > bi { s[si] = v * 1.5 }
        }
    }

    static func scores(_ s: [Double], _ text: String) -> Scores {
        guard !s.isEmpty else { return Scores(compound: 0, positive: 0, negative: 0, neutral: 0) }
        let bangs = min(text.filter { $0 == "!" }.count, 4)
        let questions = text.filter { $0 == "?" }.count
        let emphasis = Double(bangs) * 0.292 + (questions > 1 ? (questions <= 3 ? Double(questions) * 0.18 : 0.96) : 0)
        var sum = s.reduce(0, +)
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        let compound = min(1, max(-1, sum / (sum * sum + 15).squareRoot()))
        var pos = 0.0, neg = 0.0, neu = 0.0
        for x in s {
            if x > 0 { pos += x + 1 }
            if x < 0 { neg += x - 1 }
            if x == 0 { neu += 1 }
        }
        if pos > abs(neg) { pos += emphasis } else if pos < abs(neg) { neg -= emphasis }
        let total = pos + abs(neg) + neu
        return Scores(compound: compound, positive: abs(pos / total), negative: abs(neg / total), neutral: abs(neu / total))
    }
}
