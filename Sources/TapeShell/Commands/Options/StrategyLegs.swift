import Foundation
import TapeCore

/// The text of `strategy legs "..."`, read into the legs of a custom strategy.
enum StrategyLegs {
    /// The legs of `strategy legs "..."`: comma- or semicolon-separated, each
    /// `QTY call|put STRIKE EXPIRY [@ PREMIUM]` or `QTY stock`, where QTY is signed (+1
    /// bought, -2 two sold) and EXPIRY a duration (`30d`, `8w`, `3m`, `1y`). A premium
    /// fixes what was paid; without one the leg enters at the model price.
    static func parse(_ text: String, span: Span) throws -> [StrategyLeg] {
        let pieces = text.split(whereSeparator: { $0 == "," || $0 == ";" })
        guard !pieces.isEmpty else { throw TapeError("legs is empty", span: span) }
        return try pieces.enumerated().map { i, piece in
            let leg = "leg \(i + 1) '\(piece.trimmingCharacters(in: .whitespaces))'"
            var words = piece.replacingOccurrences(of: "@", with: " @ ").split(separator: " ").map(String.init)
            var premium: Double?
            if let at = words.firstIndex(of: "@") {
                guard at == words.count - 2, let p = Double(words[at + 1]), p.isFinite else {
                    throw TapeError("\(leg): @ must be followed by the premium, last", span: span)
                }
                premium = p
                words.removeLast(2)
            }
            guard let first = words.first, let qty = Double(first), qty.isFinite, words.count >= 2 else {
                throw TapeError("\(leg): expected a signed quantity then call, put or stock", span: span)
            }
            // Bounds keep premiums and P&L finite: a million units, a century to expiry.
            guard abs(qty) <= 1e6 else { throw TapeError("\(leg): quantity must be at most a million units either way", span: span) }
            let kindWord = words[1].lowercased()
            if kindWord == "stock" {
                guard words.count == 2, premium == nil else { throw TapeError("\(leg): a stock leg is just QTY stock", span: span) }
                return StrategyLeg(.stock, quantity: qty)
            }
            guard let kind = StrategyLeg.Kind(rawValue: kindWord == "c" ? "call" : kindWord == "p" ? "put" : kindWord) else {
                throw TapeError("\(leg): expected call, put or stock, got '\(words[1])'", span: span)
            }
            guard words.count == 4, let strike = Double(words[2]), strike.isFinite else {
                throw TapeError("\(leg): expected QTY \(kindWord) STRIKE EXPIRY, e.g. +1 call 105 30d", span: span)
            }
            guard let unit = words[3].last.flatMap({ NumberUnit(rawValue: String($0)) }),
                  [.days, .weeks, .months, .years].contains(unit),
                  let count = Double(words[3].dropLast()), count.isFinite else {
                throw TapeError("\(leg): expiry '\(words[3])' must be a duration such as 30d, 8w, 3m or 1y", span: span)
            }
            let days = Value.days(count, unit)
            guard days <= 36_500 else { throw TapeError("\(leg): expiry must be at most 100 years", span: span) }
            return StrategyLeg(kind, strike: strike, quantity: qty, expiryDays: days, premium: premium)
        }
    }
}
