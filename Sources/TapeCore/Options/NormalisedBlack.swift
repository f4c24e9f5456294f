import Foundation

/// The normalised Black function of Jäckel's "Let's Be Rational" (Wilmott, 2015/2016):
///
///     b(x, s) = Φ(x/s + s/2)·e^{x/2} − Φ(x/s − s/2)·e^{−x/2},   x = ln(F/K), s = σ√T,
///
/// the undiscounted Black call price divided by √(F·K). Every option price maps to it,
/// and it is evaluated in four regions so that even values near 1e-300 keep full relative
/// precision — the basis of an implied volatility accurate to the last digits.
/// With h = x/s and t = s/2 (only x ≤ 0 is evaluated; x > 0 adds the intrinsic value):
/// 1. h < −10 and t small against |h|: an asymptotic expansion (one exponential);
/// 2. t < 2·ε^{1/16} ≈ 0.21: a Taylor expansion in t;
/// 3. h + t > 0.85: the plain formula, dominated by its first term;
/// 4. otherwise: b = ½·e^{−(h²+t²)/2}·[erfcx(−(h+t)/√2) − erfcx(−(h−t)/√2)].
enum NormalisedBlack {
    static let sqrtTwoPi = 2.506_628_274_631_000_502_415_765_284_811_045_253_006_986_740_610
    static let asymptoticThreshold = -10.0
    /// 2·ε^{1/16} (ε = 2⁻⁵²) as the reference code computes it, by four square roots;
    /// written out so that it is a compile-time constant.
    static let smallTThreshold = 0.21022410381342865

    /// Normalised intrinsic value of a call (q = +1) or put (q = −1): q·(e^{x/2} − e^{−x/2})⁺,
    /// by its Taylor series (2·sinh(x/2)) near x = 0 to avoid cancellation.
    static func intrinsic(x: Double, q: Double) -> Double {
        if q * x <= 0 { return 0 }
        let x2 = x * x
        // 98 = (92897280)^{1/4}, from the last coefficient: the series is exact to ε below it.
        if x2 < 98 * Double.ulpOfOne.squareRoot().squareRoot() {
            let series = x * (1 + x2 * (1.0 / 24 + x2 * (1.0 / 1920 + x2 * (1.0 / 322_560 + x2 / 92_897_280))))
            return abs(max(q * series, 0))
        }
        let bMax = exp(0.5 * x)
        return abs(max(q * (bMax - 1 / bMax), 0))
    }

    /// b(x, s) for a call.
    static func call(x: Double, s: Double) -> Double { callAndVega(x: x, s: s).value }

    /// b(x, s) and its vega ∂b/∂s = e^{−(h² + t²)/2}/√(2π) together: three of the four
    /// regions contain that same exponential, so the solver, which needs both at every
    /// point, pays for it once. (The values are bit-identical to computing them apart.)
    static func callAndVega(x: Double, s: Double) -> (value: Double, vega: Double) {
        if x > 0 {
            let otm = callAndVega(x: -x, s: s)   // the vega is even in x
            return (intrinsic(x: x, q: 1) + otm.value, otm.vega)
        }
        if s <= 0 { return (intrinsic(x: x, q: 1), 0) }
        let h = x / s, t = 0.5 * s
        // Underflows to 0 exactly where Jäckel's vega returns 0 (s ≤ |x|·√DBL_MIN).
        let gaussian = exp(-0.5 * (h * h + t * t))
        let vega = Normal.oneOverSqrtTwoPi * gaussian
        // Region tests written without dividing by s (Jäckel): h < η and t < τ + |h| − |η|.
        if x < s * asymptoticThreshold && 0.5 * s * s + x < s * (smallTThreshold + asymptoticThreshold) {
            return (asymptoticExpansion(h: h, t: t, gaussian: gaussian), vega)
        }
        if 0.5 * s < smallTThreshold { return (smallTExpansion(h: h, t: t, gaussian: gaussian), vega) }
        if x + 0.5 * s * s > s * 0.85 { return (usingCDF(x: x, s: s), vega) }
        return (usingErfcx(h: h, t: t, gaussian: gaussian), vega)
    }

    private static func usingCDF(x: Double, s: Double) -> Double {
        let h = x / s, t = 0.5 * s
        let bMax = exp(0.5 * x)
        let b = Normal.cdf(h + t) * bMax - Normal.cdf(h - t) / bMax
        return abs(max(b, 0))
    }

