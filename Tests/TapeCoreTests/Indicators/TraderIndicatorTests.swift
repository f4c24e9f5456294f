import Foundation
import TapeCore
import XCTest

/// The indicators beyond TA-Lib, against hand-computed values and identities.
final class TraderIndicatorTests: XCTestCase {
    func testVWAPRestartsEachDay() throws {
        let day = 86_400.0
        let t = [day + 3600, day + 7200, 2 * day + 3600, 2 * day + 7200]
        let h = [11.0, 13, 21, 23], l = [9.0, 11, 19, 21], c = [10.0, 12, 20, 22], v = [100.0, 300, 50, 0]
        // anchor 1: day 1: (10 * 100 + 12 * 300) / 400 = 11.5; day 2 restarts: 20, then a zero-volume bar.
        assertSeries(try indicator("vwap", [h, l, c, v, t], [1])[0], [10, 11.5, 20, 20], "vwap")
        // anchor 0 (TA-Lib's default): one running sum from the first bar.
        let running = 5600.0 / 450   // (10 · 100 + 12 · 300 + 20 · 50) / 450
        assertSeries(try indicator("vwap", [h, l, c, v, t])[0], [10, 11.5, running, running], "vwap from the first bar")
        // Daily bars: each is its own session, so vwap = typical price.
        let goog = TalibFixture.goog
        let vwap = try indicator("vwap", try googInputs("vwap"), [1])[0]
        assertSeries(vwap, (0..<goog.close.count).map { (goog.high[$0] + goog.low[$0] + goog.close[$0]) / 3 }, "daily vwap")
        XCTAssertTrue(try indicator("vwap", [[1], [1], [1], [0], [0]], [1])[0][0].isNaN, "no volume yet")
    }

    func testHullMovingAverage() throws {
        // n = 4: wma(2) and wma(4), then wma over floor(sqrt 4) = 2 of 2*wma2 - wma4.
        let x = [1.0, 2, 4, 8, 16, 32]
        func wma(_ w: [Double]) -> Double { zip(w, 1...).reduce(0) { $0 + $1.0 * Double($1.1) } / Double(w.count * (w.count + 1) / 2) }
        let raw = (3..<6).map { i in 2 * wma(Array(x[(i - 1)...i])) - wma(Array(x[(i - 3)...i])) }
        let want = [nan, nan, nan, nan, wma([raw[0], raw[1]]), wma([raw[1], raw[2]])]
        assertSeries(try indicator("hma", [x], [4])[0], want, "hma")
        // On a straight line the Hull MA has no lag: it equals the line.
        let line = (0..<30).map { 5 + 0.5 * Double($0) }
        let hma = try indicator("hma", [line], [9])[0]
        for i in 10..<30 { XCTAssertEqual(hma[i], line[i], accuracy: 1e-9) }
    }

    func testDonchian() throws {
        let out = try indicator("donchian", [[5, 7, 6, 4], [3, 4, 2, 3]], [2])
        assertSeries(out[0], [nan, 7, 7, 6], "upper")
        assertSeries(out[1], [nan, 5, 4.5, 4], "middle")
        assertSeries(out[2], [nan, 3, 2, 2], "lower")
    }

    func testKeltnerIsEMAPlusMinusATR() throws {
        let x = try googInputs("keltner")
        let k = try indicator("keltner", x, [20, 2, 10])
        let ema = try indicator("ema", [x[2]], [20])[0], atr = try indicator("atr", x, [10])[0]
        XCTAssertEqual(k[0].firstIndex { !$0.isNaN }, 19)
        for i in 19..<ema.count {
            XCTAssertEqual(k[1][i], ema[i], accuracy: 1e-12)
            XCTAssertEqual(k[0][i], ema[i] + 2 * atr[i], accuracy: 1e-9)
            XCTAssertEqual(k[2][i], ema[i] - 2 * atr[i], accuracy: 1e-9)
        }
    }

