import XCTest
@testable import TapeCore

/// The strategies' rolling mean against pandas `rolling(n).mean()` bit for bit: strict
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
                let ours = StrategyIndicators.sma(s.input, n).map(\.bitPattern)
                let mismatches = zip(ours, s.means[w]).enumerated().filter { $0.element.0 != $0.element.1 }
                XCTAssertTrue(mismatches.isEmpty, "\(name) n=\(n): \(mismatches.count) values differ, first at \(mismatches.first?.offset ?? -1)")
            }
        }
    }

    func testSMAPairEqualsTwoSMAs() throws {
        let series = try fixture()
        for (_, s) in series {
            for (a, b) in [(10, 20), (5, 200), (20, 10), (3, 3)] {
                let (p, q) = StrategyIndicators.smaPair(s.input, a, b)
                XCTAssertEqual(p.map(\.bitPattern), StrategyIndicators.sma(s.input, a).map(\.bitPattern))
                XCTAssertEqual(q.map(\.bitPattern), StrategyIndicators.sma(s.input, b).map(\.bitPattern))
            }
        }
    }
}