    private static func usingErfcx(h: Double, t: Double, gaussian: Double) -> Double {
        let b = 0.5 * gaussian
            * (Normal.erfcx(-Normal.oneOverSqrtTwo * (h + t)) - Normal.erfcx(-Normal.oneOverSqrtTwo * (h - t)))
        return abs(max(b, 0))
    }

    /// Coefficients of the asymptotic expansion, flat: term k (k = 0…17) is
    /// (−1)^k·(2k−1)!!·q^k·c_k(e) with c_k(e) = 2·Σ_{j≤k} C(2k+1, 2j+1)·e^j, and c_k's
    /// coefficients start at index k(k+1)/2. (The closed form of the 17th-order series
    /// printed term by term in Jäckel's reference code.)
    private static let asymptoticCoefficients: [Double] = (0...17).flatMap { k -> [Double] in
        let n = 2 * k + 1
        var row: [Double] = []
        var binomial = Double(n)            // C(n, 1)
        for j in 0...k {
            row.append(2 * binomial)
            let m = 2 * j + 1               // advance C(n, m) → C(n, m + 2)
            binomial *= Double(n - m) * Double(n - m - 1) / (Double(m + 1) * Double(m + 2))
        }
        return row
    }

    /// Asymptotic expansion for h ≪ 0 via Abramowitz & Stegun 26.2.12,
    /// Φ(z) = φ(z)/|z|·[1 − 1/z² + 3/z⁴ − …]: with r = (h+t)(h−t), q = (h/r)², e = (t/h)²,
    /// b = φ(0)·e^{−(h²+t²)/2}·(t/r)·A(h,t); 17 orders give Φ(h) 1.64e-16 relative for h ≤ −10.
    private static func asymptoticExpansion(h: Double, t: Double, gaussian: Double) -> Double {
        let e = (t / h) * (t / h)
        let r = (h + t) * (h - t)
        let q = (h / r) * (h / r)
        var sum = 0.0
        asymptoticCoefficients.withUnsafeBufferPointer { c in
            for k in stride(from: 17, through: 0, by: -1) {
                let start = k * (k + 1) / 2
                var ck = 0.0
                for j in stride(from: k, through: 0, by: -1) { ck = ck * e + c[start + j] }
                // Nested form c0 + q·(c1 + 3q·(c2 + 5q·(… + 33q·c17))), evaluated inside out:
                // step k multiplies what lies inside by (2k+1)·q, which is 1·q for k = 0.
                sum = (k % 2 == 0 ? ck : -ck) + Double(2 * k + 1) * q * sum
            }
        }
        let b = Normal.oneOverSqrtTwoPi * gaussian * (t / r) * sum
        return abs(max(b, 0))
    }

    /// Taylor expansion of Y(h+t) − Y(h−t), Y = Φ/φ, to 12th order in t (Jäckel): accurate to
    /// ε when h ≤ 0 and t < 2ε^{1/16}. With a = 1 + h·Y(h), w = t², h2 = h².
    private static func smallTExpansion(h: Double, t: Double, gaussian: Double) -> Double {
        let a = 1 + h * (0.5 * sqrtTwoPi) * Normal.erfcx(-Normal.oneOverSqrtTwo * h)
        let w = t * t
        let h2 = h * h
        let t12 = (-89055 + 135_135 * a + h2 * (-82845 + 270_270 * a + h2 * (-20370 + 135_135 * a
            + h2 * (-1926 + 25740 * a + h2 * (-75 + 2145 * a + h2 * (-1 + 78 * a + a * h2)))))) / 6_227_020_800
        let t10 = (-6555 + 10395 * a + h2 * (-4680 + 17325 * a + h2 * (-840 + 6930 * a
            + h2 * (-52 + 990 * a + h2 * (-1 + 55 * a + a * h2))))) / 39_916_800
        let t8 = (-561 + 945 * a + h2 * (-285 + 1260 * a + h2 * (-33 + 378 * a + h2 * (-1 + 36 * a + a * h2)))) / 362_880
        let t6 = (-57 + 105 * a + h2 * (-18 + 105 * a + h2 * (-1 + 21 * a + a * h2))) / 5040
        let t4 = (-7 + 15 * a + h2 * (-1 + 10 * a + a * h2)) / 120
        let t2 = (-1 + 3 * a + a * h2) / 6
        let expansion = 2 * t * (a + w * (t2 + w * (t4 + w * (t6 + w * (t8 + w * (t10 + w * t12))))))
        let b = Normal.oneOverSqrtTwoPi * gaussian * expansion
        return abs(max(b, 0))
    }
}
