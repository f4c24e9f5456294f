import Foundation

/// Why a chain row's implied volatility is missing or suspect.
public enum ChainNote: String, Equatable, Sendable {
    case zeroBid = "zero bid"
    case crossedQuote = "crossed quote (bid > ask)"
    case noQuote = "no ask"
    case expired = "expired (no time left)"
    case badStrike = "strike not positive"
    case belowIntrinsic = "mid below intrinsic value"
    case aboveMaximum = "mid above no-arbitrage maximum"
}

/// One quote with its mid price, time to expiry and implied volatility (NaN when none).
public struct ChainRow: Sendable {
    public var quote: ChainQuote
    public var mid: Double
    /// Calendar days / 365.
    public var years: Double
    public var iv: Double
    public var notes: [ChainNote]
}

/// One point of a smile: a strike's implied volatilities. `otm` is the out-of-the-money
/// side's (put below the forward, call at or above), the usual smile convention because
/// out-of-the-money quotes are the liquid ones.
public struct SmilePoint: Sendable {
    public var strike: Double
    /// ln(K/F).
    public var logMoneyness: Double
    public var callIV: Double
    public var putIV: Double
    public var otm: Double
}

public struct Smile: Sendable {
    public var expiration: Int64
    public var years: Double
    public var forward: Double
    public var points: [SmilePoint]
    /// The out-of-the-money smile interpolated linearly in strike at the forward; NaN when
    /// the forward lies outside the quoted strikes (no extrapolation).
    public var atmVol: Double
}

/// A strike where the quotes violate European put-call parity C − P = S·e^{−qT} − K·e^{−rT}
/// by more than the spreads allow: `excess` > 0 is the arbitrage left after crossing both
/// spreads. (American-style options may legitimately show such gaps.)
public struct ParityViolation: Equatable, Sendable {
    public var expiration: Int64
    public var strike: Double
    /// Parity value S·e^{−qT} − K·e^{−rT}.
    public var parity: Double
    /// Best executable C − P: call bid − put ask (sell synthetic) or call ask − put bid (buy).
    public var syntheticBid: Double
    public var syntheticAsk: Double
    public var excess: Double
}

public struct ChainAnalysis: Sendable {
    public var rows: [ChainRow]
    /// One smile per expiration, ascending.
    public var smiles: [Smile]
    public var parityViolations: [ParityViolation]

    /// ATM volatility term structure: (expiration, years, atm vol) where defined.
    public var termStructure: [(expiration: Int64, years: Double, vol: Double)] {
        smiles.filter { !$0.atmVol.isNaN }.map { ($0.expiration, $0.years, $0.atmVol) }
    }
}

extension OptionChain {
    /// Mid-price implied volatility of every row (Let's Be Rational, European BSM), smiles,
    /// ATM term structure and parity violations, for one spot and flat rates.
    /// - Parameter parityTolerance: violations smaller than this (currency) are ignored.
    public func analyze(spot: Double, rate: Double, dividendYield: Double = 0,
                        parityTolerance: Double = 0.01) throws -> ChainAnalysis {
        try Check.positive(spot, "spot")
        try Check.finite(rate, "rate")
        try Check.finite(dividendYield, "dividend yield")
        try Check.nonNegative(parityTolerance, "parity tolerance")
        let rows = quotes.map { row($0, spot: spot, rate: rate, q: dividendYield) }
        var smiles: [Smile] = []
        var violations: [ParityViolation] = []
        // Rows by expiration, then by (strike, type): one pass, no quadratic searches.
        var byExpiry: [Int64: [ChainRow]] = [:]
        for r in rows where r.years > 0 { byExpiry[r.quote.expiration, default: []].append(r) }
        for expiration in byExpiry.keys.sorted() {
            guard let group = byExpiry[expiration], let years = group.first?.years else { continue }
            let forward = spot * exp((rate - dividendYield) * years)
            var calls: [Double: ChainRow] = [:], puts: [Double: ChainRow] = [:]
            for r in group {
                switch r.quote.type {
                case .call: if calls[r.quote.strike] == nil { calls[r.quote.strike] = r }
                case .put: if puts[r.quote.strike] == nil { puts[r.quote.strike] = r }
                }
            }
            var points: [SmilePoint] = []
            for strike in Set(group.map(\.quote.strike)).sorted() where strike > 0 {
                let call = calls[strike], put = puts[strike]
                let callIV = call?.iv ?? .nan, putIV = put?.iv ?? .nan
                points.append(SmilePoint(strike: strike, logMoneyness: log(strike / forward), callIV: callIV,
                                         putIV: putIV, otm: strike < forward ? putIV : callIV))
                if let c = call, let p = put, let v = parityViolation(c.quote, p.quote, spot: spot, rate: rate,
                                                                      q: dividendYield, years: years,
                                                                      tolerance: parityTolerance) {
                    violations.append(v)
                }
            }
            smiles.append(Smile(expiration: expiration, years: years, forward: forward, points: points,
                                atmVol: interpolate(points, at: forward)))
        }
        return ChainAnalysis(rows: rows, smiles: smiles, parityViolations: violations)
    }

