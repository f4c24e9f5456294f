/// Batch loops for the most used indicators, written out with scalar locals and the seed
/// separated from the steady state, so the hot loop has no per-bar branches beyond the
/// arithmetic. Each performs exactly the operations of its streaming state (RSIState,
/// MACDState, DirectionalState), so stream and batch agree bit for bit (tested).
enum HotLoops {
    static func rsi(_ x: [Double], _ n: Int, _ c: Convention) -> [Double] {
        var out = Kernels.nans(x.count)
        guard n < x.count else { return out }
        let tradingView = c == .tradingview
        let alpha = 1 / Double(n)
        let decay = Kernels.wilderDecay(n, tradingView: tradingView)
        x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                var gain = 0.0, loss = 0.0
                for i in 1...n {
                    let d = xs[i] - xs[i - 1]
                    gain += RSIState.up(d)
                    loss += RSIState.down(d)
                }
                loss /= Double(n)
                gain /= Double(n)
                o[n] = RSIState.value(gain: gain, loss: loss, tradingView: tradingView)
                var i = n + 1
                while i < xs.count {
                    let d = xs[i] - xs[i - 1]
                    gain = gain * decay + RSIState.up(d) * alpha
                    loss = loss * decay + RSIState.down(d) * alpha
                    o[i] = RSIState.value(gain: gain, loss: loss, tradingView: tradingView)
                    i += 1
                }
            }
        }
        return out
    }

    static func macd(_ x: [Double], _ fast: Int, _ slow: Int, _ signal: Int, _ c: Convention) -> [[Double]] {
        let count = x.count
        let f = min(fast, slow), sl = max(fast, slow)
        let tradingView = c == .tradingview
        let first = tradingView ? 0 : sl - 1
        let lookback = tradingView ? 0 : first + signal - 1
        guard lookback < count else { return [Kernels.nans(count), Kernels.nans(count), Kernels.nans(count)] }
        var ef = TwoStepEMA(period: f), es = TwoStepEMA(period: sl), sig = TwoStepEMA(period: signal)
        // The outputs are allocated uninitialised and each element written once (NaN up to
        // the lookback): at 1,000,000 bars a NaN fill first is three extra passes over 8 MB.
        var s: [Double] = [], h: [Double] = []
        let m = [Double](unsafeUninitializedCapacity: count) { mo, mCount in
            s = [Double](unsafeUninitializedCapacity: count) { so, sCount in
                h = [Double](unsafeUninitializedCapacity: count) { ho, hCount in
                    x.withUnsafeBufferPointer { xs in
                        for j in 0..<lookback {
                            mo[j] = .nan
                            so[j] = .nan
                            ho[j] = .nan
                        }
                        var line: Double
                        var i = first
                        if tradingView {
                            ef.seed(xs[0])
                            es.seed(xs[0])
                            line = 0
                            sig.seed(line)
                        } else {
                            // MACDState's seeds: SMA of 0..slow-1 and of the fast closes ending
                            // at slow-1; the signal's seed is the mean of its first values.
                            var sumS = 0.0, sumF = 0.0
                            for j in 0..<sl {
                                sumS += xs[j]
                                if j >= sl - f { sumF += xs[j] }
                            }
                            es.seed(sumS / Double(sl))
                            ef.seed(sumF / Double(f))
                            line = ef.value - es.value
                            var total = line
                            while i < lookback {
                                i += 1
                                line = ef.update(xs[i]) - es.update(xs[i])
                                total += line
                            }
                            sig.seed(total / Double(signal))
                        }
                        mo[i] = line
                        so[i] = sig.value
                        ho[i] = line - sig.value
                        i += 1
                        while i < count {
                            line = ef.update(xs[i]) - es.update(xs[i])
                            let v = sig.update(line)
                            mo[i] = line
                            so[i] = v
                            ho[i] = line - v
                            i += 1
                        }
                    }
                    hCount = count
                }
                sCount = count
            }
            mCount = count
        }
        return [m, s, h]
    }

    /// ADX under the TA-Lib convention (see `DirectionalState` for the rules).
    static func adx(_ high: [Double], _ low: [Double], _ close: [Double], _ n: Int) -> [Double] {
        let count = close.count
        var out = Kernels.nans(count)
        guard 2 * n - 1 < count else { return out }
        let alpha = 1 / Double(n), decay = Kernels.wilderDecay(n, tradingView: false), dn = Double(n)
        high.withUnsafeBufferPointer { h in
            low.withUnsafeBufferPointer { l in
                close.withUnsafeBufferPointer { c in
                    out.withUnsafeMutableBufferPointer { o in
                        var sPlus = 0.0, sMinus = 0.0, sTR = 0.0
                        @inline(__always) func move(_ i: Int) -> (Double, Double, Double) {
                            let (plus, minus) = DirectionalState.movement(h[i] - h[i - 1], l[i - 1] - l[i])
                            return (plus, minus, Kernels.trueRange(h[i], l[i], c[i - 1]))
                        }
                        /// DX at bar i after the Wilder update; NaN when TR or the DI sum is 0.
                        @inline(__always) func dx(_ i: Int) -> Double {
                            let (plus, minus, tr) = move(i)
                            sMinus = sMinus * decay + minus
                            sPlus = sPlus * decay + plus
                            sTR = sTR * decay + tr
                            guard !Kernels.isZero(sTR) else { return .nan }
                            let scale = 100.0 / sTR
                            let mdi = sMinus * scale, pdi = sPlus * scale
                            let total = mdi + pdi
                            return Kernels.isZero(total) ? .nan : 100.0 * (abs(mdi - pdi) / total)
                        }
                        for i in 1..<n {
                            let (plus, minus, tr) = move(i)
                            sPlus += plus
                            sMinus += minus
                            sTR += tr
                        }
                        var sumDX = 0.0
                        for i in n...(2 * n - 1) {
                            let v = dx(i)
                            if !v.isNaN { sumDX += v }
                        }
                        var adx = sumDX / dn
                        o[2 * n - 1] = adx
                        var i = 2 * n
                        while i < count {
                            let v = dx(i)
                            if !v.isNaN { adx = adx * decay + v * alpha }
                            o[i] = adx
                            i += 1
                        }
                    }
                }
            }
        }
        return out
    }
}
