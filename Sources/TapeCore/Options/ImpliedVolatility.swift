import Foundation

/// Implied volatility by Peter Jäckel's "Let's Be Rational" (Wilmott 2016, pp. 40-53),
/// following the structure of his MIT-licensed reference implementation.
///
/// Every price is mapped to the normalised Black form β = b(x, s), x = ln(F/K), s = σ√T,
/// out of the money (in-the-money options lose their intrinsic value and become the other
/// type). The s-axis is split in four at s_l < s_c = √(2|x|) < s_h. In each segment a
/// rational cubic (Delbourgo-Gregory) interpolation of a transformed function gives an
/// initial guess that is already accurate to a few digits; then at most two Householder
/// steps of order 3 on a segment-specific objective reach full double precision:
///   lowest segment  g(s) = 1/ln b(s) − 1/ln β       (b spans hundreds of decades);
///   middle segments g(s) = b(s) − β;
///   upper segment   g(s) = ln(b_max − β) − ln(b_max − b(s))   (b close to b_max = e^{x/2}).
public enum ImpliedVolatility {
    /// Two steps suffice (Jäckel's `implied_volatility_maximum_iterations`).
    static let maximumIterations = 2

    /// Black-Scholes-Merton implied volatility of a European option.
    ///
    /// Mirrors vollib's conversion exactly (undiscounted price = price / e^{−rT},
    /// F = S·e^{(r−q)T}) so results agree with it to the last digits.
    /// A price equal to the intrinsic value in floating point (or a few ulps below it, by
    /// rounding) has no time value left to measure: the answer is a volatility that
    /// reprices it exactly (see `black`). Throws `priceBelowIntrinsic` / `priceAboveMaximum` with the
    /// bounds in the caller's (discounted) units.
    public static func bsm(price: Double, type: OptionType, spot: Double, strike: Double, years: Double,
                           rate: Double, dividendYield: Double = 0) throws -> Double {
        try Check.finite(price, "option price")
        try Check.contract(underlying: spot, "spot", strike: strike, years: years, rate: rate)
        try Check.finite(dividendYield, "dividend yield")
        let deflater = exp(-rate * years)
        let forward = spot * exp((rate - dividendYield) * years)
        return try black(undiscountedPrice: price / deflater, discountedPrice: price, deflater: deflater,
                         type: type, forward: forward, strike: strike, years: years,
                         callMaximum: { spot * exp(-dividendYield * years) })
    }

    /// Black-76 implied volatility of an option on a future/forward `forward`,
    /// discounted at `rate`.
    public static func black76(price: Double, type: OptionType, forward: Double, strike: Double,
                               years: Double, rate: Double) throws -> Double {
        try Check.finite(price, "option price")
        try Check.contract(underlying: forward, "forward", strike: strike, years: years, rate: rate)
        let deflater = exp(-rate * years)
        return try black(undiscountedPrice: price / deflater, discountedPrice: price, deflater: deflater,
                         type: type, forward: forward, strike: strike, years: years,
                         callMaximum: { forward * deflater })
    }

    private static func black(undiscountedPrice: Double, discountedPrice: Double, deflater: Double,
                              type: OptionType, forward f: Double, strike k: Double, years: Double,
                              callMaximum: () -> Double) throws -> Double {
        let q = type.sign
        let intrinsic = abs(max(q < 0 ? k - f : f - k, 0))
        // F − K and price/D each carry a rounding of up to an ulp of max(F, K): a price that
        // many ulps below the intrinsic value is the intrinsic value, not an arbitrage.
        let slack = 4 * max(f, k).ulp
        if undiscountedPrice < intrinsic - slack {
            throw OptionError.priceBelowIntrinsic(price: discountedPrice, intrinsic: intrinsic * deflater)
        }
        let maximum = q < 0 ? k : f
        if undiscountedPrice >= maximum {
            throw OptionError.priceAboveMaximum(price: discountedPrice, maximum: q < 0 ? k * deflater : callMaximum())
        }
        let x = log(f / k)
        var price = undiscountedPrice
        var qq = q
        if qq * x > 0 {   // in the money: keep only the time value, as the other option type
            price = abs(max(price - intrinsic, 0))
            qq = -qq
        }
        let scale = f.squareRoot() * k.squareRoot()
        if price <= 0 && undiscountedPrice > 0 && x != 0 {
            // No time value left in doubles: every volatility whose time value is under half
            // an ulp of the price reprices it. Answer the one whose time value is a quarter
            // ulp (never 0, which `price` rejects), so price → vol → price is exact.
            let beta = max(0.25 * undiscountedPrice.ulp / scale, Double.leastNormalMagnitude)
            let s = try normalisedVolatility(beta: beta, x: -abs(x), q: 1)
            return s / years.squareRoot()
        }
        let s = try normalisedVolatility(beta: price / scale, x: x, q: qq)
        return s / years.squareRoot()
    }

