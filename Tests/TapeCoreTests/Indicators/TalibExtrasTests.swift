import Foundation
import TapeCore
import XCTest

/// The TA-Lib functions without reference files, checked against hand-computed values and
/// identities with indicators that do match TA-Lib's files.
final class TalibExtrasTests: XCTestCase {
    func testADXRAveragesADXWithItsValueNMinusOneBarsBack() throws {
        let x = try googInputs("adx")
        let adx = try indicator("adx", x, [14])[0]
        let adxr = try indicator("adxr", x, [14])[0]
        XCTAssertEqual(adxr.firstIndex { !$0.isNaN }, 40)
        for i in 40..<adx.count { XCTAssertEqual(adxr[i], (adx[i] + adx[i - 13]) / 2, accuracy: 1e-12) }
    }

    func testDXFromDirectionalIndicators() throws {
        let x = try googInputs("dx")
        let dx = try indicator("dx", x, [14])[0]
        let p = try indicator("plus_di", x, [14])[0], m = try indicator("minus_di", x, [14])[0]
        XCTAssertEqual(dx.firstIndex { !$0.isNaN }, 14)
        for i in 14..<dx.count { XCTAssertEqual(dx[i], 100 * abs(p[i] - m[i]) / (p[i] + m[i]), accuracy: 1e-9) }
    }

    func testDirectionalMovementByHand() throws {
        // +DM: 2, 0, 4; -DM: 0, 2, 0 (bar 2: the low fell 2 while the high fell). n = 2:
        // first value = sum over bar 1, then S - S/2 + dm.
        let h = [10.0, 12, 11, 15], l = [9.0, 10, 8, 12]
        assertSeries(try indicator("plus_dm", [h, l], [2])[0], [nan, 2, 1, 4.5], "plus_dm")
        assertSeries(try indicator("minus_dm", [h, l], [2])[0], [nan, 0, 2, 1], "minus_dm")
    }

    func testAPOandPPOAgainstMovingAveragesAndMACD() throws {
        let c = TalibFixture.goog.close
        let apo = try indicator("apo", [c], [12, 26, 0])[0]
        let ppo = try indicator("ppo", [c], [12, 26, 0])[0]
        let fast = try indicator("sma", [c], [12])[0], slow = try indicator("sma", [c], [26])[0]
        XCTAssertEqual(apo.firstIndex { !$0.isNaN }, 25)
        for i in 25..<c.count {
            XCTAssertEqual(apo[i], fast[i] - slow[i], accuracy: 1e-12)
            XCTAssertEqual(ppo[i], 100 * apo[i] / slow[i], accuracy: 1e-10)
        }
        // With EMAs (TA-Lib 0.8's default matype) APO is EMA(12) - EMA(26), each seeded with
        // the SMA of its own first bars: not MACD's line, whose fast EMA starts at bar 25.
        let apoEMA = try indicator("apo", [c], [12, 26, 1])[0]
        let ema12 = try indicator("ema", [c], [12])[0], ema26 = try indicator("ema", [c], [26])[0]
        let macd = try indicator("macd", [c], [12, 26, 9])[0]
        XCTAssertEqual(apoEMA.firstIndex { !$0.isNaN }, 25)
        for i in 25..<c.count { XCTAssertEqual(apoEMA[i], ema12[i] - ema26[i], accuracy: 1e-12) }
        XCTAssertGreaterThan(abs(apoEMA[33] - macd[33]), 1e-6, "the fast EMA is not delayed as in MACD")
        XCTAssertEqual(try indicator("apo", [c])[0][40], apoEMA[40], "EMA is the default")
    }

    func testCMOIsTwiceRSIMinus100AndByHand() throws {
        let c = TalibFixture.goog.close
        let cmo = try indicator("cmo", [c], [14])[0], rsi = try indicator("rsi", [c], [14])[0]
        XCTAssertEqual(cmo.firstIndex { !$0.isNaN }, 14)
        for i in 14..<c.count { XCTAssertEqual(cmo[i], 2 * rsi[i] - 100, accuracy: 1e-9) }
        // n = 2 on 1, 3, 2: gains 2, losses 1 -> 100 * (1 - 0.5) / 1.5.
        assertSeries(try indicator("cmo", [[1, 3, 2]], [2])[0], [nan, nan, 100.0 / 3], "cmo")
    }

    func testAroonOscillatorIsUpMinusDown() throws {
        let x = try googInputs("aroon")
        let a = try indicator("aroon", x, [25]), osc = try indicator("aroonosc", x, [25])[0]
        assertSeries(osc, zip(a[1], a[0]).map { $0 - $1 }, tolerance: 1e-12, "aroonosc")
    }

