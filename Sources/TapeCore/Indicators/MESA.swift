import Foundation

/// John Ehlers' Hilbert-transform machinery, as TA-Lib runs it for MAMA and the HT_ family
/// (ta_MAMA.c, ta_HT_*.c): a 4-bar WMA smooths the price, four Hilbert transforms (odd
/// and even bars kept apart) give the in-phase and quadrature components, and a smoothed
/// homodyne discriminator the dominant cycle period, clamped to 6...50 bars.
///
/// `HilbertCore` is one bar of that pipeline; TA-Lib's functions differ only in how many
/// bars they warm up (32 before MAMA, HT_DCPERIOD and HT_PHASOR; 63 before the phase,
/// sine, trendline and trend mode) and in what they read off it.
struct HilbertCore {
    static let a = 0.0962, b = 0.5769

    /// One Hilbert transform: ta_HT's HILBERT_TRANSFORM macro, a 7-tap filter kept as a
    /// 3-slot ring per parity plus the previous input and output.
    struct Transform {
        var odd = [0.0, 0.0, 0.0]
        var even = [0.0, 0.0, 0.0]
        var prevOdd = 0.0, prevEven = 0.0
        var prevInputOdd = 0.0, prevInputEven = 0.0

        mutating func step(_ input: Double, even isEven: Bool, slot: Int, adjusted: Double) -> Double {
            let t = HilbertCore.a * input
            var value: Double
            if isEven {
                value = -even[slot]
                even[slot] = t
                value += t
                value -= prevEven
                prevEven = HilbertCore.b * prevInputEven
                value += prevEven
                prevInputEven = input
            } else {
                value = -odd[slot]
                odd[slot] = t
                value += t
                value -= prevOdd
                prevOdd = HilbertCore.b * prevInputOdd
                value += prevOdd
                prevInputOdd = input
            }
            return value * adjusted
        }
    }

    var detrender = Transform(), q1 = Transform(), jI = Transform(), jQ = Transform()
    var slot = 0
    var period = 0.0
    var prevI2 = 0.0, prevQ2 = 0.0, re = 0.0, im = 0.0
    var i1OddPrev2 = 0.0, i1OddPrev3 = 0.0, i1EvenPrev2 = 0.0, i1EvenPrev3 = 0.0
    /// This bar's quadrature (Q1) and in-phase (I1, the detrender 3 bars back) components.
    var inPhase = 0.0, quadrature = 0.0

    static let rad2Deg = 45.0 / atan(1.0)

    /// One bar's transforms on the smoothed price; returns MAMA's phase (degrees, from
    /// atan(Q1/I1)). `period` is updated for the next bar afterwards by `updatePeriod`.
    mutating func transform(_ smoothed: Double, even isEven: Bool) -> Double {
        let adjusted = 0.075 * period + 0.54
        let d = detrender.step(smoothed, even: isEven, slot: slot, adjusted: adjusted)
        let q = q1.step(d, even: isEven, slot: slot, adjusted: adjusted)
        let i1 = isEven ? i1EvenPrev3 : i1OddPrev3
        let ji = jI.step(i1, even: isEven, slot: slot, adjusted: adjusted)
        let jq = jQ.step(q, even: isEven, slot: slot, adjusted: adjusted)
        if isEven {
            slot += 1
            if slot == 3 { slot = 0 }
        }
        let q2 = 0.2 * (q + ji) + 0.8 * prevQ2
        let i2 = 0.2 * (i1 - jq) + 0.8 * prevI2
        if isEven {
            i1OddPrev3 = i1OddPrev2
            i1OddPrev2 = d
        } else {
            i1EvenPrev3 = i1EvenPrev2
            i1EvenPrev2 = d
        }
        inPhase = i1
        quadrature = q
        // Kept for updatePeriod.
        currentI2 = i2
        currentQ2 = q2
        return i1 != 0 ? atan(q / i1) * Self.rad2Deg : 0
    }

    var currentI2 = 0.0, currentQ2 = 0.0

