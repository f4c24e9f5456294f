import XCTest
@testable import TapeCore

/// The catalogue's `sma` under `Convention.pandas` against pandas `rolling(n).mean()` bit for bit: strict
/// crossovers of two averages hinge on the last bit, so "close" is not enough to give
/// backtesting.py's trade list. Fixture and generator: Tests/Fixtures/backtests/rolling_mean.csv,
/// gen_rolling_mean.py (pandas 3.1.1).
final class RollingMeanTests: XCTestCase {
    static let windows = [1, 2, 3, 5, 10, 20, 50, 200]

    /// Per series: the inputs and, per window, pandas' means (as bit patterns).
    func fixture() throws -> [String: (input: [Double], means: [[UInt64]])] {
        var out: [String: (input: [Double], means: [[UInt64]])] = [:]
        for line in try BacktestFixtures.text("rolling_mean.csv").split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            let bits = try f.dropFirst(2).map { s -> UInt64 in
                guard let b = UInt64(s, radix: 16) else { throw CocoaError(.fileReadCorruptFile) }
                return b
            }
            var entry = out[String(f[0])] ?? ([], Array(repeating: [], count: Self.windows.count))
            entry.input.append(Double(bitPattern: bits[0]))
            for w in Self.windows.indices { entry.means[w].append(bits[w + 1]) }
            out[String(f[0])] = entry
        }
        return out
    }

    func testSMAIsBitIdenticalToPandas() throws {
        let series = try fixture()
        XCTAssertEqual(Set(series.keys), ["spy", "edge"])
        for (name, s) in series {
            for (w, n) in Self.windows.enumerated() {
                // Through the catalogue (as `set convention pandas` computes `sma`) from
                // period 2, its minimum; the kernel itself for the window of 1.
                let sma = n >= 2 ? IndicatorCatalogue.named("sma")?.compute([s.input], [Double(n)], .pandas).first ?? []
                                 : PandasRollingMean.mean(s.input, n)
                let ours = sma.map(\.bitPattern)
                let mismatches = zip(ours, s.means[w]).enumerated().filter { $0.element.0 != $0.element.1 }
                XCTAssertTrue(mismatches.isEmpty, "\(name) n=\(n): \(mismatches.count) values differ, first at \(mismatches.first?.offset ?? -1)")
            }
        }
    }

    /// The stream (`sma` bar by bar under `set convention pandas`) gives the same bits.
    func testStreamIsBitIdenticalToPandas() throws {
        let series = try fixture()
        for (name, s) in series {
            for (w, n) in Self.windows.enumerated() where n >= 2 {
                guard let spec = IndicatorCatalogue.named("sma") else { return XCTFail("no sma") }
                let stream = spec.makeStream([Double(n)], .pandas)
                let ours = s.input.map { stream.push([$0])[0].bitPattern }
                let mismatches = zip(ours, s.means[w]).enumerated().filter { $0.element.0 != $0.element.1 }
                XCTAssertTrue(mismatches.isEmpty, "\(name) n=\(n): \(mismatches.count) values differ, first at \(mismatches.first?.offset ?? -1)")
            }
        }
    }
}
