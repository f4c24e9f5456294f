import Foundation

/// Barone-Adesi and Whaley's (1987) quadratic approximation of an American option,
/// computed step for step as QuantLib's `BaroneAdesiWhaleyApproximationEngine` does
/// (seed for the critical price, then its fixed-point/Newton iteration to 1e-6 of the
/// strike), so that the two agree to rounding rather than to the iteration tolerance.
public enum BaroneAdesiWhaley {
    public static func price(_ type: OptionType, spot: Double, strike: Double, years: Double, rate: Double,
                             dividendYield: Double = 0, vol: Double, tolerance: Double = 1e-6) throws -> Double {
        try BlackScholes.validate(spot: spot, strike: strike, years: years, rate: rate,
                                  dividendYield: dividendYield, vol: vol)
        let riskFreeDiscount = exp(-rate * years)
        let dividendDiscount = exp(-dividendYield * years)
        let variance = vol * vol * years
        let stdDev = variance.squareRoot()
        let forward = spot * dividendDiscount / riskFreeDiscount
        let european = BlackScholes.blackPrice(type, forward: forward, strike: strike, stdDev: stdDev,
                                               discount: riskFreeDiscount)
        // QuantLib's rules (1.44): early exercise cannot pay for a call when q ≤ 0 and q ≤ r,
        // nor for a put when r ≤ 0 and r ≤ q; the European value is the answer there. Any
        // other case at a negative rate has no critical price, and QuantLib refuses it.
        if type == .call && dividendDiscount >= 1 && dividendDiscount >= riskFreeDiscount { return european }
        if type == .put && riskFreeDiscount >= 1 && riskFreeDiscount >= dividendDiscount { return european }
        guard riskFreeDiscount <= 1 else {
            throw OptionError.invalidInput(
                "Barone-Adesi-Whaley is not applicable at a negative rate when early exercise can pay (rate \(rate), dividend yield \(dividendYield)); QuantLib refuses it too: use engine crr or bjs")
        }

        let sk = try criticalPrice(type, strike: strike, riskFreeDiscount: riskFreeDiscount,
                                   dividendDiscount: dividendDiscount, variance: variance, tolerance: tolerance)
        let forwardSk = sk * dividendDiscount / riskFreeDiscount
        let d1 = (log(forwardSk / strike) + 0.5 * variance) / stdDev
        let n = 2 * log(dividendDiscount / riskFreeDiscount) / variance
        let k = kFactor(riskFreeDiscount: riskFreeDiscount, variance: variance)
        switch type {
        case .call:
            let qq = (-(n - 1) + ((n - 1) * (n - 1) + 4 * k).squareRoot()) / 2
            let a = (sk / qq) * (1 - dividendDiscount * Normal.cdf(d1))
            return spot < sk ? european + a * pow(spot / sk, qq) : spot - strike
        case .put:
            let qq = (-(n - 1) - ((n - 1) * (n - 1) + 4 * k).squareRoot()) / 2
            let a = -(sk / qq) * (1 - dividendDiscount * Normal.cdf(-d1))
            return spot > sk ? european + a * pow(spot / sk, qq) : strike - spot
        }
    }

    /// M/K of the paper, (2r/σ²)/(1 − e^{−rT}), written with the discount factor; its limit
    /// as r → 0 is 2/(σ²T).
    private static func kFactor(riskFreeDiscount: Double, variance: Double) -> Double {
        let nearOne = abs(riskFreeDiscount - 1) <= 1000 * Double.ulpOfOne * max(1, riskFreeDiscount)
        return nearOne ? 2 / variance : -2 * log(riskFreeDiscount) / (variance * (1 - riskFreeDiscount))
    }

    /// The spot S* beyond which immediate exercise is optimal: solves
    /// S* − K = c(S*) + (1 − e^{−qT}N(d1(S*)))·S*/Q (calls; mirrored for puts).
    static func criticalPrice(_ type: OptionType, strike: Double, riskFreeDiscount: Double, dividendDiscount: Double,
                              variance: Double, tolerance: Double) throws -> Double {
        let n = 2 * log(dividendDiscount / riskFreeDiscount) / variance
        let m = -2 * log(riskFreeDiscount) / variance
        let bT = log(dividendDiscount / riskFreeDiscount)
        let stdDev = variance.squareRoot()
        let w = type.sign
        // Seed: the perpetual boundary Su blended towards K (Barone-Adesi & Whaley, eq. 26-27).
        let qu = (-(n - 1) + w * ((n - 1) * (n - 1) + 4 * m).squareRoot()) / 2
        let su = strike / (1 - 1 / qu)
        var si: Double
        switch type {
        case .call:
            let h = -(bT + 2 * stdDev) * strike / (su - strike)
            si = strike + (su - strike) * (1 - exp(h))
        case .put:
            let h = (bT - 2 * stdDev) * strike / (strike - su)
            si = su + (strike - su) * exp(h)
        }
        let k = kFactor(riskFreeDiscount: riskFreeDiscount, variance: variance)
        let qq = (-(n - 1) + w * ((n - 1) * (n - 1) + 4 * k).squareRoot()) / 2

        // One evaluation of both sides of the boundary equation and the slope of its right side.
        func evaluate(_ s: Double) throws -> (lhs: Double, rhs: Double, slope: Double) {
            guard s > 0, s.isFinite else {
                throw OptionError.invalidInput(
                    "the Barone-Adesi-Whaley critical price did not converge (reached \(s)) for these inputs")
            }
            let forwardSi = s * dividendDiscount / riskFreeDiscount
            let d1 = (log(forwardSi / strike) + 0.5 * variance) / stdDev
            let european = BlackScholes.blackPrice(type, forward: forwardSi, strike: strike, stdDev: stdDev,
                                                   discount: riskFreeDiscount)
            switch type {
            case .call:
                let nd1 = Normal.cdf(d1)
                return (s - strike, european + (1 - dividendDiscount * nd1) * s / qq,
                        dividendDiscount * nd1 * (1 - 1 / qq) + (1 - dividendDiscount * Normal.pdf(d1) / stdDev) / qq)
            case .put:
                let nd1 = Normal.cdf(-d1)
                return (strike - s, european - (1 - dividendDiscount * nd1) * s / qq,
                        -dividendDiscount * nd1 * (1 - 1 / qq) - (1 + dividendDiscount * Normal.pdf(-d1) / stdDev) / qq)
            }
        }
        var (lhs, rhs, bi) = try evaluate(si)
        var iterations = 0
        while abs(lhs - rhs) / strike > tolerance {
            iterations += 1
            guard iterations <= 1000 else {
                throw OptionError.invalidInput("the Barone-Adesi-Whaley critical price did not converge in 1000 steps")
            }
            si = type == .call ? (strike + rhs - bi * si) / (1 - bi) : (strike - rhs + bi * si) / (1 + bi)
            (lhs, rhs, bi) = try evaluate(si)
        }
        return si
    }
}
