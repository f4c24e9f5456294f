import TapeCore
import XCTest

/// Hand-built candle sequences for each pattern. Twelve filler bars first (open 100, close
/// 101, high 101.5, low 99.5: body 1, range 2) fix TA-Lib's default averages: BodyDoji and
/// ShadowVeryShort 0.2, BodyShort and BodyLong 1, Near 0.4, Far 1.2.
final class CandlestickPatternTests: XCTestCase {
    typealias Bar = (o: Double, h: Double, l: Double, c: Double)
    static let filler: Bar = (100, 101.5, 99.5, 101)

    /// The pattern's value at the last bar, after the fillers.
    func last(_ name: String, _ bars: [Bar], _ params: [Double] = [], file: StaticString = #filePath, line: UInt = #line) throws -> Double {
        let all = Array(repeating: Self.filler, count: 12) + bars
        let out = try indicator(name, [all.map(\.o), all.map(\.h), all.map(\.l), all.map(\.c)], params, file: file, line: line)[0]
        return out.last ?? .nan
    }

    func testFillerMatchesNothing() throws {
        for name in ["cdldoji", "cdlhammer", "cdlhangingman", "cdlinvertedhammer", "cdlshootingstar", "cdlengulfing",
                     "cdlmarubozu", "cdlharami", "cdldragonflydoji", "cdlgravestonedoji", "cdlpiercing",
                     "cdldarkcloudcover", "cdlmorningstar", "cdleveningstar", "cdl3whitesoldiers", "cdl3blackcrows"] {
            XCTAssertEqual(try last(name, [Self.filler, Self.filler]), 0, name)
        }
    }

    func testMarubozu() throws {
        XCTAssertEqual(try last("cdlmarubozu", [(100, 103.1, 99.95, 103)]), 100)
        XCTAssertEqual(try last("cdlmarubozu", [(103, 103.05, 99.9, 100)]), -100)
        XCTAssertEqual(try last("cdlmarubozu", [(100, 103.5, 99.95, 103)]), 0, "upper shadow 0.5 is not very short")
    }

    func testDojiFamily() throws {
        let doji: Bar = (100, 101, 99, 100.1)
        XCTAssertEqual(try last("cdldoji", [doji]), 100)
        let dragonfly: Bar = (100, 100.1, 98, 100.05)
        XCTAssertEqual(try last("cdldragonflydoji", [dragonfly]), 100)
        XCTAssertEqual(try last("cdlgravestonedoji", [dragonfly]), 0)
        XCTAssertEqual(try last("cdldoji", [dragonfly]), 100)
        let gravestone: Bar = (100, 102, 99.98, 100.05)
        XCTAssertEqual(try last("cdlgravestonedoji", [gravestone]), 100)
        XCTAssertEqual(try last("cdldragonflydoji", [gravestone]), 0)
        XCTAssertEqual(try last("cdldoji", [(100, 101, 99, 100.3)]), 0, "body 0.3 > 0.2")
    }

    func testHammerAndHangingMan() throws {
        // Body bottom 99.6 <= prior low 99.5 + Near 0.4: hammer, not hanging man.
        let hammer: Bar = (99.6, 99.85, 98, 99.8)
        XCTAssertEqual(try last("cdlhammer", [hammer]), 100)
        XCTAssertEqual(try last("cdlhangingman", [hammer]), 0)
        // Body bottom 101.6 >= prior high 101.5 - Near 0.4: hanging man, not hammer.
        let hanging: Bar = (101.6, 101.85, 100, 101.8)
        XCTAssertEqual(try last("cdlhangingman", [hanging]), -100)
        XCTAssertEqual(try last("cdlhammer", [hanging]), 0)
        XCTAssertEqual(try last("cdlhammer", [(99.6, 100.2, 98, 99.8)]), 0, "upper shadow 0.4 too long")
    }

    func testShootingStarAndInvertedHammer() throws {
        let star: Bar = (101.2, 103, 101.05, 101.1)
        XCTAssertEqual(try last("cdlshootingstar", [star]), -100)
        XCTAssertEqual(try last("cdlinvertedhammer", [star]), 0)
        let inverted: Bar = (99.8, 101.5, 99.75, 99.9)
        XCTAssertEqual(try last("cdlinvertedhammer", [inverted]), 100)
        XCTAssertEqual(try last("cdlshootingstar", [inverted]), 0)
    }