    private func row(_ quote: ChainQuote, spot: Double, rate: Double, q: Double) -> ChainRow {
        let years = Double(quote.days) / 365
        let mid = 0.5 * (quote.bid + quote.ask)
        var notes: [ChainNote] = []
        if quote.bid == 0 { notes.append(.zeroBid) }
        if quote.bid > quote.ask { notes.append(.crossedQuote) }
        if quote.ask <= 0 { notes.append(.noQuote) }
        if years <= 0 { notes.append(.expired) }
        if quote.strike <= 0 { notes.append(.badStrike) }
        var iv = Double.nan
        if !notes.contains(where: { [.crossedQuote, .noQuote, .expired, .badStrike].contains($0) }) {
            do {
                iv = try ImpliedVolatility.bsm(price: mid, type: quote.type, spot: spot, strike: quote.strike,
                                               years: years, rate: rate, dividendYield: q)
            } catch OptionError.priceBelowIntrinsic {
                notes.append(.belowIntrinsic)
            } catch OptionError.priceAboveMaximum {
                notes.append(.aboveMaximum)
            } catch {
                // Inputs were checked above; any other refusal leaves the IV missing.
            }
        }
        return ChainRow(quote: quote, mid: mid, years: years, iv: iv, notes: notes)
    }

    private func parityViolation(_ call: ChainQuote, _ put: ChainQuote, spot: Double, rate: Double, q: Double,
                                 years: Double, tolerance: Double) -> ParityViolation? {
        guard call.bid <= call.ask, put.bid <= put.ask, call.ask > 0, put.ask > 0 else { return nil }
        let parity = spot * exp(-q * years) - call.strike * exp(-rate * years)
        let syntheticBid = call.bid - put.ask
        let syntheticAsk = call.ask - put.bid
        let excess = max(syntheticBid - parity, parity - syntheticAsk)
        guard excess > tolerance else { return nil }
        return ParityViolation(expiration: call.expiration, strike: call.strike, parity: parity,
                               syntheticBid: syntheticBid, syntheticAsk: syntheticAsk, excess: excess)
    }

    /// Linear interpolation in strike of the out-of-the-money vols with a value, at `x`.
    private func interpolate(_ points: [SmilePoint], at x: Double) -> Double {
        let known = points.filter { !$0.otm.isNaN }
        guard let hi = known.firstIndex(where: { $0.strike >= x }) else { return .nan }
        if known[hi].strike == x { return known[hi].otm }
        guard hi > 0 else { return .nan }
        let a = known[hi - 1], b = known[hi]
        return a.otm + (b.otm - a.otm) * (x - a.strike) / (b.strike - a.strike)
    }
}