    /// The homodyne discriminator: the period for the next bar, moved at most 50% up or 33%
    /// down, clamped to 6...50 and smoothed.
    mutating func updatePeriod() {
        let i2 = currentI2, q2 = currentQ2
        re = 0.2 * (i2 * prevI2 + q2 * prevQ2) + 0.8 * re
        im = 0.2 * (i2 * prevQ2 - q2 * prevI2) + 0.8 * im
        prevQ2 = q2
        prevI2 = i2
        let previous = period
        if im != 0 && re != 0 { period = 360.0 / (atan(im / re) * Self.rad2Deg) }
        if period > 1.5 * previous { period = 1.5 * previous }
        if period < 0.67 * previous { period = 0.67 * previous }
        if period < 6 { period = 6 } else if period > 50 { period = 50 }
        period = 0.2 * period + 0.8 * previous
    }
}

/// The 4-bar price smoother of TA-Lib's HT functions (weights 1, 2, 3, 4 over 10), with
/// its unrolled three-bar start.
struct PriceSmoother {
    var sub = 0.0, sum = 0.0, trailingValue = 0.0
    var trailing = 0

    init(_ x: UnsafeBufferPointer<Double>) {
        sub = x[0] + x[1] + x[2]
        sum = x[0] + x[1] * 2 + x[2] * 3
    }

    mutating func next(_ x: UnsafeBufferPointer<Double>, _ today: Int) -> Double {
        let v = x[today]
        sub += v
        sub -= trailingValue
        sum += v * 4
        trailingValue = x[trailing]
        trailing += 1
        let smoothed = sum * 0.1
        sum -= sub
        return smoothed
    }
}

enum MESA {
    /// Bars before MAMA's, HT_DCPERIOD's and HT_PHASOR's first output.
    static let lookback = 32
    /// Bars before the phase-based HT outputs (HT_DCPHASE, HT_SINE, HT_TRENDLINE, HT_TRENDMODE).
    static let phaseLookback = 63

    /// MESA adaptive moving average and its following average (ta_MAMA.c).
    static func mama(_ x: [Double], fastLimit: Double, slowLimit: Double) -> (mama: [Double], fama: [Double]) {
        var outM = Kernels.nans(x.count), outF = Kernels.nans(x.count)
        guard x.count > lookback else { return (outM, outF) }
        x.withUnsafeBufferPointer { xs in
            var smoother = PriceSmoother(xs)
            var today = 3
            for _ in 0..<9 {
                _ = smoother.next(xs, today)
                today += 1
            }
            var core = HilbertCore()
            var mama = 0.0, fama = 0.0, prevPhase = 0.0
            while today < xs.count {
                let value = xs[today]
                let smoothed = smoother.next(xs, today)
                let phase = core.transform(smoothed, even: today % 2 == 0)
                var delta = prevPhase - phase
                prevPhase = phase
                if delta < 1 { delta = 1 }
                var alpha = fastLimit
                if delta > 1 {
                    alpha = fastLimit / delta
                    if alpha < slowLimit { alpha = slowLimit }
                }
                mama = alpha * value + (1 - alpha) * mama
                let half = alpha * 0.5
                fama = half * mama + (1 - half) * fama
                if today >= lookback {
                    outM[today] = mama
                    outF[today] = fama
                }
                core.updatePeriod()
                today += 1
            }
        }
        return (outM, outF)
    }

    /// Every HT_ output over the series: the first `warmup` outputs are NaN (32 for the
    /// period and phasor, 63 for the rest).
    struct Cycle {
        var dcPeriod: [Double], dcPhase: [Double], inPhase: [Double], quadrature: [Double]
        var sine: [Double], leadSine: [Double], trendline: [Double], trendMode: [Double]
    }

    enum Output { case dcPeriod, phasor, phase }

