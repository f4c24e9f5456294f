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
        stream: { p, _ in StateStream(state(step: p[0], maximum: p[1])) { s, x in [s.next(high: x[0], low: x[1])] } })

    /// ta_SAR.c is ta_SAREXT.c with no start value or offset, one acceleration for both
    /// sides, and shorts reported positive: the same state runs both.
    static func state(step: Double, maximum: Double) -> SARExtState {
        SARExtState([0, 0, step, step, maximum, step, step, maximum], shortSign: 1)
    }

    static func sar(_ high: [Double], _ low: [Double], step: Double, maximum: Double) -> [Double] {
        var state = state(step: step, maximum: maximum)
        return (0..<high.count).map { state.next(high: high[$0], low: low[$0]) }
    }
}

/// TA-Lib's SAREXT: the parabolic SAR with its own acceleration for longs and shorts, an
/// optional start value and an offset applied on reversal; short positions are reported
/// as negative values (ta_SAREXT.c).
enum ParabolicSARExtended {
    static let spec = IndicatorSpec(
        name: "sarext", group: "Overlap", summary: "parabolic SAR, extended: separate long and short accelerations; short SAR reported negative",
        formula: "as sar, with af_long/af_short starting at their init values; startvalue > 0 starts long at it, < 0 short at |startvalue|; on reversal sar moves by offsetonreverse × sar",
        inputs: [.high, .low],
        params: [.real("startvalue", 0, talib: "startvalue", min: -1e300, max: 1e300, help: "0 = direction from the first two bars"),
                 .real("offsetonreverse", 0, talib: "offsetonreverse", min: 0, max: 1e6, help: "fraction added on a reversal"),
                 .real("accelerationinitlong", 0.02, talib: "accelerationinitlong", min: 0, max: 1e6, help: "first long acceleration"),
                 .real("accelerationlong", 0.02, talib: "accelerationlong", min: 0, max: 1e6, help: "long acceleration step"),
                 .real("accelerationmaxlong", 0.2, talib: "accelerationmaxlong", min: 0, max: 1e6, help: "long acceleration cap"),
                 .real("accelerationinitshort", 0.02, talib: "accelerationinitshort", min: 0, max: 1e6, help: "first short acceleration"),
                 .real("accelerationshort", 0.02, talib: "accelerationshort", min: 0, max: 1e6, help: "short acceleration step"),
                 .real("accelerationmaxshort", 0.2, talib: "accelerationmaxshort", min: 0, max: 1e6, help: "short acceleration cap")],
        outputs: ["sarext"],
        conventionNote: "TA-Lib's SAREXT: a short position's SAR is reported as a negative number.",
        lookback: { _ in 1 },
        kernel: { x, p, _ in
            var state = SARExtState(p)
            return [(0..<x[0].count).map { state.next(high: x[0][$0], low: x[1][$0]) }]
        },
        stream: { p, _ in StateStream(SARExtState(p)) { s, x in [s.next(high: x[0], low: x[1])] } })
}

/// ta_SAREXT.c bar by bar (and ta_SAR.c, see `ParabolicSAR.state`).
struct SARExtState {
    let start: Double, offset: Double
    /// −1: a short's SAR is reported negative (SAREXT); 1: as it is (SAR).
    let shortSign: Double
    let initLong: Double, stepLong: Double, maxLong: Double
    let initShort: Double, stepShort: Double, maxShort: Double
    var count = 0
    var firstHigh = 0.0, firstLow = 0.0
    var isLong = true
    var afLong = 0.0, afShort = 0.0
    var ep = 0.0, sar = 0.0
    var newHigh = 0.0, newLow = 0.0

    init(_ p: [Double], shortSign: Double = -1) {
        self.shortSign = shortSign
        start = p[0]
        offset = p[1]
        // An initial or step acceleration above its cap is lowered to it, as in TA-Lib.
        maxLong = p[4]
        initLong = min(p[2], p[4])
        stepLong = min(p[3], p[4])
        maxShort = p[7]
        initShort = min(p[5], p[7])
        stepShort = min(p[6], p[7])
        afLong = initLong
        afShort = initShort
    }

    mutating func next(high: Double, low: Double) -> Double {
        count += 1
        if count == 1 {
            firstHigh = high
            firstLow = low
            return .nan
        }
        if count == 2 {
            if start == 0 {
                let diffM = firstLow - low, diffP = high - firstHigh
                isLong = !(diffM > 0 && diffP < diffM)
                ep = isLong ? high : low
                sar = isLong ? firstLow : firstHigh
            } else {
                isLong = start > 0
                ep = isLong ? high : low
                sar = abs(start)
            }
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
                if offset != 0 { sar += sar * offset }
                out = shortSign * sar
                afShort = initShort
                ep = newLow
                sar = sar + afShort * (ep - sar)
                sar = max(sar, prevHigh, newHigh)
            } else {
                out = sar
                if newHigh > ep {
                    ep = newHigh
                    afLong = min(afLong + stepLong, maxLong)
                }
                sar = sar + afLong * (ep - sar)
                sar = min(sar, prevLow, newLow)
            }
        } else {
            if newHigh >= sar {
                isLong = true
                sar = min(ep, prevLow, newLow)
                if offset != 0 { sar -= sar * offset }
                out = sar
                afLong = initLong
                ep = newHigh
                sar = sar + afLong * (ep - sar)
                sar = min(sar, prevLow, newLow)
            } else {
                out = shortSign * sar
                if newLow < ep {
                    ep = newLow
                    afShort = min(afShort + stepShort, maxShort)
                }
                sar = sar + afShort * (ep - sar)
                sar = max(sar, prevHigh, newHigh)
            }
        }
        return out
    }
}