    func testMidpointAndMidpriceByHand() throws {
        assertSeries(try indicator("midpoint", [[1, 3, 2, 5, 4]], [3])[0], [nan, nan, 2, 3.5, 3.5], "midpoint")
        assertSeries(try indicator("midprice", [[4, 6, 5, 9], [1, 2, 0, 3]], [2])[0], [nan, 3.5, 3, 4.5], "midprice")
    }

    func testVarianceIsStddevSquared() throws {
        let c = TalibFixture.goog.close
        let v = try indicator("var", [c], [20])[0], s = try indicator("stddev", [c], [20, 1])[0]
        assertSeries(v, s.map { $0 * $0 }, tolerance: 1e-9, "var")
        // Population variance of 1, 2, 3, 4 is 1.25.
        XCTAssertEqual(try indicator("var", [[1, 2, 3, 4]], [4])[0][3], 1.25, accuracy: 1e-12)
    }

    func testRegressionFamilyOnALineAndIdentities() throws {
        let line = (0..<10).map { 2 + 3 * Double($0) }
        let n = 5.0
        assertSeries(try indicator("linearreg_slope", [line], [n])[0], [nan, nan, nan, nan] + Array(repeating: 3, count: 6), "slope")
        assertSeries(try indicator("linearreg", [line], [n])[0], [nan, nan, nan, nan] + Array(line[4...]), "linearreg")
        assertSeries(try indicator("linearreg_intercept", [line], [n])[0], [nan, nan, nan, nan] + Array(line[0...5]), "intercept")
        assertSeries(try indicator("tsf", [line], [n])[0], [nan, nan, nan, nan] + line[4...].map { $0 + 3 }, "tsf")
        assertSeries(try indicator("linearreg_angle", [line], [n])[0], [nan, nan, nan, nan] + Array(repeating: atan(3.0) * 180 / .pi, count: 6), "angle")

        let c = TalibFixture.goog.close
        let slope = try indicator("linearreg_slope", [c], [14])[0]
        let b = try indicator("linearreg_intercept", [c], [14])[0]
        let reg = try indicator("linearreg", [c], [14])[0], tsf = try indicator("tsf", [c], [14])[0]
        for i in 13..<c.count {
            XCTAssertEqual(reg[i], b[i] + slope[i] * 13, accuracy: 1e-9 * abs(reg[i]))
            XCTAssertEqual(tsf[i], b[i] + slope[i] * 14, accuracy: 1e-9 * abs(tsf[i]))
        }
    }

    func testStochFByHand() throws {
        let h = [10.0, 12, 11, 13], l = [8.0, 9, 9, 10], c = [9.0, 11, 10, 12]
        // k over 3 bars from bar 2: (10 - 8) / (12 - 8) = 50, (12 - 9) / (13 - 9) = 75; d = sma2.
        let out = try indicator("stochf", [h, l, c], [3, 2])
        assertSeries(out[0], [nan, nan, nan, 75], "k")
        assertSeries(out[1], [nan, nan, nan, 62.5], "d")
        // STOCH with k_slow 1 is STOCHF.
        let stoch = try indicator("stoch", [h, l, c], [3, 1, 2])
        assertSeries(stoch[0], out[0], "stoch k")
    }

    func testPriceTransformsByHand() throws {
        let o = [1.0], h = [4.0], l = [2.0], c = [3.5]
        XCTAssertEqual(try indicator("wclprice", [h, l, c])[0], [(4 + 2 + 7) / 4])
        XCTAssertEqual(try indicator("avgprice", [o, h, l, c])[0], [(1 + 4 + 2 + 3.5) / 4])
    }

    func testRatesOfChange() throws {
        let x = [10.0, 11, 12.1, 0, 5]
        assertSeries(try indicator("rocp", [x], [1])[0], [nan, 0.1, 0.1, -1, 0], "rocp")
        assertSeries(try indicator("rocr", [x], [1])[0], [nan, 1.1, 1.1, 0, 0], "rocr")
        let c = TalibFixture.goog.close
        let roc = try indicator("roc", [c], [10])[0], rocp = try indicator("rocp", [c], [10])[0]
        let rocr = try indicator("rocr", [c], [10])[0]
        for i in 10..<c.count {
            XCTAssertEqual(rocp[i] * 100, roc[i], accuracy: 1e-9)
            XCTAssertEqual(rocr[i], 1 + rocp[i], accuracy: 1e-12)
        }
    }
}
