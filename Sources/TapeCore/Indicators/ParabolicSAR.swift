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
        kernel: { x, p, _ in [sar(x[0], x[1], step: p[0], maximum: p[1])] },
        stream: { p, _ in StateStream(SARState(step: p[0], maximum: p[1])) { s, x in [s.next(high: x[0], low: x[1])] } })

    static func sar(_ high: [Double], _ low: [Double], step: Double, maximum: Double) -> [Double] {
        var state = SARState(step: step, maximum: maximum)
        return (0..<high.count).map { state.next(high: high[$0], low: low[$0]) }
    }
}

/// ta_SAR.c bar by bar; batch and stream both run it.
struct SARState {
    let step: Double
    let maximum: Double
    var count = 0
    var firstHigh = 0.0
    var firstLow = 0.0
    var isLong = true
    var af = 0.0
    var ep = 0.0
    var sar = 0.0
    var newHigh = 0.0
    var newLow = 0.0

    init(step: Double, maximum: Double) {
        // ta_SAR.c lowers the acceleration to the maximum when it exceeds it.
        self.step = min(step, maximum)
        self.maximum = maximum
        self.af = self.step
    }

    mutating func next(high: Double, low: Double) -> Double {
        count += 1
        if count == 1 {
            firstHigh = high
            firstLow = low
            return .nan
        }
        if count == 2 {
            // Direction from bars 0 and 1: short when bar 1's -DM is positive and beats its +DM.
            let diffM = firstLow - low, diffP = high - firstHigh
            isLong = !(diffM > 0 && diffP < diffM)
            ep = isLong ? high : low
            sar = isLong ? firstLow : firstHigh
            // ta_SAR.c starts its loop with "previous" = bar 1 itself.
            newHigh = high
            newLow = low
        }
        let prevLow = newLow, prevHigh = newHigh
        newLow = low
        newHigh = high
        let out: Double
        if isLong {
            if newLow <= sar {
                isLong = false
                sar = max(ep, prevHigh, newHigh)
                out = sar
                af = step
                ep = newLow
                sar = sar + af * (ep - sar)
                sar = max(sar, prevHigh, newHigh)
            } else {
                out = sar
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
                out = sar
                af = step
                ep = newHigh
                sar = sar + af * (ep - sar)
                sar = min(sar, prevLow, newLow)
            } else {
                out = sar
                if newLow < ep {
                    ep = newLow
                    af = min(af + step, maximum)
                }
                sar = sar + af * (ep - sar)
                sar = max(sar, prevHigh, newHigh)
            }
        }
        return out
    }
}
