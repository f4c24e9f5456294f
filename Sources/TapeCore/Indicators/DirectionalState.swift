/// Wilder's directional movement system, bar by bar (README "Directional movement",
/// ta_ADX.c / ta_PLUS_DI.c / ta_DX.c / ta_PLUS_DM.c).
///
/// TA-Lib: +DM = up move if positive and larger than the down move, else 0 (a tie gives 0
/// to both). Wilder *sums* of +DM, -DM and TR start as plain sums over bars 1..n-1 (that is
/// PLUS_DM's first value, at bar n-1); from bar n, `S = S - S/n + value`. DI = 100·S(DM)/S(TR)
/// from bar n (0 when S(TR) is 0). DX = 100·|+DI - -DI| / (+DI + -DI). ADX = mean of DX over
/// bars n..2n-1 at bar 2n-1, then `(adx·(n-1) + dx) / n`; a bar with a zero TR or DI sum
/// leaves ADX unchanged and DX at its previous value.
///
/// TradingView (`ta.dmi`): +DM, -DM and TR each averaged with `ta.rma` (seeded with the SMA
/// of bars 1..n, then alpha = 1/n), DI = 100·rma(DM)/rma(TR), DX with a zero DI sum read as
/// 1, ADX = rma(DX) seeded with the SMA of DX over bars n..2n-1. Lookbacks are as TA-Lib's.
struct DirectionalState {
    struct Output {
        var plusDM = Double.nan
        var minusDM = Double.nan
        var plusDI = Double.nan
        var minusDI = Double.nan
        var dx = Double.nan
        var adx = Double.nan
    }

    let n: Int
    let dn: Double
    let alpha: Double
    /// (n-1)/n: `S - S/n` and `(adx (n-1) + dx) / n` are evaluated as multiplies (see ATRState).
    let decay: Double
    let tradingView: Bool
    var count = 0
    var prevHigh = 0.0
    var prevLow = 0.0
    var prevClose = 0.0
    var sPlus = 0.0
    var sMinus = 0.0
    var sTR = 0.0
    var sumDX = 0.0
    var lastDX = 0.0
    var adx = 0.0

    init(_ n: Int, _ convention: Convention) {
        self.n = n
        self.dn = Double(n)
        self.alpha = 1 / Double(n)
        self.decay = Kernels.wilderDecay(n, tradingView: false)
        self.tradingView = convention == .tradingview
    }

    /// (+DM, -DM) from the up move and the down move: +DM = up if up > 0 and up > down,
    /// -DM = down if down > 0 and down > up, else 0 (a tie gives 0 to both). Computed with
    /// integer 0/1 masks, not branches: a random walk's moves are unpredictable.
    @inline(__always)
    static func movement(_ diffP: Double, _ diffM: Double) -> (plus: Double, minus: Double) {
        let plusMask = (diffP > 0 ? 1 : 0) & (diffP > diffM ? 1 : 0)
        let minusMask = (diffM > 0 ? 1 : 0) & (diffM > diffP ? 1 : 0)
        return (diffP * Double(plusMask), diffM * Double(minusMask))
    }

    @inline(__always)
    mutating func next(high: Double, low: Double, close: Double) -> Output {
        var out = Output()
        let i = count
        count += 1
        if i == 0 {
            prevHigh = high
            prevLow = low
            prevClose = close
            return out
        }
        let (plus, minus) = DirectionalState.movement(high - prevHigh, prevLow - low)
        let tr = Kernels.trueRange(high, low, prevClose)
        prevHigh = high
        prevLow = low
        prevClose = close
        if tradingView { return nextTradingView(i, plus, minus, tr) }
        if i < n {
            sPlus += plus
            sMinus += minus
            sTR += tr
            if i == n - 1 {
                out.plusDM = sPlus
                out.minusDM = sMinus
            }
            return out
        }
        sMinus = sMinus * decay + minus
        sPlus = sPlus * decay + plus
        sTR = sTR * decay + tr
        out.plusDM = sPlus
        out.minusDM = sMinus
        var dxValue = Double.nan
        if !Kernels.isZero(sTR) {
            let scale = 100.0 / sTR
            let mdi = sMinus * scale, pdi = sPlus * scale
            out.minusDI = mdi
            out.plusDI = pdi
            let total = mdi + pdi
            if !Kernels.isZero(total) { dxValue = 100.0 * (abs(mdi - pdi) / total) }
        } else {
            out.minusDI = 0
            out.plusDI = 0
        }
        if dxValue.isNaN {
            out.dx = i == n ? 0 : lastDX
        } else {
            out.dx = dxValue
        }
        lastDX = out.dx
        if i < 2 * n - 1 {
            if !dxValue.isNaN { sumDX += dxValue }
            return out
        }
        if i == 2 * n - 1 {
            if !dxValue.isNaN { sumDX += dxValue }
            adx = sumDX / dn
        } else if !dxValue.isNaN {
            adx = adx * decay + dxValue * alpha
        }
        out.adx = adx
        return out
    }

    @inline(__always)
    private mutating func nextTradingView(_ i: Int, _ plus: Double, _ minus: Double, _ tr: Double) -> Output {
        var out = Output()
        if i <= n {
            sPlus += plus
            sMinus += minus
            sTR += tr
            guard i == n else { return out }
            sPlus /= dn
            sMinus /= dn
            sTR /= dn
        } else {
            sPlus = alpha * plus + (1 - alpha) * sPlus
            sMinus = alpha * minus + (1 - alpha) * sMinus
            sTR = alpha * tr + (1 - alpha) * sTR
        }
        out.plusDM = sPlus
        out.minusDM = sMinus
        // Pine's fixnan keeps the last DI when rma(TR) is 0.
        if sTR != 0 {
            out.plusDI = 100 * sPlus / sTR
            out.minusDI = 100 * sMinus / sTR
        } else {
            out.plusDI = i == n ? 0 : lastPlusDI
            out.minusDI = i == n ? 0 : lastMinusDI
        }
        lastPlusDI = out.plusDI
        lastMinusDI = out.minusDI
        let total = out.plusDI + out.minusDI
        let dxValue = 100 * abs(out.plusDI - out.minusDI) / (total == 0 ? 1 : total)
        out.dx = dxValue
        if i < 2 * n - 1 {
            sumDX += dxValue
        } else if i == 2 * n - 1 {
            sumDX += dxValue
            adx = sumDX / dn
            out.adx = adx
        } else {
            adx = alpha * dxValue + (1 - alpha) * adx
            out.adx = adx
        }
        return out
    }

    var lastPlusDI = 0.0
    var lastMinusDI = 0.0
}
