import TapeCore
import XCTest

/// STDDEV, VAR and BBANDS against the exact population standard deviation of each window
/// (two passes, compensated sums: ~1e-16 relative) on series whose spread is tiny next to
/// their level: hourly EUR/USD (1.1 ± 1e-4) and Bitcoin at $8,000 … $19,800.
final class StatisticPrecisionTests: XCTestCase {
    /// Neumaier-compensated sum.
    static func sum(_ values: ArraySlice<Double>) -> Double {
        var s = 0.0, c = 0.0
        for v in values {
            let t = s + v
            c += abs(s) >= abs(v) ? (s - t) + v : (v - t) + s
            s = t
        }
        return s + c
    }

    static func exactVariance(_ x: [Double], _ i: Int, _ n: Int) -> Double {
        let window = x[(i - n + 1)...i]
        let mean = sum(window) / Double(n)
        return sum(ArraySlice(window.map { ($0 - mean) * ($0 - mean) })) / Double(n)
    }

    func testStandardDeviationWithin1e12OfExactOnFXAndHighPrices() throws {
        for series in ["eurusd", "btcpeak", "spy"] {
            let close = try XCTUnwrap(TalibFullFixture.bars(series).columns["close"])
            for n in [5, 20] {
                let stddev = try indicator("stddev", [close], [Double(n), 1])[0]
                let variance = try indicator("var", [close], [Double(n)])[0]
                let bands = try indicator("bbands", [close], [Double(n), 2, 2])
                var worstSD = 0.0, worstVar = 0.0, worstBand = 0.0
                for i in (n - 1)..<close.count {
                    let exact = Self.exactVariance(close, i, n)
                    guard exact > 1e-14 else { continue }
                    let sd = exact.squareRoot()
                    worstSD = max(worstSD, abs(stddev[i] - sd) / sd)
                    worstVar = max(worstVar, abs(variance[i] - exact) / exact)
                    // A band is middle + 2 sd: exact to the last bit of the band itself.
                    let mean = Self.sum(close[(i - n + 1)...i]) / Double(n)
                    worstBand = max(worstBand, abs(bands[0][i] - (mean + 2 * sd)) / abs(bands[0][i]))
                }
                XCTAssertLessThan(worstSD, 1e-12, "stddev \(series) n=\(n)")
                XCTAssertLessThan(worstVar, 1e-12, "var \(series) n=\(n)")
                XCTAssertLessThan(worstBand, 1e-15, "bbands \(series) n=\(n)")
            }
        }
    }

    /// The running sums of x and x² TA-Lib used before 0.8 (and Tape before this test) are
    /// off by ~1e-7 on EUR/USD: the data makes the test able to fail.
    func testNaiveRunningSumsWouldFailOnFX() throws {
        let close = try XCTUnwrap(TalibFullFixture.bars("eurusd").columns["close"])
        let n = 5
        var t1 = 0.0, t2 = 0.0, worst = 0.0
        for i in close.indices {
            t1 += close[i]
            t2 += close[i] * close[i]
            if i >= n {
                t1 -= close[i - n]
                t2 -= close[i - n] * close[i - n]
            }
            guard i >= n - 1 else { continue }
            let naive = t2 / Double(n) - (t1 / Double(n)) * (t1 / Double(n))
            let exact = Self.exactVariance(close, i, n)
            if exact > 1e-14 { worst = max(worst, abs(naive - exact) / exact) }
        }
        XCTAssertGreaterThan(worst, 1e-9)
    }
}
