/// Wilder's parabolic stop-and-reverse, exactly as ta_SAR.c (README "Parabolic SAR").
enum ParabolicSAR {
    static let spec = IndicatorSpec(
        name: "sar", group: "Overlap", summary: "parabolic stop and reverse",
        formula: "sar_next = sar + af * (ep - sar); af += step on a new extreme, up to maximum; flip when price crosses",
        inputs: [.high, .low],
        params: [.real("acceleration", 0.02, min: 0, max: 1e6, help: "acceleration step and start"),
                 .real("maximum", 0.2, min: 0, max: 1e6, help: "acceleration cap")],
        outputs: ["sar"],
        lookback: { _ in 1 },
        kernel: { x, p, _ in [sar(x[0], x[1], step: p[0], maximum: p[1])] })

    static func sar(_ high: [Double], _ low: [Double], step: Double, maximum: Double) -> [Double] {
        var out = Kernels.nans(high.count)
        guard high.count > 1 else { return out }
        // ta_SAR.c lowers the acceleration to the maximum when it exceeds it.
        let step = min(step, maximum), start = step
        var af = start
        // Direction from bars 0 and 1: short when bar 1's -DM is positive and beats its +DM.
        let diffM = low[0] - low[1], diffP = high[1] - high[0]
        var isLong = !(diffM > 0 && diffP < diffM)
        var ep: Double, sar: Double
        if isLong {
            ep = high[1]
            sar = low[0]
        } else {
            ep = low[1]
            sar = high[0]
        }
        // ta_SAR.c starts its loop with "previous" = bar 1 itself.
        var newLow = low[1], newHigh = high[1]
        for today in 1..<high.count {
            let prevLow = newLow, prevHigh = newHigh
            newLow = low[today]
            newHigh = high[today]
            if isLong {
                if newLow <= sar {
                    isLong = false
                    sar = max(ep, prevHigh, newHigh)
                    out[today] = sar
                    af = start
                    ep = newLow
                    sar = sar + af * (ep - sar)
                    sar = max(sar, prevHigh, newHigh)
                } else {
                    out[today] = sar
                    if newHigh > ep {
                        ep = newHigh
                        af = min(af + step, maximum)
                    }
                    sar = sar + af * (ep - sar)
                    sar = min(sar, prevLow, newLow)
                }
            } else {
                if newHigh >= sar {
                    isLong = true
                    sar = min(ep, prevLow, newLow)
                    out[today] = sar
                    af = start
                    ep = newHigh
                    sar = sar + af * (ep - sar)
                    sar = min(sar, prevLow, newLow)
                } else {
                    out[today] = sar
                    if newLow < ep {
                        ep = newLow
                        af = min(af + step, maximum)
                    }
                    sar = sar + af * (ep - sar)
                    sar = max(sar, prevHigh, newHigh)
                }
            }
        }
        return out
    }
}
