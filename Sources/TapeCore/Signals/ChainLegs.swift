import Foundation

/// Puts a modelled strategy on a loaded option chain: each leg moves to the quoted
/// expiry and strike nearest to it, paid at the quote's mid and valued at that quote's
/// own implied volatility, so the analysis prices what the market actually offers
/// (skew and bid-ask included) instead of one flat model volatility.
public enum ChainLegs {
    /// The chain expiry chosen for a horizon must lie within this share of the horizon
    /// (and at least `minimumSlackDays`): a 30-day view is not a 90-day option.
    public static let horizonSlack = 0.5, minimumSlackDays = 7.0

    /// `modelled` rebuilt on the quotes of `analysis`. `source` names the chain's file
    /// in errors; `lines` are the quotes' file lines (`OptionChain.lines`). Only quotes
    /// with an implied volatility count, and only those of the latest quote date.
    /// Throws a `CSVError` naming the file and a line when the chain lacks an expiry the
    /// structure needs or its strikes are too sparse for the structure's legs.
    public static func fit(_ modelled: OptionStrategy, horizonDays: Double, analysis: ChainAnalysis,
                           lines: [Int], source: String) throws -> OptionStrategy {
        let usable = usableRows(analysis)
        func line(_ i: Int) -> Int? { i < lines.count ? lines[i] : nil }
        guard let first = usable.first else {
            throw CSVError(source: source, line: nil, message: "no quote in the chain has an implied volatility to price a leg with")
        }
        let quoted = CivilTime.format(analysis.rows[first].quote.quoteDate)
        // First row of each expiry: what an error points at.
        var expiries: [(days: Double, expiration: Int64, index: Int)] = []
        for i in usable where !expiries.contains(where: { $0.expiration == analysis.rows[i].quote.expiration }) {
            expiries.append((Double(analysis.rows[i].quote.days), analysis.rows[i].quote.expiration, i))
        }
        expiries.sort { $0.days < $1.days }
        let listed = expiries.map { "\(Format.number($0.days))d" }.joined(separator: ", ")
        guard let near = expiries.min(by: { abs($0.days - horizonDays) < abs($1.days - horizonDays) }) else {
            throw CSVError(source: source, line: nil, message: "the chain has no expiry")
        }
        if abs(near.days - horizonDays) > max(minimumSlackDays, horizonSlack * horizonDays) {
            throw CSVError(source: source, line: line(near.index),
                           message: "no expiry near horizon \(Format.number(horizonDays))d: the chain quoted \(quoted) lists \(listed) "
                               + "(nearest \(CivilTime.format(near.expiration)), \(Format.number(near.days))d)")
        }
        // A second expiry (calendars, diagonals): the one nearest the modelled far leg, after the near one.
        let modelledNear = modelled.firstExpiryDays
        var farChoice: (days: Double, expiration: Int64, index: Int)?
        if let far = modelled.legs.filter({ $0.kind != .stock && $0.expiryDays > modelledNear }).map(\.expiryDays).max() {
            let later = expiries.filter { $0.days > near.days }
            let target = near.days * far / modelledNear
            guard let pick = later.min(by: { abs($0.days - target) < abs($1.days - target) }) else {
                let last = expiries.last ?? near
                throw CSVError(source: source, line: line(last.index),
                               message: "\(modelled.name) needs a second expiry after \(CivilTime.format(near.expiration)) "
                                   + "(\(Format.number(near.days))d); the chain quoted \(quoted) lists \(listed)")
            }
            farChoice = pick
        }
        var legs: [StrategyLeg] = []
        for leg in modelled.legs {
            guard let type = leg.optionType else {
                legs.append(leg)
                continue
            }
            let expiry = leg.expiryDays > modelledNear ? (farChoice ?? near) : near
            let candidates = usable.filter {
                analysis.rows[$0].quote.expiration == expiry.expiration && analysis.rows[$0].quote.type == type
            }
            guard let best = candidates.min(by: {
                let a = abs(analysis.rows[$0].quote.strike - leg.strike), b = abs(analysis.rows[$1].quote.strike - leg.strike)
                return a != b ? a < b : analysis.rows[$0].quote.strike < analysis.rows[$1].quote.strike
            }) else {
                throw CSVError(source: source, line: line(expiry.index),
                               message: "the chain has no \(type) with an implied volatility expiring \(CivilTime.format(expiry.expiration))")
            }
            let row = analysis.rows[best]
            legs.append(StrategyLeg(leg.kind, strike: row.quote.strike, quantity: leg.quantity, expiryDays: Double(row.quote.days),
                                    premium: row.mid, vol: row.iv))
        }
        // Distinct modelled strikes must stay distinct, or a spread silently becomes a naked leg.
        let pairs = zip(modelled.legs, legs).filter { $0.0.kind != .stock }
        for (a, b) in pairs {
            for (c, d) in pairs where a.strike < c.strike && !(b.strike < d.strike) {
                throw CSVError(source: source, line: line(near.index),
                               message: "the chain's strikes are too sparse for \(modelled.name): legs at \(Format.number(a.strike)) "
                                   + "and \(Format.number(c.strike)) both fall on \(Format.number(b.strike))")
            }
        }
        return try OptionStrategy(name: modelled.name, legs: legs)
    }

    /// Indices of rows with an implied volatility, a positive time to expiry and the
    /// chain's latest quote date (a file holding several days prices from the last).
    static func usableRows(_ analysis: ChainAnalysis) -> [Int] {
        guard let latest = analysis.rows.map({ CivilTime.day($0.quote.quoteDate) }).max() else { return [] }
        return analysis.rows.indices.filter {
            let r = analysis.rows[$0]
            return r.iv.isFinite && r.iv > 0 && r.years > 0 && r.mid > 0 && CivilTime.day(r.quote.quoteDate) == latest
        }
    }
}
