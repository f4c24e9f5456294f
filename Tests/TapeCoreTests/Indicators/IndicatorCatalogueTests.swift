import TapeCore
import XCTest

/// The catalogue table itself: names, parameter resolution and its errors, and that no
/// entry traps on awkward input.
final class IndicatorCatalogueTests: XCTestCase {
    func testNamesAreUniqueLowerCaseAndFound() {
        let names = IndicatorCatalogue.all.map(\.name)
        XCTAssertEqual(Set(names).count, names.count)
        for spec in IndicatorCatalogue.all {
            XCTAssertEqual(spec.name, spec.name.lowercased())
            XCTAssertEqual(IndicatorCatalogue.named(spec.name.uppercased())?.name, spec.name)
            XCTAssertFalse(spec.outputs.isEmpty, spec.name)
            XCTAssertFalse(spec.summary.isEmpty || spec.formula.isEmpty || spec.conventionNote.isEmpty, spec.name)
            for p in spec.params {
                XCTAssertTrue(p.min <= p.defaultValue && p.defaultValue <= p.max, "\(spec.name).\(p.name)")
            }
        }
        XCTAssertNil(IndicatorCatalogue.named("nosuch"))
        XCTAssertGreaterThanOrEqual(IndicatorCatalogue.all.filter { $0.group == "Pattern" }.count, 16)
    }

    func testResolveFillsDefaultsPositionalAndKeyword() throws {
        let bbands = try XCTUnwrap(IndicatorCatalogue.named("bbands"))
        // TA-Lib 0.8.2's defaults: period 20, 2 and 2 deviations, matype 0 (SMA).
        XCTAssertEqual(try IndicatorCatalogue.resolve(bbands, positional: [], keyword: [:]), [20, 2, 2, 0])
        XCTAssertEqual(try IndicatorCatalogue.resolve(bbands, positional: [20], keyword: ["down": 1.5]), [20, 2, 1.5, 0])
        XCTAssertEqual(try IndicatorCatalogue.resolve(bbands, positional: [], keyword: ["UP": 3]), [20, 3, 2, 0])
        // TA-Lib's own parameter names are accepted too.
        XCTAssertEqual(try IndicatorCatalogue.resolve(bbands, positional: [], keyword: ["timeperiod": 10, "nbdevdn": 1, "matype": 1]),
                       [10, 2, 1, 1])
    }

    func testResolveErrorsReadAsOneLine() throws {
        let rsi = try XCTUnwrap(IndicatorCatalogue.named("rsi"))
        func message(_ spec: IndicatorSpec, _ positional: [Double], _ keyword: [String: Double] = [:]) -> String {
            do {
                _ = try IndicatorCatalogue.resolve(spec, positional: positional, keyword: keyword)
                return "no error"
            } catch let error as IndicatorError {
                return error.description
            } catch {
                return "other error"
            }
        }
        XCTAssertEqual(message(rsi, [0]), "rsi: period must be at least 2, got 0")
        XCTAssertEqual(message(rsi, [14.5]), "rsi: period must be a whole number, got 14.5")
        XCTAssertEqual(message(rsi, [1e9]), "rsi: period must be at most 100000, got 1000000000")
        XCTAssertEqual(message(rsi, [.nan]), "rsi: period must be a finite number, got nan")
        XCTAssertEqual(message(rsi, [14, 3]), "rsi: takes at most 1 parameter (period), got 2")
        XCTAssertEqual(message(rsi, [], ["length": 3]), "rsi: no parameter named 'length' (it has period)")
        XCTAssertEqual(message(rsi, [14], ["period": 3]), "rsi: period given twice")
        let obv = try XCTUnwrap(IndicatorCatalogue.named("obv"))
        XCTAssertEqual(message(obv, [3]), "obv: takes at most 0 parameters, got 1")
    }

    /// compute must never trap: empty, short, constant, NaN-laced series, parameters at
    /// their limits, wrong shapes. Outputs always have the input's length.
    func testNoEntryTrapsOnAwkwardInput() throws {
        let series: [[Double]] = [
            [], [1], [1, 2], Array(repeating: 5, count: 40),
            (0..<60).map { i in i % 7 == 3 ? .nan : 100 + Double(i % 5) },
            [.nan, .nan] + (0..<40).map { 50 + Double($0) }, Array(repeating: .nan, count: 10),
            (0..<40).map { Double($0 % 2 == 0 ? 0 : -1) },
        ]
        for spec in IndicatorCatalogue.all {
            let defaults = spec.params.map(\.defaultValue)
            let paramSets = [defaults, spec.params.map(\.min), spec.params.map(\.max)]
            for x in series {
                let inputs = spec.inputs.map { _ in x }
                for params in paramSets {
                    for convention in Convention.allCases {
                        let out = spec.compute(inputs, params, convention)
                        XCTAssertEqual(out.count, spec.outputs.count, spec.name)
                        XCTAssertTrue(out.allSatisfy { $0.count == x.count }, spec.name)
                        let stream = spec.makeStream(params, convention)
                        for i in x.indices.prefix(12) { XCTAssertEqual(stream.push(inputs.map { $0[i] }).count, spec.outputs.count) }
                    }
                }
            }
            // Wrong shapes and unresolved parameters give NaN, not a trap.
            let bad = spec.compute([[1, 2, 3]], [], .talib)
            XCTAssertEqual(bad.count, spec.outputs.count)
            XCTAssertEqual(spec.makeStream([-5], .talib).push([1]).count, spec.outputs.count)
            if spec.inputs.count > 1 {
                let ragged = spec.inputs.indices.map { Array(repeating: 1.0, count: 5 + $0) }
                XCTAssertTrue(spec.compute(ragged, defaults, .talib).allSatisfy { $0.allSatisfy(\.isNaN) }, spec.name)
            }
        }
    }

    func testShortInputIsAllNaN() throws {
        let x = [1.0, 2, 3]
        XCTAssertTrue(try indicator("sma", [x], [4])[0].allSatisfy(\.isNaN))
        XCTAssertTrue(try indicator("macd", [x])[2].allSatisfy(\.isNaN))
        XCTAssertEqual(try indicator("sma", [x], [3])[0].last, 2)
    }

    func testLeadingNaNShiftsTheStartLikeTALibsWrapper() throws {
        // sma(ema(x)) starts where the EMA does, offset by the SMA's own lookback.
        let c = TalibFixture.goog.close
        let ema = try indicator("ema", [c], [10])[0]
        let chained = try indicator("sma", [ema], [5])[0]
        XCTAssertEqual(chained.firstIndex { !$0.isNaN }, 13)
        XCTAssertEqual(chained[13], ema[9...13].reduce(0, +) / 5, accuracy: 1e-9)
    }
}
