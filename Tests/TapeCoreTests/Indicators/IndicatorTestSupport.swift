import TapeCore
import XCTest

/// Runs a catalogue entry by name with positional parameters (defaults for the rest).
func indicator(_ name: String, _ inputs: [[Double]], _ params: [Double] = [], _ convention: Convention = .talib,
               file: StaticString = #filePath, line: UInt = #line) throws -> [[Double]] {
    let spec = try XCTUnwrap(IndicatorCatalogue.named(name), "\(name) not in the catalogue", file: file, line: line)
    let resolved = try IndicatorCatalogue.resolve(spec, positional: params, keyword: [:])
    return spec.compute(inputs, resolved, convention)
}

/// The GOOG columns an entry declares (close for user series).
func googInputs(_ name: String) throws -> [[Double]] {
    TalibFixture.inputs(for: try XCTUnwrap(IndicatorCatalogue.named(name)))
}

/// Element-wise equality with NaN == NaN and a relative tolerance.
func assertSeries(_ got: [Double], _ want: [Double], tolerance: Double = 1e-12, _ message: String = "",
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(got.count, want.count, "\(message): length", file: file, line: line)
    var failures = 0
    for (i, (g, w)) in zip(got, want).enumerated() {
        let ok = w.isNaN ? g.isNaN : (!g.isNaN && abs(g - w) <= tolerance * max(abs(w), 1))
        if !ok {
            failures += 1
            if failures <= 3 { XCTFail("\(message)[\(i)]: got \(g), want \(w)", file: file, line: line) }
        }
    }
}

let nan = Double.nan