    /// s = σ√T with b(x, s) = β for an out-of-the-money normalised price (q·x ≤ 0).
    static func normalisedVolatility(beta betaIn: Double, x xIn: Double, q qIn: Double) throws -> Double {
        var beta = betaIn, x = xIn, q = qIn
        if q * x > 0 {
            beta = abs(max(beta - NormalisedBlack.intrinsic(x: x, q: q), 0))
            q = -q
        }
        if q < 0 { x = -x; q = -q }      // a put is a call at the reciprocal strike: x → −x
        // No time value (or a subnormal one, which cannot be inverted to full precision).
        if beta <= 0 { return 0 }
        let bMax = exp(0.5 * x)
        if beta >= bMax {
            throw OptionError.priceAboveMaximum(price: betaIn, maximum: bMax)
        }
        var solver = Solver(beta: beta, x: x, bMax: bMax)
        return solver.solve()
    }

    /// One inversion: the initial guess from the four-branch rational interpolation, then
    /// Householder(3) steps with a bracket [sLeft, sRight] and bisection as the safety net
    /// (only reached for extreme |x| > 500 in Jäckel's tests).
    private struct Solver {
        let beta: Double
        let lnBeta: Double
        let x: Double
        let bMax: Double
        var s = -Double.greatestFiniteMagnitude
        var ds = -Double.greatestFiniteMagnitude
        var dsPrevious = 0.0
        var sLeft = Double.leastNormalMagnitude
        var sRight = Double.greatestFiniteMagnitude
        var iterations = 0
        var reversals = 0

        init(beta: Double, x: Double, bMax: Double) {
            self.beta = beta; self.lnBeta = log(beta); self.x = x; self.bMax = bMax
        }

        private enum Objective { case lower, middle, upper }

        mutating func solve() -> Double {
            let objective = initialGuess()
            ds = s
            while iterations < ImpliedVolatility.maximumIterations && abs(ds) > Double.ulpOfOne * s {
                if ds * dsPrevious < 0 { reversals += 1 }
                if iterations > 0 && (reversals == 3 || !(s > sLeft && s < sRight)) {
                    // Looping or stepping out of the bracket: bisect instead.
                    s = 0.5 * (sLeft + sRight)
                    if sRight - sLeft <= Double.ulpOfOne * s { break }
                    reversals = 0
                    ds = 0
                }
                dsPrevious = ds
                let (b, bp) = NormalisedBlack.callAndVega(x: x, s: s)
                if b > beta && s < sRight {
                    sRight = s
                } else if b < beta && s > sLeft {
                    sLeft = s
                }
                ds = step(objective, b: b, bp: bp)
                ds = max(-0.5 * s, ds)
                s += ds
                iterations += 1
            }
            return s
        }

        /// s_{n+1} − s_n for Householder(3): with ν = −g/g', h₂ = g''/g', h₃ = g'''/g',
        /// ν·(1 + h₂ν/2)/(1 + ν(h₂ + h₃ν/6)). b''/b' = x²/s³ − s/4 and
        /// b'''/b' = (b''/b')² − 3(x/s²)² − 1/4 are closed forms of the normalised Black.
        private func step(_ objective: Objective, b: Double, bp: Double) -> Double {
            let bHalley = (x / s) * (x / s) / s - s / 4
            let bHH3 = bHalley * bHalley - 3 * (x / (s * s)) * (x / (s * s)) - 0.25
            let newton: Double, halley: Double, hh3: Double
            switch objective {
            case .lower:
                if b <= 0 || bp <= 0 { return 0.5 * (sLeft + sRight) - s }   // underflow: bisect
                let lnB = log(b)
                let bpob = bp / b
                newton = (lnBeta - lnB) * lnB / lnBeta / bpob
                halley = bHalley - bpob * (1 + 2 / lnB)
                hh3 = bHH3 + 2 * bpob * bpob * (1 + 3 / lnB * (1 + 1 / lnB)) - 3 * bHalley * bpob * (1 + 2 / lnB)
            case .upper:
                if b >= bMax || bp <= Double.leastNormalMagnitude { return 0.5 * (sLeft + sRight) - s }
                let bMaxMinusB = bMax - b
                let g = log((bMax - beta) / bMaxMinusB)
                let gp = bp / bMaxMinusB
                newton = -g / gp
                halley = bHalley + gp
                hh3 = bHH3 + gp * (2 * gp + 3 * bHalley)
            case .middle:
                newton = (beta - b) / bp
                halley = bHalley
                hh3 = bHH3
            }
            return newton * (1 + 0.5 * halley * newton) / (1 + newton * (halley + hh3 * newton / 6))
        }