    func testEngulfing() throws {
        XCTAssertEqual(try last("cdlengulfing", [(101.5, 101.6, 99.4, 99.5)]), -100)
        XCTAssertEqual(try last("cdlengulfing", [(101, 101.6, 99.4, 99.5)]), -80, "open equal to the prior close")
        XCTAssertEqual(try last("cdlengulfing", [(102, 102.1, 99, 99), (98.5, 102.6, 98.4, 102.5)]), 100)
    }

    func testHarami() throws {
        let longBlack: Bar = (103, 103.2, 99.8, 100)
        XCTAssertEqual(try last("cdlharami", [longBlack, (101, 101.6, 100.9, 101.5)]), 100)
        XCTAssertEqual(try last("cdlharami", [longBlack, (100, 100.6, 99.9, 100.5)]), 80, "bottom equal to the prior close")
        XCTAssertEqual(try last("cdlharami", [longBlack, (101, 103.6, 100.9, 103.5)]), 0, "not inside")
    }

    func testPiercingAndDarkCloud() throws {
        XCTAssertEqual(try last("cdlpiercing", [(103, 103.2, 99.8, 100), (99.5, 102.1, 99.4, 102)]), 100)
        XCTAssertEqual(try last("cdlpiercing", [(103, 103.2, 99.8, 100), (99.5, 101.1, 99.4, 101)]), 0, "closes below the middle")
        XCTAssertEqual(try last("cdldarkcloudcover", [(100, 103.2, 99.8, 103), (103.5, 103.6, 100.9, 101)]), -100)
        XCTAssertEqual(try last("cdldarkcloudcover", [(100, 103.2, 99.8, 103), (103.5, 103.6, 100.9, 101)], [0.8]), 0,
                       "penetration 0.8 needs a close below 100.6")
    }

    func testStars() throws {
        let morning: [Bar] = [(103, 103.1, 99.9, 100), (99.5, 99.7, 99.4, 99.6), (99.8, 102.1, 99.7, 102)]
        XCTAssertEqual(try last("cdlmorningstar", morning), 100)
        XCTAssertEqual(try last("cdleveningstar", morning), 0)
        let evening: [Bar] = [(100, 103.1, 99.9, 103), (103.5, 103.6, 103.3, 103.4), (103.2, 103.3, 100.9, 101)]
        XCTAssertEqual(try last("cdleveningstar", evening), -100)
        XCTAssertEqual(try last("cdlmorningstar", evening), 0)
        XCTAssertEqual(try last("cdleveningstar", [evening[0], (102.5, 103.6, 102.4, 103.4), evening[2]]), 0, "no gap")
    }

    func testThreeSoldiersAndCrows() throws {
        let soldiers: [Bar] = [(100, 101.6, 99.9, 101.5), (101, 102.6, 100.9, 102.5), (102, 103.6, 101.9, 103.5)]
        XCTAssertEqual(try last("cdl3whitesoldiers", soldiers), 100)
        XCTAssertEqual(try last("cdl3whitesoldiers", [soldiers[0], soldiers[1], (102, 104.5, 101.9, 103.5)]), 0, "long upper shadow")
        let crows: [Bar] = [(101.2, 101.3, 99.75, 99.8), (100.5, 100.6, 98.75, 98.8), (99.5, 99.6, 97.75, 97.8)]
        XCTAssertEqual(try last("cdl3blackcrows", crows), -100)
        XCTAssertEqual(try last("cdl3blackcrows", [crows[0], crows[1], (99.5, 99.6, 97.0, 97.8)]), 0, "long lower shadow")
    }

    func testLookbackIsNaN() throws {
        let spec = try XCTUnwrap(IndicatorCatalogue.named("cdl3blackcrows"))
        XCTAssertEqual(spec.lookback([]), 13)
        XCTAssertTrue(try last("cdl3blackcrows", [Self.filler]).isNaN, "bar 12 is inside the lookback")
        XCTAssertEqual(try last("cdl3blackcrows", [Self.filler, Self.filler]), 0)
    }
}