    func testIchimokuShift() throws {
        let h = (0..<12).map { 10 + Double($0) }, l = h.map { $0 - 2 }, c = h.map { $0 - 1 }
        // tenkan 2, kijun 3, senkou 4, displacement 2. mid(n) at i = (h[i] + l[i-n+1]) / 2 on this rising series.
        let out = try indicator("ichimoku", [h, l, c], [2, 3, 4, 2])
        func mid(_ n: Int, _ i: Int) -> Double { (h[i] + l[i - n + 1]) / 2 }
        XCTAssertEqual(out[0][5], mid(2, 5))
        XCTAssertEqual(out[1][5], mid(3, 5))
        XCTAssertTrue(out[2][3].isNaN, "senkou_a at 3 comes from bar 1, where kijun is not yet defined")
        XCTAssertEqual(out[2][4], (mid(2, 2) + mid(3, 2)) / 2)
        XCTAssertTrue(out[3][4].isNaN)
        XCTAssertEqual(out[3][5], mid(4, 3))
        assertSeries(out[4], c, "chikou is the bar's close")
    }

    func testSupertrendFlipsWithPrice() throws {
        // Flat bars (range 2 around 100) then a rally and a collapse; period 2, mult 1.
        let c: [Double] = [100, 100, 100, 100, 110, 120, 130, 90, 80, 70]
        let h = c.map { $0 + 1 }, l = c.map { $0 - 1 }
        // TradingView's rules: the first trend is down.
        let out = try indicator("supertrend", [h, l, c], [2, 1], .tradingview)
        let atr = try indicator("atr", [h, l, c], [2], .tradingview)[0]
        XCTAssertEqual(out[0].firstIndex { !$0.isNaN }, 1)
        // First bar: direction down, value = hl2 + atr (upper band).
        XCTAssertEqual(out[1][1], -1)
        XCTAssertEqual(out[0][1], 100 + atr[1], accuracy: 1e-12)
        XCTAssertEqual(out[1][5], 1, "up after the rally")
        XCTAssertEqual(out[0][5], 120 - atr[5], accuracy: 1e-12)
        XCTAssertEqual(out[1][9], -1, "down after the collapse")
        for i in 1..<c.count {
            // The line is below the close in an uptrend and above it in a downtrend.
            XCTAssertEqual(out[1][i] == 1, out[0][i] < c[i], "bar \(i)")
        }
        // TA-Lib's rules (the default convention): the first trend is up, on the lower band.
        let talib = try indicator("supertrend", [h, l, c], [2, 1])
        let talibATR = try indicator("atr", [h, l, c], [2])[0]
        XCTAssertEqual(talib[0].firstIndex { !$0.isNaN }, 2)
        XCTAssertEqual(talib[1][2], 1)
        XCTAssertEqual(talib[0][2], 100 - talibATR[2], accuracy: 1e-12)
        XCTAssertEqual(talib[1][9], -1, "down after the collapse")
    }

    func testZScoreCorrelBeta() throws {
        let x = [1.0, 2, 3, 4, 10]
        let z = try indicator("zscore", [x], [3])[0]
        // Window 2, 3, 4: mean 3, sample sd 1 -> z = 1; window 3, 4, 10: mean 17/3, sd sqrt(67/3)... (10 - 17/3) / sd.
        XCTAssertEqual(z[3], 1, accuracy: 1e-12)
        let mean = 17.0 / 3, sd = ((3 - mean) * (3 - mean) + (4 - mean) * (4 - mean) + (10 - mean) * (10 - mean)).squareRoot() / 2.0.squareRoot()
        XCTAssertEqual(z[4], (10 - mean) / sd, accuracy: 1e-12)
        XCTAssertTrue(try indicator("zscore", [[5, 5, 5]], [3])[0][2].isNaN, "constant window")

        let a = [1.0, 2, 3, 4, 5], b = [2.0, 4, 6, 8, 10], d = [5.0, 3, 4, 1, 2]
        assertSeries(try indicator("correl", [a, b], [5])[0], [nan, nan, nan, nan, 1], "perfect correlation")
        assertSeries(try indicator("beta_cov", [b, a], [5])[0], [nan, nan, nan, nan, 2], "beta of 2a on a")
        // a and d: cov = sum((a-3)(d-3)) = -8, var = 10 each -> -0.8.
        XCTAssertEqual(try indicator("correl", [a, d], [5])[0][4], -0.8, accuracy: 1e-12)
        XCTAssertEqual(try indicator("beta_cov", [d, a], [5])[0][4], -0.8, accuracy: 1e-12)
        // TA-Lib's BETA takes prices, the benchmark first: returns of 2a are those of a.
        let twice = try indicator("beta", [a, b], [3])[0]
        XCTAssertEqual(twice.firstIndex { !$0.isNaN }, 3)
        for i in 3..<5 { XCTAssertEqual(twice[i], 1, accuracy: 1e-12) }
    }

