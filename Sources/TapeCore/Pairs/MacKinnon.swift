/// MacKinnon's approximations for Dickey-Fuller and Engle-Granger tests with a constant:
/// p-values from the response surfaces of MacKinnon (1994), "Approximate Asymptotic
/// Distribution Functions for Unit-Root and Cointegration Tests" (tables 3 and 4), and
/// critical values from MacKinnon (2010), "Critical Values for Cointegration Tests". The
/// coefficients are the ones statsmodels (`statsmodels.tsa.adfvalues`, BSD-3) uses, so
/// the p-values agree with its `coint` (Tests/Fixtures/pairs).
public enum MacKinnon {
    /// Row N − 1 (N = number of I(1) variables, 1 for a plain Dickey-Fuller test).
    static let tauStar: [Double] = [-1.61, -2.62, -3.13, -3.47, -3.78, -3.93]
    static let tauMin: [Double] = [-18.83, -18.86, -23.48, -28.07, -25.96, -23.27]
    static let tauMax: [Double] = [2.74, 0.92, 0.55, 0.61, 0.79, 1]
    /// Left tail: Φ(c0 + c1 τ + c2 τ²), c2 scaled by 1e-2 as in the paper's table.
    static let smallP: [[Double]] = [
        [2.1659, 1.4412, 3.8269], [2.92, 1.5012, 3.9796], [3.4699, 1.4856, 3.164],
        [3.9673, 1.4777, 2.6315], [4.5509, 1.5338, 2.9545], [5.1399, 1.6036, 3.4445],
    ].map { [$0[0], $0[1], $0[2] * 1e-2] }
    /// The rest: Φ(c0 + c1 τ + c2 τ² + c3 τ³), scaled by 1, 1e-1, 1e-1, 1e-2.
    static let largeP: [[Double]] = [
        [1.7339, 9.3202, -1.2745, -1.0368], [2.1945, 6.4695, -2.9198, -4.2377],
        [2.5893, 4.5168, -3.6529, -5.0074], [3.0387, 4.5452, -3.3666, -4.1921],
        [3.5049, 5.2098, -2.9158, -3.3468], [3.9489, 5.8933, -2.5359, -2.721],
    ].map { [$0[0], $0[1] * 1e-1, $0[2] * 1e-1, $0[3] * 1e-2] }
    /// MacKinnon (2010), constant: for each N, the 1%, 5%, 10% rows of c0 + c1/T + c2/T² + c3/T³.
    static let critical2010: [[[Double]]] = [
        [[-3.43035, -6.5393, -16.786, -79.433], [-2.86154, -2.8903, -4.234, -40.040], [-2.56677, -1.5384, -2.809, 0]],
        [[-3.89644, -10.9519, -33.527, 0], [-3.33613, -6.1101, -6.823, 0], [-3.04445, -4.2412, -2.720, 0]],
        [[-4.29374, -14.4354, -33.195, 47.433], [-3.74066, -8.5632, -10.852, 27.982], [-3.45218, -6.2143, -3.718, 0]],
        [[-4.64332, -18.1031, -37.972, 0], [-4.09600, -11.2349, -11.175, 0], [-3.81020, -8.3931, -4.137, 0]],
        [[-4.95756, -21.8883, -45.142, 0], [-4.41519, -14.0405, -12.575, 0], [-4.13157, -10.7417, -3.784, 0]],
        [[-5.24568, -25.6688, -57.737, 88.639], [-4.70693, -16.9178, -17.492, 60.007], [-4.42501, -13.1875, -5.104, 27.877]],
    ]

    /// Variables the tables cover.
    public static let maxVariables = 6

    /// Approximate p-value of a Dickey-Fuller τ statistic with `variables` I(1) series
    /// (1 for a unit-root test, 2 for a pair); 1 above the table's range, 0 below it.
    public static func pValue(_ tau: Double, variables n: Int) -> Double {
        let i = min(max(n, 1), maxVariables) - 1
        guard tau.isFinite || tau == -.infinity else { return .nan }
        if tau > tauMax[i] { return 1 }
        if tau < tauMin[i] { return 0 }
        let c = tau <= tauStar[i] ? smallP[i] : largeP[i]
        return Normal.cdf(c.reversed().reduce(0.0) { $0 * tau + $1 })
    }

    /// 1%, 5% and 10% critical values for `observations`.
    public static func critical(variables n: Int, observations: Int) -> [Double] {
        let i = min(max(n, 1), maxVariables) - 1
        let x = 1 / Double(max(observations, 1))
        return critical2010[i].map { c in c.reversed().reduce(0.0) { $0 * x + $1 } }
    }
}
