import Foundation

/// IV rank and IV percentile from a symbol's history of at-the-money implied volatility,
/// one figure per quote date at a constant maturity (what `chain save` stores), so that
/// `suggest` can judge options dear or cheap by their own past rather than by realised
/// volatility.
public enum ImpliedVolHistory {
    /// The maturity every stored figure is interpolated to: the horizon `suggest` uses by default.
    public static let days = 30.0
    /// Fewer quote dates than this in the last year give no rank (the realised figures stand in).
    public static let minimumDates = 10

    /// ATM volatility at `days` to expiry from a term structure (years, vol): linear in total
    /// variance σ²t between the expiries either side, the nearest expiry's vol outside them.
    public static func constantMaturity(_ term: [(years: Double, vol: Double)], days: Double = days) -> Double? {
        let points = term.filter { $0.years > 0 && $0.vol.isFinite && $0.vol > 0 }.sorted { $0.years < $1.years }
        guard let first = points.first, let last = points.last, days > 0 else { return nil }
        let t = days / 365
        if t <= first.years { return first.vol }
        if t >= last.years { return last.vol }
        for (a, b) in zip(points, points.dropFirst()) where a.years <= t && t <= b.years {
            let w = (t - a.years) / (b.years - a.years)
            let variance = (1 - w) * a.vol * a.vol * a.years + w * b.vol * b.vol * b.years
            return (variance / t).squareRoot()
        }
        return nil
    }

    public struct Rank: Sendable, Equatable {
        /// The latest figure and its quote date (CivilTime day start).
        public let current: Double
        public let date: Int64
        /// Where `current` sits between the year's lowest and highest (0 .. 1).
        public let rank: Double
        /// Share of the year's figures below `current` (0 .. 1).
        public let percentile: Double
        /// Quote dates in the year, and the first of them.
        public let count: Int
        public let since: Int64
    }

    /// Rank and percentile of the latest figure among those of the 365 days up to it
    /// (itself included, as the realised-volatility figures count it); nil with fewer
    /// than `minimumDates` dates or no finite figure.
    public static func rank(_ history: [(date: Int64, vol: Double)]) -> Rank? {
        let points = history.filter { $0.vol.isFinite && $0.vol > 0 }.sorted { $0.date < $1.date }
        guard let latest = points.last else { return nil }
        let year = points.filter { CivilTime.day(latest.date) - CivilTime.day($0.date) < 365 }
        guard year.count >= minimumDates, let since = year.first?.date else { return nil }
        let vols = year.map(\.vol)
        let lo = vols.min() ?? latest.vol, hi = vols.max() ?? latest.vol
        return Rank(current: latest.vol, date: latest.date, rank: hi > lo ? (latest.vol - lo) / (hi - lo) : 0.5,
                    percentile: Double(vols.filter { $0 < latest.vol }.count) / Double(vols.count), count: year.count, since: since)
    }
}
