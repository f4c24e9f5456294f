import TapeCore
import XCTest

/// Every catalogue entry, streamed bar by bar over the GOOG fixture, equals its batch
/// `compute` (exactly, or within 1e-12 relative), under both conventions.
final class IndicatorStreamingTests: XCTestCase {
    func testEveryIndicatorStreamsLikeBatch() throws {
        let data = TalibFixture.goog
        XCTAssertEqual(data.close.count, 2148)
        for spec in IndicatorCatalogue.all {
            let params = try IndicatorCatalogue.resolve(spec, positional: [], keyword: [:])
            // Two distinct user series where an indicator takes two (correl, beta).
            let inputs = TalibFixture.inputs(for: spec, series: [data.close, data.open].prefix(spec.seriesInputs.count).map { $0 })
            // Full-history recomputing streams cost O(n) per bar: check them on a prefix long
            // enough to cover every default warm-up several times over.
            let bars = spec.streaming == .recompute ? 400 : data.close.count
            let prefix = inputs.map { Array($0.prefix(bars)) }
            for convention in Convention.allCases {
                let batch = spec.compute(prefix, params, convention)
                let stream = spec.makeStream(params, convention)
                var mismatches = 0
                for i in 0..<bars {
                    let out = stream.push(prefix.map { $0[i] })
                    XCTAssertEqual(out.count, spec.outputs.count, spec.name)
                    for (o, value) in out.enumerated() where o < batch.count {
                        let want = batch[o][i]
                        let same = want.isNaN ? value.isNaN : (value == want || abs(value - want) <= 1e-12 * max(abs(want), 1e-300))
                        if !same {
                            mismatches += 1
                            if mismatches <= 2 { XCTFail("\(spec.name) \(convention) \(spec.outputs[o])[\(i)]: stream \(value), batch \(want)") }
                        }
                    }
                }
            }
        }
    }

    func testMainIndicatorsKeepIncrementalState() {
        for name in ["sma", "ema", "rsi", "atr", "natr", "macd", "bbands", "stoch", "stochf", "adx", "plus_di", "minus_di",
                     "dx", "plus_dm", "minus_dm", "obv", "ad", "vwap", "medprice", "typprice", "linearreg", "ha", "sarext"] {
            XCTAssertEqual(IndicatorCatalogue.named(name)?.streaming, .incremental, name)
        }
        for name in ["willr", "cci", "mom", "roc", "aroon", "trange", "donchian", "zscore", "correl", "rv_yz", "max", "std"] {
            XCTAssertEqual(IndicatorCatalogue.named(name)?.streaming, .windowed, name)
        }
    }

    func testStreamSkipsLeadingNaNLikeBatch() throws {
        let spec = try XCTUnwrap(IndicatorCatalogue.named("sma"))
        let x = [Double.nan, .nan, 1, 2, 3, 4]
        let batch = spec.compute([x], [3], .talib)[0]
        let stream = spec.makeStream([3], .talib)
        let streamed = x.map { stream.push([$0])[0] }
        XCTAssertEqual(batch.map { $0.isNaN ? -1 : $0 }, [-1, -1, -1, -1, 2, 3])
        XCTAssertEqual(streamed.map { $0.isNaN ? -1 : $0 }, [-1, -1, -1, -1, 2, 3])
    }
}
