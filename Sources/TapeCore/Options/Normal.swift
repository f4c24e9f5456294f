import Foundation

/// The standard normal distribution, written for accuracy in the far tails.
///
/// Goals in priority order: (1) relative accuracy near machine precision everywhere,
/// including N(−38), which option prices of deep out-of-the-money short-dated strikes
/// depend on; (2) speed. Hence N(x) = ½·erfc(−x/√2): glibc's erfc keeps full relative
/// precision as its result shrinks, whereas ½(1 + erf(x/√2)) cancels to 0 below x ≈ −8.
public enum Normal {
    public static let oneOverSqrtTwoPi = 0.398_942_280_401_432_677_939_946_059_934_381_868_475_858_631_164_9
    public static let oneOverSqrtTwo = 0.707_106_781_186_547_524_400_844_362_104_849_039_284_835_937_688_7

    /// Density φ(x).
    @inlinable
    public static func pdf(_ x: Double) -> Double {
        oneOverSqrtTwoPi * exp(-0.5 * x * x)
    }

    /// Cumulative distribution Φ(x).
    @inlinable
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x * oneOverSqrtTwo)
    }

    /// Inverse Φ⁻¹(u) by Wichura's algorithm AS241 (Applied Statistics 37(3), 1988),
    /// about 1e-16 relative. Returns −∞ for u ≤ 0 and +∞ for u ≥ 1, as Jäckel's
    /// reference code does via log, so callers can let infinities propagate.
    public static func inverseCDF(_ u: Double) -> Double {
        if u <= 0 { return -Double.infinity }
        if u >= 1 { return Double.infinity }
        let q = u - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = ((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r
                + 4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                + 1.3314166789178437745e2) * r + 3.3871328727963666080e0
            let den = ((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r
                + 2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                + 4.2313330701600911252e1) * r + 1.0
            return q * num / den
        }
        var r = q < 0 ? u : 1 - u
        r = (-log(r)).squareRoot()
        let value: Double
        if r <= 5 {
            r -= 1.6
            let num = ((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r
                + 1.27045825245236838258e0) * r + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                + 4.63033784615654529590e0) * r + 1.42343711074968357734e0
            let den = ((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r
                + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                + 2.05319162663775882187e0) * r + 1.0
            value = num / den
        } else {
            r -= 5
            let num = ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r
                + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                + 5.46378491116411436990e0) * r + 6.65790464350110377720e0
            let den = ((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r
                + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1.0
            value = num / den
        }
        return q < 0 ? -value : value
    }

    /// erf(y) for |y| ≤ 0.46875, Cody's first rational approximation.
    @inline(__always)
    static func erfNearZero(_ y: Double) -> Double {
        let ysq = abs(y) > 1.11e-16 ? y * y : 0
        var xnum = 1.85777706184603153e-1 * ysq
        var xden = ysq
        xnum = (xnum + 3.1611237438705656) * ysq; xden = (xden + 23.6012909523441209) * ysq
        xnum = (xnum + 113.864154151050156) * ysq; xden = (xden + 244.024637934444173) * ysq
        xnum = (xnum + 377.485237685302021) * ysq; xden = (xden + 1282.61652607737228) * ysq
        return y * (xnum + 3209.37758913846947) / (xden + 2844.23683343917062)
    }

    /// erfcx(y) for y > 0.46875: Cody's second and third rational approximations, which
    /// need no exponential (shared by `erfcx` and `cdf(_:gaussian:)`).
    @inline(__always)
    static func erfcxAbove(_ y: Double) -> Double {
        var result: Double
        if y <= 4 {
            var xnum = 2.15311535474403846e-8 * y
            var xden = y
            xnum = (xnum + 0.564188496988670089) * y; xden = (xden + 15.7449261107098347) * y
            xnum = (xnum + 8.88314979438837594) * y; xden = (xden + 117.693950891312499) * y
            xnum = (xnum + 66.1191906371416295) * y; xden = (xden + 537.181101862009858) * y
            xnum = (xnum + 298.635138197400131) * y; xden = (xden + 1621.38957456669019) * y
            xnum = (xnum + 881.95222124176909) * y; xden = (xden + 3290.79923573345963) * y
            xnum = (xnum + 1712.04761263407058) * y; xden = (xden + 4362.61909014324716) * y
            xnum = (xnum + 2051.07837782607147) * y; xden = (xden + 3439.36767414372164) * y
            result = (xnum + 1230.33935479799725) / (xden + 1230.33935480374942)
        } else if y >= 6.71e7 {
            result = 0.56418958354775628695 / y
        } else {
            let ysq = 1 / (y * y)
            var xnum = 0.0163153871373020978 * ysq
            var xden = ysq
            xnum = (xnum + 0.305326634961232344) * ysq; xden = (xden + 2.56852019228982242) * ysq
            xnum = (xnum + 0.360344899949804439) * ysq; xden = (xden + 1.87295284992346047) * ysq
            xnum = (xnum + 0.125781726111229246) * ysq; xden = (xden + 0.527905102951428412) * ysq
            xnum = (xnum + 0.0160837851487422766) * ysq; xden = (xden + 0.0605183413124413191) * ysq
            result = ysq * (xnum + 6.58749161529837803e-4) / (xden + 0.00233520497626869185)
            result = (0.56418958354775628695 - result) / y
        }
        return result
    }

    /// Φ(x) given e = e^{−x²/2}, which the caller already holds (the Black-Scholes Greeks
    /// need φ(d1), and φ(d2) = φ(d1)·F/K): Φ(x) = ½·erfc(y), y = −x/√2, with erfc(y) = e·erfcx(y)
    /// for y > 0.46875 (Cody's rationals, no exponential of their own), 2 − e·erfcx(−y) below
    /// −0.46875 and 1 − erf(y) between. The tails are as accurate as e (a few ulps times x²,
    /// like `pdf`); for an e below 1e-280, whose product may have lost digits, it is `cdf(x)`.
    @inline(__always)
    static func cdf(_ x: Double, gaussian e: Double) -> Double {
        if !(e > 1e-280) { return cdf(x) }
        let y = -x * oneOverSqrtTwo
        let ay = abs(y)
        if ay <= 0.46875 { return 0.5 * (1 - erfNearZero(y)) }
        let tail = 0.5 * e * erfcxAbove(ay)
        return y > 0 ? tail : 1 - tail
    }

    /// Scaled complementary error function erfcx(x) = e^{x²}·erfc(x), by W. J. Cody's
    /// rational Chebyshev approximations ("Rational Chebyshev approximations for the error
    /// function", Math. Comp. 23, 1969; coefficients of his CALERF routine). For x > 4 it
    /// needs no exponential at all, which is what lets the normalised Black function
    /// subtract two such values without losing digits (Jäckel 2016, section 3).
    public static func erfcx(_ x: Double) -> Double {
        let y = abs(x)
        if y <= 0.46875 {
            return exp(y > 1.11e-16 ? y * y : 0) * (1 - erfNearZero(x))
        }
        var result = erfcxAbove(y)
        if x < 0 {
            // erfcx(−y) = 2·e^{y²} − erfcx(y); e^{y²} split as e^{a²}·e^{(y−a)(y+a)} with a
            // y rounded down to 1/16, so the square is exact and no digits are lost (Cody).
            if x < -26.628 { return Double.infinity }
            let a = (y * 16).rounded(.down) / 16
            let e = exp(a * a) * exp((y - a) * (y + a))
            result = (e + e) - result
        }
        return result
    }
}