    func testRollingWindowStatistics() throws {
        let x = [4.0, 1, 3, 2, 5]
        assertSeries(try indicator("max", [x], [3])[0], [nan, nan, 4, 3, 5], "max")
        assertSeries(try indicator("min", [x], [3])[0], [nan, nan, 1, 1, 2], "min")
        assertSeries(try indicator("sum", [x], [3])[0], [nan, nan, 8, 6, 10], "sum")
        assertSeries(try indicator("mean", [x], [2])[0], [nan, 2.5, 2, 2.5, 3.5], "mean")
        assertSeries(try indicator("std", [x], [3])[0], [nan, nan, (7.0 / 3).squareRoot(), 1, (7.0 / 3).squareRoot()], "std")
        // Quantile 0.25 of (1, 3, 4) at position 0.5: 2; median of (1, 2, 3) = 2; of (2, 3, 5) = 3.
        assertSeries(try indicator("quantile", [x], [3, 0.25])[0], [nan, nan, 2, 1.5, 2.5], "q25")
        assertSeries(try indicator("quantile", [x], [3, 0.5])[0], [nan, nan, 3, 2, 3], "median")
        assertSeries(try indicator("sum", [x], [1])[0], x, "sum over 1 bar")
    }

    func testDrawdown() throws {
        assertSeries(try indicator("drawdown", [[100, 110, 99, 121, 60.5]])[0], [0, 0, 0.1, 0, 0.5], "drawdown")
    }

    func testRealisedVolatility() throws {
        // Close-to-close: returns ln 1.1, ln(1/1.1)... over n = 2 returns.
        let c = [100.0, 110, 100, 110]
        let o = c, h = c.map { $0 * 1.01 }, l = c.map { $0 / 1.01 }
        let r = log(1.1)
        let cc = try indicator("rv_cc", [o, h, l, c], [2, 252])[0]
        // Returns r, -r: mean 0, sample variance 2 r^2.
        XCTAssertTrue(cc[1].isNaN)
        XCTAssertEqual(cc[2], (2 * r * r * 252).squareRoot(), accuracy: 1e-12)
        // Parkinson: ln(h/l) = 2 ln 1.01 every bar.
        let hl = 2 * log(1.01)
        let pk = try indicator("rv_parkinson", [o, h, l, c], [2, 252])[0]
        XCTAssertEqual(pk[1], (hl * hl / (4 * log(2.0)) * 252).squareRoot(), accuracy: 1e-12)
        // Garman-Klass with open == close: only the range term, 0.5 (h/l)^2 per bar.
        let gk = try indicator("rv_gk", [o, h, l, c], [2, 252])[0]
        XCTAssertEqual(gk[1], (0.5 * hl * hl * 252).squareRoot(), accuracy: 1e-12)
        // Yang-Zhang with open == close: the overnight part is the close-to-close one, the
        // open-to-close part is 0, Rogers-Satchell is ln(1.01)^2 * 2 per bar.
        let yz = try indicator("rv_yz", [o, h, l, c], [2, 252])[0]
        let k = 0.34 / (1.34 + 3.0)
        let rs = 2 * log(1.01) * log(1.01)
        XCTAssertEqual(yz[2], ((2 * r * r + (1 - k) * rs) * 252).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(try indicator("rv_cc", [o, h, l, c], [2, 52])[0][2], (2 * r * r * 52).squareRoot(), accuracy: 1e-12)
    }
}
