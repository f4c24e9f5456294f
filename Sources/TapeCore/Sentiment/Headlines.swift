import Foundation

/// One scored headline.
public struct Headline: Sendable, Equatable {
    /// Naive seconds since 1970 (a date alone is midnight).
    public let time: Int64
    public let symbol: String
    public let text: String
    /// VADER's compound score, −1 .. 1.
    public let score: Double
}

/// Headlines read from a CSV file (columns time, symbol, headline, in any order; `date`
/// is taken for `time`) or JSON lines (one object per line with the same keys), each
/// scored with VADER. Bad input is a `CSVError` naming the source and the line.
public enum Headlines {
    public static let columns = ["time", "symbol", "headline"]

    public static func parse(text: String, source: String) throws -> [Headline] {
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        return trimmed.first == "{" ? try jsonLines(text, source) : try csv(text, source)
    }

    static func csv(_ text: String, _ source: String) throws -> [Headline] {
        let t = try CSVTable.records(text: text, source: source)
        let header = t.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ names: [String]) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
        let unknown = header.filter { !(columns + ["date"]).contains($0) && !$0.isEmpty }
        guard let ti = column(["time", "date"]), let si = column(["symbol"]), let hi = column(["headline"]) else {
            let missing = ["time", "symbol", "headline"].filter { column($0 == "time" ? ["time", "date"] : [$0]) == nil }
            throw CSVError(source: source, line: 1, message: "missing column \(missing.joined(separator: ", ")) (found: \(header.joined(separator: ", ")); a news file has time, symbol, headline)")
        }
        guard unknown.isEmpty else {
            throw CSVError(source: source, line: 1, message: "unknown column \(unknown.joined(separator: ", ")) (a news file has time, symbol, headline)")
        }
        return try t.rows.map { r in
            guard r.fields.count > max(ti, si, hi) else {
                throw CSVError(source: source, line: r.line, message: "row has \(r.fields.count) fields, header has \(header.count)")
            }
            return try headline(r.fields[ti], r.fields[si], r.fields[hi], line: r.line, source)
        }
    }

    static func jsonLines(_ text: String, _ source: String) throws -> [Headline] {
        var out: [Headline] = []
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let l = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if l.isEmpty { continue }
            guard let obj = (try? JSONSerialization.jsonObject(with: Data(l.utf8))) as? [String: Any] else {
                throw CSVError(source: source, line: k + 1, message: "not a JSON object")
            }
            let keys = Set(obj.keys.map { $0.lowercased() })
            let unknown = keys.subtracting(columns + ["date"]).sorted()
            guard unknown.isEmpty else {
                throw CSVError(source: source, line: k + 1, message: "unknown key \(unknown.joined(separator: ", ")) (a news line has time, symbol, headline)")
            }
            func text(_ names: [String]) -> String? {
                for (key, v) in obj where names.contains(key.lowercased()) { return v as? String }
                return nil
            }
            guard let t = text(["time", "date"]), let s = text(["symbol"]), let h = text(["headline"]) else {
                throw CSVError(source: source, line: k + 1, message: "needs time, symbol and headline as strings")
            }
            out.append(try headline(t, s, h, line: k + 1, source))
        }
        guard !out.isEmpty else { throw CSVError(source: source, line: nil, message: "empty file") }
        return out
    }

    static func headline(_ time: String, _ symbol: String, _ text: String, line: Int, _ source: String) throws -> Headline {
        let t = time.trimmingCharacters(in: .whitespaces)
        guard let when = CivilTime.parse(Substring(t)) else {
            throw CSVError(source: source, line: line, message: "bad time '\(t)' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])")
        }
        return Headline(time: when, symbol: symbol.trimmingCharacters(in: .whitespaces), text: text, score: Vader.score(text).compound)
    }

    /// The mean score of the headlines of each bar's calendar day (0 on a day without
    /// any): the day's headlines are taken as known by that day's close.
    public static func daily(_ headlines: [Headline], on time: [Int64]) -> [Double] {
        var byDay: [Int64: (sum: Double, n: Int)] = [:]
        for h in headlines {
            let d = CivilTime.day(h.time)
            byDay[d, default: (0, 0)].sum += h.score
            byDay[d, default: (0, 0)].n += 1
        }
        return time.map { t in byDay[CivilTime.day(t)].map { $0.sum / Double($0.n) } ?? 0 }
    }
}

/// The average path of prices after positive and after negative news days, with 95%
/// confidence bands: does the score carry information about what follows?
public struct EventStudy: Sendable {
    public struct Path: Sendable {
        /// Offsets in bars from the event day (0 is the day of the news).
        public let offsets: [Int]
        /// Mean of close[d + k] / close[d − 1] − 1 over the events, per offset.
        public let mean: [Double]
        /// Half-width of the 95% band: 1.96 × standard deviation / √events.
        public let band: [Double]
        public let events: Int
    }

    public let positive: Path
    public let negative: Path
    /// News days too near either end of the data for the window, left out.
    public let dropped: Int

    /// `score` is the daily series on `close`'s bars (0 = no news); a day is an event when
    /// its score is at least `threshold` (positive) or at most −`threshold` (negative).
    public static func run(close: [Double], score: [Double], window: ClosedRange<Int>, threshold: Double) -> EventStudy {
        var pos: [[Double]] = [], neg: [[Double]] = [], dropped = 0
        for d in score.indices where score[d] != 0 && abs(score[d]) >= threshold {
            guard d - 1 + min(window.lowerBound, 0) >= 0, d + window.upperBound < close.count, close[d - 1] > 0 else {
                dropped += 1
                continue
            }
            let base = close[d - 1]
            let path = window.map { close[d + $0] / base - 1 }
            guard path.allSatisfy(\.isFinite) else { dropped += 1; continue }
            if score[d] > 0 { pos.append(path) } else { neg.append(path) }
        }
        return EventStudy(positive: summarise(pos, window), negative: summarise(neg, window), dropped: dropped)
    }

    static func summarise(_ paths: [[Double]], _ window: ClosedRange<Int>) -> Path {
        let offsets = Array(window)
        let n = paths.count
        var mean = [Double](repeating: .nan, count: offsets.count), band = mean
        for k in offsets.indices where n > 0 {
            let xs = paths.map { $0[k] }
            let m = xs.reduce(0, +) / Double(n)
            mean[k] = m
            if n > 1 {
                let sd = (xs.reduce(0.0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
                band[k] = 1.96 * sd / Double(n).squareRoot()
            }
        }
        return Path(offsets: offsets, mean: mean, band: band, events: n)
    }
}