    /// ta_HT_*.c in one pass. `output` picks the warm-up: the period and phasor run the
    /// 32-bar start; the phase family the 63-bar one (34 smoother bars instead of 9), which
    /// changes every value after it, as in TA-Lib.
    static func cycle(_ x: [Double], _ output: Output) -> Cycle {
        let n = x.count
        let lb = output == .phase ? phaseLookback : lookback
        var c = Cycle(dcPeriod: Kernels.nans(n), dcPhase: Kernels.nans(n), inPhase: Kernels.nans(n),
                      quadrature: Kernels.nans(n), sine: Kernels.nans(n), leadSine: Kernels.nans(n),
                      trendline: Kernels.nans(n), trendMode: Kernels.nans(n))
        guard n > lb else { return c }
        let rad2Deg = HilbertCore.rad2Deg, deg2Rad = 1 / rad2Deg
        let degToRadBy360 = atan(1.0) * 8.0
        x.withUnsafeBufferPointer { xs in
            var smoother = PriceSmoother(xs)
            var today = 3
            for _ in 0..<(output == .phase ? 34 : 9) {
                _ = smoother.next(xs, today)
                today += 1
            }
            var core = HilbertCore()
            var smoothPeriod = 0.0
            var ring = [Double](repeating: 0, count: 50)
            var ringIdx = 0
            var dcPhase = 0.0, prevDCPhase = 0.0
            var sine = 0.0, leadSine = 0.0, prevSine = 0.0, prevLeadSine = 0.0
            var iTrend1 = 0.0, iTrend2 = 0.0, iTrend3 = 0.0
            var daysInTrend = 0
            while today < n {
                let smoothed = smoother.next(xs, today)
                ring[ringIdx] = smoothed
                _ = core.transform(smoothed, even: today % 2 == 0)
                let out = today >= lb
                if out && output == .phasor {
                    c.inPhase[today] = core.inPhase
                    c.quadrature[today] = core.quadrature
                }
                core.updatePeriod()
                smoothPeriod = 0.33 * core.period + 0.67 * smoothPeriod
                if out && output == .dcPeriod { c.dcPeriod[today] = smoothPeriod }
                if output == .phase {
                    prevDCPhase = dcPhase
                    // NaN inside the input would reach here; Int(NaN) traps.
                    let periodInt = smoothPeriod.isFinite ? Int(min(max(smoothPeriod + 0.5, 0), 50)) : 0
                    var realPart = 0.0, imagPart = 0.0
                    var idx = ringIdx
                    for i in 0..<periodInt {
                        let angle = (Double(i) * degToRadBy360) / Double(periodInt)
                        let v = ring[idx]
                        realPart += sin(angle) * v
                        imagPart += cos(angle) * v
                        idx = idx == 0 ? 49 : idx - 1
                    }
                    let magnitude = abs(imagPart)
                    if magnitude > 0 {
                        dcPhase = atan(realPart / imagPart) * rad2Deg
                    } else if magnitude <= 0.01 {
                        if realPart < 0 { dcPhase -= 90 } else if realPart > 0 { dcPhase += 90 }
                    }
                    dcPhase += 90
                    // One bar's lag of the weighted moving average.
                    dcPhase += 360 / smoothPeriod
                    if imagPart < 0 { dcPhase += 180 }
                    if dcPhase > 315 { dcPhase -= 360 }
                    prevSine = sine
                    prevLeadSine = leadSine
                    sine = sin(dcPhase * deg2Rad)
                    leadSine = sin((dcPhase + 45) * deg2Rad)
                    // Trendline: the raw price averaged over the dominant cycle.
                    var total = 0.0
                    for j in 0..<periodInt where today - j >= 0 { total += xs[today - j] }
                    if periodInt > 0 { total /= Double(periodInt) }
                    let trendline = (4 * total + 3 * iTrend1 + 2 * iTrend2 + iTrend3) / 10
                    iTrend3 = iTrend2
                    iTrend2 = iTrend1
                    iTrend1 = total
                    var trend = 1.0
                    if (sine > leadSine && prevSine <= prevLeadSine) || (sine < leadSine && prevSine >= prevLeadSine) {
                        daysInTrend = 0
                        trend = 0
                    }
                    daysInTrend += 1
                    if Double(daysInTrend) < 0.5 * smoothPeriod { trend = 0 }
                    let step = dcPhase - prevDCPhase
                    if smoothPeriod != 0 && step > 0.67 * 360 / smoothPeriod && step < 1.5 * 360 / smoothPeriod { trend = 0 }
                    if trendline != 0 && abs((ring[ringIdx] - trendline) / trendline) >= 0.015 { trend = 1 }
                    if out {
                        c.dcPhase[today] = dcPhase
                        c.sine[today] = sine
                        c.leadSine[today] = leadSine
                        c.trendline[today] = trendline
                        c.trendMode[today] = trend
                    }
                }
                ringIdx = ringIdx == 49 ? 0 : ringIdx + 1
                today += 1
            }
        }
        return c
    }
}
