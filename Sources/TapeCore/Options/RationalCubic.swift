/// Shape-preserving rational cubic interpolation of R. Delbourgo and J. A. Gregory
/// ("Shape preserving piecewise rational interpolation", SIAM J. Sci. Stat. Comput. 6(4),
/// 1985), as Jäckel uses it for the initial guess of "Let's Be Rational": on [xl, xr]
/// with values yl, yr and slopes dl, dr, the control parameter r ≥ −1 blends from a
/// cubic (r = 3) to a straight line (r → ∞). Formula numbers refer to that paper.
enum RationalCubic {
    /// −(1 − √ε) and 2/ε², ε = 2⁻⁵², as literals so they are compile-time constants.
    static let minimumControl = -(1 - 0x1p-26)
    static let maximumControl = 0x1p105

    private static func isZero(_ x: Double) -> Bool { abs(x) < Double.leastNormalMagnitude }

    /// Value at x: formula (2.4) divided by (2.5).
    static func interpolate(_ x: Double, xl: Double, xr: Double, yl: Double, yr: Double,
                            dl: Double, dr: Double, r: Double) -> Double {
        let h = xr - xl
        if abs(h) <= 0 { return 0.5 * (yl + yr) }
        let t = (x - xl) / h
        // r ≥ maximumControl means linear interpolation; written apart to avoid overflow.
        if !(r >= maximumControl) {
            let omt = 1 - t, t2 = t * t, omt2 = omt * omt
            return (yr * t2 * t + (r * yr - h * dr) * t2 * omt + (r * yl + h * dl) * t * omt2 + yl * omt2 * omt)
                / (1 + (r - 3) * t * omt)
        }
        return yr * t + yl * (1 - t)
    }

    /// The r that makes the interpolant's second derivative at the left end equal `d2l`.
    static func controlForSecondDerivativeAtLeft(xl: Double, xr: Double, yl: Double, yr: Double,
                                                 dl: Double, dr: Double, d2l: Double) -> Double {
        let h = xr - xl
        let numerator = 0.5 * h * d2l + (dr - dl)
        if isZero(numerator) { return 0 }
        let denominator = (yr - yl) / h - dl
        if isZero(denominator) { return numerator > 0 ? maximumControl : minimumControl }
        return numerator / denominator
    }

    /// The r that makes the interpolant's second derivative at the right end equal `d2r`.
    static func controlForSecondDerivativeAtRight(xl: Double, xr: Double, yl: Double, yr: Double,
                                                  dl: Double, dr: Double, d2r: Double) -> Double {
        let h = xr - xl
        let numerator = 0.5 * h * d2r + (dr - dl)
        if isZero(numerator) { return 0 }
        let denominator = dr - (yr - yl) / h
        if isZero(denominator) { return numerator > 0 ? maximumControl : minimumControl }
        return numerator / denominator
    }

    /// Smallest r that keeps the interpolant monotone (3.8) and convex/concave (3.18)
    /// when the data allow it; `preferShape` chooses linear interpolation over a cubic
    /// where those conditions would need a division by zero.
    static func minimumControl(dl: Double, dr: Double, slope s: Double, preferShape: Bool) -> Double {
        let monotonic = dl * s >= 0 && dr * s >= 0
        let convex = dl <= s && s <= dr
        let concave = dl >= s && s >= dr
        if !monotonic && !convex && !concave { return minimumControl }
        let drMinusDl = dr - dl, drMinusS = dr - s, sMinusDl = s - dl
        var r1 = -Double.greatestFiniteMagnitude
        var r2 = r1
        if monotonic {
            if !isZero(s) {
                r1 = (dr + dl) / s
            } else if preferShape {
                r1 = maximumControl
            }
        }
        if convex || concave {
            if !(isZero(sMinusDl) || isZero(drMinusS)) {
                r2 = max(abs(drMinusDl / drMinusS), abs(drMinusDl / sMinusDl))
            } else if preferShape {
                r2 = maximumControl
            }
        } else if monotonic && preferShape {
            r2 = maximumControl
        }
        return max(minimumControl, max(r1, r2))
    }

    static func convexControlAtLeft(xl: Double, xr: Double, yl: Double, yr: Double, dl: Double, dr: Double,
                                    d2l: Double, preferShape: Bool) -> Double {
        let r = controlForSecondDerivativeAtLeft(xl: xl, xr: xr, yl: yl, yr: yr, dl: dl, dr: dr, d2l: d2l)
        let rMin = minimumControl(dl: dl, dr: dr, slope: (yr - yl) / (xr - xl), preferShape: preferShape)
        return max(r, rMin)
    }

    static func convexControlAtRight(xl: Double, xr: Double, yl: Double, yr: Double, dl: Double, dr: Double,
                                     d2r: Double, preferShape: Bool) -> Double {
        let r = controlForSecondDerivativeAtRight(xl: xl, xr: xr, yl: yl, yr: yr, dl: dl, dr: dr, d2r: d2r)
        let rMin = minimumControl(dl: dl, dr: dr, slope: (yr - yl) / (xr - xl), preferShape: preferShape)
        return max(r, rMin)
    }
}
