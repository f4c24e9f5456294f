import Foundation
import TapeCore
import XCTest

/// Every function TA-Lib 0.8.2's `talib.get_functions()` lists (C library 0.8.1), with
/// TA-Lib's parameter names and defaults plus the variants in cases.json, against TA-Lib's
/// own outputs on seven real series (Tests/Fixtures/talib-full/README.md): the lookback
/// declared equals TA-Lib's; NaN positions are identical on every bar; values agree within
/// 1e-9 relative on the stored bars, and every output's sum over all bars does too;
/// candlestick outputs are exact on every bar.
final class TalibCatalogueTests: XCTestCase {
    /// Relative tolerance. A value that is itself a difference of much larger numbers (an
    /// oscillator crossing zero, a slope of a flat window) carries the rounding of those
    /// numbers, which no operation order avoids, so the comparison is relative to the
    /// larger of the value and 1e-3 of its column's largest magnitude.
    static let tolerance = 1e-9
    static let floorFraction = 1e-3

    func testEveryTALibFunctionIsInTheCatalogue() throws {
        let cases = try TalibFullFixture.manifest().cases
        let functions = Set(cases.map(\.function))
        XCTAssertEqual(functions.count, 201)
        let missing = functions.filter { IndicatorCatalogue.named($0.lowercased()) == nil }.sorted()
        XCTAssertEqual(missing, [], "missing from the catalogue")
    }

    func testEveryCaseOnEverySeries() throws {
        let (series, variantSeries, cases) = try TalibFullFixture.manifest()
        XCTAssertEqual(series.count, 7)
        let defaults = Set(cases.prefix(201).map(\.id))
        var failures: [String] = []
        var compared = 0, expected = 0
        for name in series {
            let bars = try TalibFullFixture.bars(name)
            let reference = try TalibFullFixture.reference(name)
            XCTAssertGreaterThanOrEqual(bars.count, 2000, name)
            for c in cases where defaults.contains(c.id) || variantSeries.contains(name) {
                expected += c.outputs.count
                guard let spec = IndicatorCatalogue.named(c.function.lowercased()) else { continue }
                let label = "\(name) \(c.id) \(c.function)\(c.params.isEmpty ? "" : "\(c.params.sorted { $0.key < $1.key })")"
                let params: [Double]
                do {
                    params = try IndicatorCatalogue.resolve(spec, positional: [], keyword: c.params)
                } catch {
                    failures.append("\(label): \(error)")
                    continue
                }
                if spec.lookback(params) != c.lookback {
                    failures.append("\(label): lookback \(spec.lookback(params)), TA-Lib \(c.lookback)")
                }
                let got = spec.compute(TalibFullFixture.inputs(spec, c, bars), params, .talib)
                guard got.count == c.outputs.count else {
                    failures.append("\(label): \(got.count) outputs, TA-Lib \(c.outputs.count)")
                    continue
                }
                for (k, values) in got.enumerated() {
                    let key = "\(c.id).\(k)"
                    compared += 1
                    if let problem = c.pattern ? Self.comparePattern(values, reference.patterns[key] ?? [], lookback: c.lookback)
                                               : Self.compare(values, key, reference) {
                        failures.append("\(label) \(c.outputs[k]): \(problem)")
                    }
                }
            }
        }
        XCTAssertEqual(compared, expected, "outputs compared")
        for f in failures.prefix(60) { XCTFail(f) }
        if failures.count > 60 { XCTFail("... and \(failures.count - 60) more") }
    }

    /// nil when `values` agrees with the reference column `key`, else the first problem.
    static func compare(_ values: [Double], _ key: String, _ r: TalibFullFixture.Reference) -> String? {
        let runs = TalibFullFixture.nanRuns(values)
        if runs != r.nanRuns[key] ?? [] {
            return "NaN runs \(runs.prefix(4)), TA-Lib \((r.nanRuns[key] ?? []).prefix(4))"
        }
        guard let want = r.columns[key] else { return "no reference column" }
        let scale = want.filter(\.isFinite).map(abs).max() ?? 0
        var worst = 0.0, worstAt = -1
        for (j, bar) in r.rows.enumerated() where bar < values.count {
            let w = want[j], g = values[bar]
            if w.isNaN != g.isNaN { return "bar \(bar): \(g), TA-Lib \(w)" }
            if w.isNaN || w == g { continue }
            if w.isInfinite || g.isInfinite { return "bar \(bar): \(g), TA-Lib \(w)" }
            let err = abs(g - w) / max(abs(w), floorFraction * scale)
            if err > worst { worst = err; worstAt = bar }
        }
        if worst > tolerance, worstAt >= 0, let j = r.rows.firstIndex(of: worstAt) {
            return "bar \(worstAt): \(values[worstAt]), TA-Lib \(want[j]) (relative \(worst))"
        }
        let finite = values.filter(\.isFinite)
        let sum = finite.reduce(0, +), magnitude = finite.reduce(0) { $0 + abs($1) }
        if let s = r.sums[key], abs(sum - s) > tolerance * max(magnitude, 1e-300) {
            return "sum over all bars \(sum), TA-Lib \(s)"
        }
        return nil
    }

    /// TA-Lib writes 0 inside a pattern's lookback where Tape writes NaN; after it both
    /// must hold the same integer on every bar.
    static func comparePattern(_ values: [Double], _ nonzero: [[Int]], lookback: Int) -> String? {
        var expected = [Double](repeating: 0, count: values.count)
        for pair in nonzero where pair.count == 2 && pair[0] < values.count { expected[pair[0]] = Double(pair[1]) }
        for (i, v) in values.enumerated() {
            if i < lookback {
                if !v.isNaN { return "bar \(i) inside the lookback: \(v)" }
            } else if v != expected[i] {
                return "bar \(i): \(v), TA-Lib \(expected[i])"
            }
        }
        return nil
    }
}