        /// Sets `s` (and the bracket) from the rational-cubic guess; returns which objective
        /// function the iteration uses in that segment.
        private mutating func initialGuess() -> Objective {
            let sC = abs(2 * x).squareRoot()
            let (bC, vC) = NormalisedBlack.callAndVega(x: x, s: sC)
            if beta < bC {
                let sL = sC - bC / vC
                let (bL, vL) = NormalisedBlack.callAndVega(x: x, s: sL)
                if beta < bL {
                    // Lowest segment: interpolate f = lower map of b, whose inverse is explicit.
                    let (fL, dfL, d2fL) = LowerMap.valueAndDerivatives(x: x, s: sL)
                    let r = RationalCubic.convexControlAtRight(xl: 0, xr: bL, yl: 0, yr: fL, dl: 1, dr: dfL,
                                                               d2r: d2fL, preferShape: true)
                    var f = RationalCubic.interpolate(beta, xl: 0, xr: bL, yl: 0, yr: fL, dl: 1, dr: dfL, r: r)
                    if !(f > 0) {
                        // Round-off for extreme |x| > 500: quadratic through f(0) = 0, f(b_l), f'(0) = 1.
                        let t = beta / bL
                        f = (fL * t + bL * (1 - t)) * t
                    }
                    s = LowerMap.inverse(x: x, f: f)
                    sRight = sL
                    return .lower
                }
                let r = RationalCubic.convexControlAtRight(xl: bL, xr: bC, yl: sL, yr: sC, dl: 1 / vL, dr: 1 / vC,
                                                           d2r: 0, preferShape: false)
                s = RationalCubic.interpolate(beta, xl: bL, xr: bC, yl: sL, yr: sC, dl: 1 / vL, dr: 1 / vC, r: r)
                sLeft = sL
                sRight = sC
                return .middle
            }
            let sH = vC > Double.leastNormalMagnitude ? sC + (bMax - bC) / vC : sC
            let (bH, vH) = NormalisedBlack.callAndVega(x: x, s: sH)
            if beta <= bH {
                let r = RationalCubic.convexControlAtLeft(xl: bC, xr: bH, yl: sC, yr: sH, dl: 1 / vC, dr: 1 / vH,
                                                          d2l: 0, preferShape: false)
                s = RationalCubic.interpolate(beta, xl: bC, xr: bH, yl: sC, yr: sH, dl: 1 / vC, dr: 1 / vH, r: r)
                sLeft = sC
                sRight = sH
                return .middle
            }
            // Highest segment: interpolate the upper map f = Φ(−s/2), whose inverse is explicit.
            let (fH, dfH, d2fH) = UpperMap.valueAndDerivatives(x: x, s: sH)
            var f = -Double.greatestFiniteMagnitude
            let limit = Double.greatestFiniteMagnitude.squareRoot()
            if d2fH > -limit && d2fH < limit {
                let r = RationalCubic.convexControlAtLeft(xl: bH, xr: bMax, yl: fH, yr: 0, dl: dfH, dr: -0.5,
                                                          d2l: d2fH, preferShape: true)
                f = RationalCubic.interpolate(beta, xl: bH, xr: bMax, yl: fH, yr: 0, dl: dfH, dr: -0.5, r: r)
            }
            if f <= 0 {
                // Quadratic through f(b_h), f(b_max) = 0 and f'(b_max) = −1/2.
                let h = bMax - bH
                let t = (beta - bH) / h
                f = (fH * (1 - t) + 0.5 * h * t) * (1 - t)
            }
            s = UpperMap.inverse(f: f)
            sLeft = sH
            // Near b_max the log objective is better conditioned; otherwise b − β is.
            return beta > 0.5 * bMax ? .upper : .middle
        }
    }

    /// Jäckel's lower map f(s) = (2π/√27)·|x|·Φ(−|x|/(s√3))³, which tracks b(x, s) for
    /// small s and has an explicit inverse. Returns f and df/dβ, d²f/dβ² along b.
    enum LowerMap {
        static let sqrtThree = 1.732_050_807_568_877_293_527_446_341_505_872_366_942_805_253_810
        static let twoPiOverSqrt27 = 1.209_199_576_156_145_233_729_385_505_094_770_488_189_377_498_728

        static func valueAndDerivatives(x: Double, s: Double) -> (Double, Double, Double) {
            let ax = abs(x)
            let z = ax / (sqrtThree * s)
            let y = z * z
            let s2 = s * s
            let bigPhi = Normal.cdf(-z)
            let phi = Normal.pdf(z)
            let fpp = Double.pi / 6 * y / (s2 * s) * bigPhi
                * (8 * sqrtThree * s * ax + (3 * s2 * (s2 - 8) - 8 * x * x) * bigPhi / phi) * exp(2 * y + 0.25 * s2)
            let phi2 = bigPhi * bigPhi
            let fp = 2 * Double.pi * y * phi2 * exp(y + 0.125 * s * s)
            return (twoPiOverSqrt27 * ax * phi2 * bigPhi, fp, fpp)
        }

        static func inverse(x: Double, f: Double) -> Double {
            abs(x / (sqrtThree * Normal.inverseCDF(pow(f / (twoPiOverSqrt27 * abs(x)), 1.0 / 3))))
        }
    }

    /// Jäckel's upper map f(s) = Φ(−s/2), which tracks b_max − b for large s.
    enum UpperMap {
        static func valueAndDerivatives(x: Double, s: Double) -> (Double, Double, Double) {
            let f = Normal.cdf(-0.5 * s)
            let w = (x / s) * (x / s)
            let fp = -0.5 * exp(0.5 * w)
            let fpp = (0.5 * Double.pi).squareRoot() * exp(w + 0.125 * s * s) * w / s
            return (f, fp, fpp)
        }

        static func inverse(f: Double) -> Double { -2 * Normal.inverseCDF(f) }
    }
}
