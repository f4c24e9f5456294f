import Foundation

/// The augmented Dickey-Fuller test as statsmodels' `adfuller` runs it inside `coint`: no
/// constant or trend in the test regression, lags chosen by AIC on a common sample from
/// 0 to ⌈12 (n/100)^¼⌉ (capped at n/2 − 1), then refitted on the longest sample the
/// chosen lag allows.
public struct DickeyFuller: Sendable {
    public let statistic: Double
    public let lags: Int
    public let observations: Int

    public static func test(_ x: [Double], maxLag: Int? = nil) -> DickeyFuller? { test(x, maxLag: maxLag) {} }

    /// As `test`, calling `cancel` before the regressions.
    public static func test(_ x: [Double], maxLag: Int? = nil, cancel: () throws -> Void) rethrows -> DickeyFuller? {
        let n = x.count
        var cap = maxLag ?? Int((12 * pow(Double(n) / 100, 0.25)).rounded(.up))
        if maxLag == nil { cap = min(n / 2 - 1, cap) }
        guard cap >= 0, n > cap + 2 else { return nil }
        let diff = (1..<n).map { x[$0] - x[$0 - 1] }
        // Columns for lag p on the sample that drops the first `drop` differences: the
        // level x_{t-1}, then Δx_{t-1} ... Δx_{t-p}.
        func design(_ p: Int, drop: Int) -> (y: [Double], x: [[Double]]) {
            let rows = (drop..<diff.count)
            let y = rows.map { diff[$0] }
            var cols = [rows.map { x[$0] }]
            for l in stride(from: 1, through: p, by: 1) { cols.append(rows.map { diff[$0 - l] }) }
            return (y, cols)
        }
        // Every lag on the common sample from one QR of the longest design: the shorter
        // designs are its leading columns.
        try cancel()
        let full = design(cap, drop: cap)
        guard let aics = try LeastSquares.nestedAIC(full.y, columns: full.x, cancel: cancel) else { return nil }
        // Ties go to the shorter lag, as Python's min over (aic, lag) tuples.
        var best: (aic: Double, lag: Int)?
        for (p, aic) in aics.enumerated() where aic.isFinite {
            if let b = best, aic >= b.aic { continue }
            best = (aic, p)
        }
        guard let lag = best?.lag else { return nil }
        let d = design(lag, drop: lag)
        guard let f = try LeastSquares.fit(d.y, columns: d.x, cancel: cancel) else { return nil }
        return DickeyFuller(statistic: f.tValues[0], lags: lag, observations: d.y.count)
    }
}

/// The Engle-Granger two-step cointegration test (statsmodels' `coint` with its defaults,
/// trend "c", method "aeg", autolag "aic"): A on B with a constant, then the Dickey-Fuller
/// test of the residuals, with MacKinnon's (1994, 2010) p-value and critical values for
/// two variables.
public struct EngleGranger: Sendable {
    public let statistic: Double
    public let pValue: Double
    /// 1%, 5%, 10% critical values for the sample size (MacKinnon 2010).
    public let critical: [Double]
    public let lags: Int
    public let observations: Int

    public static func test(_ a: [Double], _ b: [Double], maxLag: Int? = nil) -> EngleGranger? { test(a, b, maxLag: maxLag) {} }

    public static func test(_ a: [Double], _ b: [Double], maxLag: Int? = nil, cancel: () throws -> Void) rethrows -> EngleGranger? {
        guard a.count == b.count, let ols = LeastSquares.fit(a, columns: [b, [Double](repeating: 1, count: b.count)]) else { return nil }
        // statsmodels skips the test when A and B are (almost) collinear, R² ≥ 1 − 100 √ε,
        // and reports a statistic of −∞: the residuals are rounding noise.
        let mean = a.reduce(0, +) / Double(a.count)
        let total = a.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        if total > 0, 1 - ols.ssr / total >= 1 - 100 * Double.ulpOfOne.squareRoot() {
            return EngleGranger(statistic: -.infinity, pValue: 0, critical: MacKinnon.critical(variables: 2, observations: a.count - 1),
                                lags: 0, observations: a.count)
        }
        guard let df = try DickeyFuller.test(ols.residuals, maxLag: maxLag, cancel: cancel) else { return nil }
        // statsmodels passes nobs − 1 to the critical values, to match Stata's egranger.
        return EngleGranger(statistic: df.statistic, pValue: MacKinnon.pValue(df.statistic, variables: 2),
                            critical: MacKinnon.critical(variables: 2, observations: a.count - 1),
                            lags: df.lags, observations: a.count)
    }
}
