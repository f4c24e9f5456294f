import TapeCore
import XCTest

/// `set convention tradingview`: the EMA- and RMA-based indicators follow Pine's rules,
/// checked against plain loops written from Pine's definitions.
final class ConventionTests: XCTestCase {
    /// Pine's ta.rma: SMA of the first n values, then alpha * x + (1 - alpha) * prev.
    func rma(_ x: [Double], _ n: Int, from: Int) -> [Double] {
        var out = Array(repeating: Double.nan, count: x.count)
        let alpha = 1 / Double(n)
        var prev = x[from..<(from + n)].reduce(0, +) / Double(n)
        out[from + n - 1] = prev
        for i in (from + n)..<x.count {
            prev = alpha * x[i] + (1 - alpha) * prev
            out[i] = prev
        }
        return out
    }

    /// Pine's ta.ema: seeded with the first value.
    func emaTV(_ x: [Double], _ n: Int) -> [Double] {
        let k = 2 / (Double(n) + 1)
        var prev = x[0]
        return x.enumerated().map { i, v in
            if i > 0 { prev = (v - prev) * k + prev }
            return prev
        }
    }

    func testEMASeedsWithTheFirstValue() throws {
        assertSeries(try indicator("ema", [[1, 2, 3]], [3], .tradingview)[0], [1, 1.5, 2.25], "ema tv")
        assertSeries(try indicator("ema", [[1, 2, 3]], [3], .talib)[0], [nan, nan, 2], "ema talib")
        let c = TalibFixture.goog.close
        assertSeries(try indicator("ema", [c], [20], .tradingview)[0], emaTV(c, 20), "ema goog")
    }

    func testMACDUsesFirstValueSeededEMAs() throws {
        let c = TalibFixture.goog.close
        let out = try indicator("macd", [c], [12, 26, 9], .tradingview)
        let line = zip(emaTV(c, 12), emaTV(c, 26)).map { $0 - $1 }
        let signal = emaTV(line, 9)
        assertSeries(out[0], line, tolerance: 1e-9, "macd")
        assertSeries(out[1], signal, tolerance: 1e-9, "signal")
        XCTAssertEqual(out[0][0], 0)
    }

    func testRSIWithRMA() throws {
        let c = TalibFixture.goog.close
        let up = [0] + (1..<c.count).map { max(c[$0] - c[$0 - 1], 0) }
        let down = [0] + (1..<c.count).map { max(c[$0 - 1] - c[$0], 0) }
        let g = rma(up, 14, from: 1), l = rma(down, 14, from: 1)
        let want = zip(g, l).map { g, l in g.isNaN ? Double.nan : (l == 0 ? 100 : 100 - 100 / (1 + g / l)) }
        let tv = try indicator("rsi", [c], [14], .tradingview)[0]
        assertSeries(tv, want, tolerance: 1e-9, "rsi tv")
        // Same seeding as TA-Lib, so the two agree to rounding.
        assertSeries(tv, try indicator("rsi", [c], [14], .talib)[0], tolerance: 1e-9, "rsi talib vs tv")
        XCTAssertEqual(try indicator("rsi", [[1, 2, 3, 4]], [2], .tradingview)[0][3], 100, "no losses")
    }

    func testATRStartsAtBarZeroWithHighMinusLow() throws {
        let h = [12.0, 13, 14], l = [10.0, 12, 11], c = [11.0, 12.5, 12]
        // tr: 2 (h - l at bar 0), 2, 3.  TV n = 2: mean(2, 2) = 2 at bar 1, then 0.5 * 3 + 0.5 * 2.
        assertSeries(try indicator("atr", [h, l, c], [2], .tradingview)[0], [nan, 2, 2.5], "atr tv")
        // TA-Lib: mean of bars 1..2 = 2.5 at bar 2.
        assertSeries(try indicator("atr", [h, l, c], [2], .talib)[0], [nan, nan, 2.5], "atr talib")
    }

    func testDMIWithRMA() throws {
        let d = TalibFixture.goog
        let n = d.close.count
        var plus = [0.0], minus = [0.0], tr = [0.0]
        for i in 1..<n {
            let up = d.high[i] - d.high[i - 1], dn = d.low[i - 1] - d.low[i]
            plus.append(up > dn && up > 0 ? up : 0)
            minus.append(dn > up && dn > 0 ? dn : 0)
            tr.append(max(d.high[i], d.close[i - 1]) - min(d.low[i], d.close[i - 1]))
        }
        let rTR = rma(tr, 14, from: 1), rP = rma(plus, 14, from: 1), rM = rma(minus, 14, from: 1)
        let pdi: [Double] = (0..<n).map { 100 * rP[$0] / rTR[$0] }
        let mdi: [Double] = (0..<n).map { 100 * rM[$0] / rTR[$0] }
        let dx: [Double] = (0..<n).map { i in
            let total: Double = pdi[i] + mdi[i]
            return 100 * abs(pdi[i] - mdi[i]) / (total == 0 ? 1 : total)
        }
        let adx = rma(dx, 14, from: 14)
        let x = [d.high, d.low, d.close]
        assertSeries(try indicator("plus_di", x, [14], .tradingview)[0], pdi, tolerance: 1e-9, "+di")
        assertSeries(try indicator("minus_di", x, [14], .tradingview)[0], mdi, tolerance: 1e-9, "-di")
        assertSeries(try indicator("adx", x, [14], .tradingview)[0], adx, tolerance: 1e-9, "adx")
    }

    func testDeclaredLookbackIsTheFirstOutputUnderBothConventions() throws {
        // acos and asin are NaN on every price above 1 (TA-Lib's math transforms too).
        for spec in IndicatorCatalogue.all where !["ichimoku", "acos", "asin"].contains(spec.name) {
            let params = try IndicatorCatalogue.resolve(spec, positional: [], keyword: [:])
            for convention in Convention.allCases {
                let out = spec.compute(TalibFixture.inputs(for: spec), params, convention)
                XCTAssertEqual(out[0].firstIndex { !$0.isNaN }, spec.lookback(params, convention), "\(spec.name) \(convention)")
            }
        }
    }
}
