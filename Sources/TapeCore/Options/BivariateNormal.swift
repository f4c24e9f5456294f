import Foundation

/// The standard bivariate normal distribution Φ₂(a, b; ρ) = P(X ≤ a, Y ≤ b), corr(X, Y) = ρ,
/// by Alan Genz's algorithm ("Numerical computation of rectangular bivariate and trivariate
/// normal and t probabilities", Statistics and Computing 14, 2004): Gauss-Legendre quadrature
/// of Drezner and Wesolowsky's integral in sin⁻¹ρ for |ρ| < 0.925, and of a transformed
/// integral plus a closed-form leading term near |ρ| = 1; 6, 12 or 20 points by |ρ|. About
/// 1e-15 absolute.
public enum BivariateNormal {
    // Gauss-Legendre abscissae and weights on [-1, 1] (one half of each symmetric rule).
    private static let x6 = [-0.932_469_514_203_152_2, -0.661_209_386_466_264_7, -0.238_619_186_083_197_0]
    private static let w6 = [0.171_324_492_379_170_5, 0.360_761_573_048_138_4, 0.467_913_934_572_690_4]
    private static let x12 = [-0.981_560_634_246_719_1, -0.904_117_256_370_475_0, -0.769_902_674_194_305_0,
                              -0.587_317_954_286_617_1, -0.367_831_498_998_180_2, -0.125_233_408_511_469_2]
    private static let w12 = [0.047_175_336_386_511_77, 0.106_939_325_995_318_3, 0.160_078_328_543_346_4,
                              0.203_167_426_723_065_9, 0.233_492_536_538_354_7, 0.249_147_045_813_402_9]
    private static let x20 = [-0.993_128_599_185_094_9, -0.963_971_927_277_913_8, -0.912_234_428_251_325_9,
                              -0.839_116_971_822_218_8, -0.746_331_906_460_150_8, -0.636_053_680_726_515_0,
                              -0.510_867_001_950_827_1, -0.373_706_088_715_419_6, -0.227_785_851_141_645_1,
                              -0.076_526_521_133_497_33]
    private static let w20 = [0.017_614_007_139_152_12, 0.040_601_429_800_386_94, 0.062_672_048_334_109_06,
                              0.083_276_741_576_704_75, 0.101_930_119_817_240_4, 0.118_194_531_961_518_4,
                              0.131_688_638_449_176_6, 0.142_096_109_318_382_1, 0.149_172_986_472_603_7,
                              0.152_753_387_130_725_9]

    /// Φ₂(a, b; ρ).
    public static func cdf(_ a: Double, _ b: Double, _ rho: Double) -> Double {
        upper(-a, -b, rho)
    }

    /// Genz's BVND: P(X > h, Y > k).
    static func upper(_ h0: Double, _ k0: Double, _ r: Double) -> Double {
        let r = min(max(r, -1), 1)
        let (x, w): ([Double], [Double])
        if abs(r) < 0.3 {
            (x, w) = (x6, w6)
        } else if abs(r) < 0.75 {
            (x, w) = (x12, w12)
        } else {
            (x, w) = (x20, w20)
        }
        let twoPi = 2 * Double.pi
        var h = h0, k = k0
        var hk = h * k
        var bvn = 0.0
        if abs(r) < 0.925 {
            let hs = (h * h + k * k) / 2
            let asr = asin(r)
            for i in x.indices {
                var sn = sin(asr * (1 + x[i]) / 2)
                bvn += w[i] * exp((sn * hk - hs) / (1 - sn * sn))
                sn = sin(asr * (1 - x[i]) / 2)
                bvn += w[i] * exp((sn * hk - hs) / (1 - sn * sn))
            }
            return bvn * asr / (2 * twoPi) + Normal.cdf(-h) * Normal.cdf(-k)
        }
        if r < 0 {
            k = -k
            hk = -hk
        }
        if abs(r) < 1 {
            let as2 = (1 - r) * (1 + r)
            var a = as2.squareRoot()
            let bs = (h - k) * (h - k)
            let c = (4 - hk) / 8, d = (12 - hk) / 16
            bvn = a * exp(-(bs / as2 + hk) / 2) * (1 - c * (bs - as2) * (1 - d * bs / 5) / 3 + c * d * as2 * as2 / 5)
            if hk > -160 {
                let b = bs.squareRoot()
                bvn -= exp(-hk / 2) * twoPi.squareRoot() * Normal.cdf(-b / a) * b * (1 - c * bs * (1 - d * bs / 5) / 3)
            }
            a /= 2
            for i in x.indices {
                for sign in [-1.0, 1.0] {
                    let xs = (a * (sign * x[i] + 1)) * (a * (sign * x[i] + 1))
                    let rs = (1 - xs).squareRoot()
                    bvn += a * w[i] * (exp(-bs / (2 * xs) - hk / (1 + rs)) / rs
                                       - exp(-(bs / xs + hk) / 2) * (1 + c * xs * (1 + d * xs)))
                }
            }
            bvn = -bvn / twoPi
        }
        if r > 0 {
            bvn += Normal.cdf(-max(h, k))
        } else {
            bvn = -bvn
            if k > h { bvn += Normal.cdf(k) - Normal.cdf(h) }
        }
        return max(0, min(1, bvn))
    }
}
