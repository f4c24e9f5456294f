import TapeCore
import TapeData
import XCTest
@testable import TapeModels

/// The catalogue's promises, checked for every feature on real data (the embedded SPY
/// sample, 5,241 daily bars): a documented name, the declared warm-up, and no look-ahead.
final class FeatureCatalogueTests: XCTestCase {
    static let spy: Bars = {
        guard let b = try? SampleData.bars("SPY") else { fatalError("the SPY sample is compiled in") }
        return b
    }()

    func testAtLeast134NamedDocumentedFeaturesInEveryFamily() {
        let all = FeatureCatalogue.all
        XCTAssertGreaterThanOrEqual(all.count, 134)
        XCTAssertEqual(Set(all.map(\.name)).count, all.count, "names are unique")
        for f in all {
            XCTAssertFalse(f.summary.isEmpty, f.name)
            XCTAssertFalse(f.formula.isEmpty, f.name)
            XCTAssertEqual(f.name, f.name.lowercased(), f.name)
        }
        for family in FeatureFamily.allCases {
            XCTAssertGreaterThanOrEqual(all.filter { $0.family == family }.count, 10, family.rawValue)
        }
    }

    /// The declared warm-up is where the column's values start on clean data.
    func testDeclaredWarmupIsTheFirstValue() {
        let inputs = FeatureInputs(Self.spy)
        for f in FeatureCatalogue.all {
            let v = f.values(inputs)
            XCTAssertEqual(v.count, Self.spy.count, f.name)
            XCTAssertEqual(v.firstIndex { !$0.isNaN }, f.warmup, "\(f.name): first value")
        }
    }

    /// For every feature, the value at bar t is the same when the bars after t are
    /// removed, and the same when they are replaced by other prices: nothing after t is
    /// read. Checked at several cut points, every bar up to the cut compared exactly.
    func testNoFeatureLooksAhead() {
        let bars = Self.spy
        let full = FeatureInputs(bars)
        let fullValues = FeatureCatalogue.all.map { $0.values(full) }
        for cut in [260, 1200, 3000, 5000] {
            let truncated = FeatureInputs(bars.rows(0..<(cut + 1)))
            let altered = FeatureInputs(Self.altered(bars, after: cut))
            for (k, f) in FeatureCatalogue.all.enumerated() {
                let t = f.values(truncated), a = f.values(altered)
                XCTAssertTrue(Self.samePrefix(fullValues[k], t, through: cut), "\(f.name) changes when bars after \(cut) are removed")
                XCTAssertTrue(Self.samePrefix(fullValues[k], a, through: cut), "\(f.name) changes when bars after \(cut) are altered")
            }
        }
    }

    /// The leaky set is caught by the same check, so the check can fail.
    func testEveryLeakyFeatureFailsTheCheck() {
        let bars = Self.spy
        for f in LeakyFeatures.all {
            let full = f.values(bars)
            let altered = f.values(Self.altered(bars, after: 3000))
            XCTAssertFalse(Self.samePrefix(full, altered, through: 3000), "\(f.name) should be caught looking ahead")
        }
    }

    func testSetsAndLookup() throws {
        XCTAssertEqual(FeatureCatalogue.set("all")?.count, FeatureCatalogue.all.count)
        XCTAssertEqual(FeatureCatalogue.set("core")?.count, FeatureCatalogue.core.count)
        XCTAssertEqual(FeatureCatalogue.set("leaky")?.map(\.name), LeakyFeatures.all.map(\.name))
        XCTAssertNil(FeatureCatalogue.set("nonsense"))
        XCTAssertEqual(FeatureCatalogue.named("RSI_14")?.family, .technical)
        XCTAssertTrue(FeatureCatalogue.set("pattern")?.contains { $0.name == "cdlengulfing" } ?? false)
    }

    /// Values against hand computation on SPY: a return, a distance, a volatility, a flag.
    func testValuesAgainstHandComputation() throws {
        let b = Self.spy
        let i = 4000
        let x = FeatureInputs(b)
        func v(_ n: String) throws -> Double { try XCTUnwrap(FeatureCatalogue.named(n)).values(x)[i] }
        XCTAssertEqual(try v("ret_5"), log(b.close[i] / b.close[i - 5]), accuracy: 1e-15)
        XCTAssertEqual(try v("gap"), log(b.open[i] / b.close[i - 1]), accuracy: 1e-15)
        let sma = b.close[(i - 19)...i].reduce(0, +) / 20
        XCTAssertEqual(try v("dist_sma_20"), log(b.close[i] / sma), accuracy: 1e-12)
        let r = ((i - 19)...i).map { log(b.close[$0] / b.close[$0 - 1]) }
        let m = r.reduce(0, +) / 20
        let sd = (r.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 19).squareRoot()
        XCTAssertEqual(try v("vol_cc_20"), sd * 252.0.squareRoot(), accuracy: 1e-12)
        let sma200 = b.close[(i - 199)...i].reduce(0, +) / 200
        XCTAssertEqual(try v("bull_200"), b.close[i] > sma200 ? 1 : 0)
        let hi = b.high[(i - 19)...i].max() ?? .nan
        XCTAssertEqual(try v("dist_high_20"), log(b.close[i] / hi), accuracy: 1e-15)
    }

    func testMatrixDropsWarmupRowsWithACount() throws {
        let m = try FeatureMatrix.build(Self.spy, features: FeatureCatalogue.all, set: "all")
        let u = m.usableRows()
        let longest = FeatureCatalogue.all.map(\.warmup).max() ?? 0
        XCTAssertEqual(u.warmup, longest)
        XCTAssertEqual(u.rows.first, longest)
        XCTAssertEqual(u.rows.count + u.warmup + u.missing, Self.spy.count)
        for i in u.rows.prefix(50) { for c in m.columns { XCTAssertFalse(c[i].isNaN) } }
    }

    /// Bars after `cut` scaled by a wave and given other volume: every price path after
    /// the cut differs.
    static func altered(_ b: Bars, after cut: Int) -> Bars {
        var a = b
        for i in (cut + 1)..<b.count {
            let k = 1 + 0.05 * sin(Double(i))
            a.open[i] *= k; a.high[i] *= k * 1.01; a.low[i] *= k * 0.99; a.close[i] *= k
            a.volume[i] = a.volume[i] * 1.7 + 1000
        }
        return a
    }

    static func samePrefix(_ a: [Double], _ b: [Double], through t: Int) -> Bool {
        guard a.count > t, b.count > t else { return false }
        for i in 0...t where !(a[i] == b[i] || (a[i].isNaN && b[i].isNaN)) { return false }
        return true
    }
}

extension FeatureCatalogueTests {
    /// No feature is an exact linear combination of others (which would make every linear
    /// model's design singular): checked on SPY's usable rows. Features that were
    /// (body = ret_1 - gap, macd_signal = macd - macd_hist, cmo = 2 rsi - 1, ...) were left
    /// out of the catalogue for that reason.
    func testTheFullMatrixHasFullRankOnSPY() throws {
        let m = try FeatureMatrix.build(Self.spy, features: FeatureCatalogue.all, set: "all")
        XCTAssertEqual(m.uninformative(), [])
        let set = try LearningSet.make(m, label: .sign(horizon: 5, band: 0))
        XCTAssertNil(DesignCheck.singularColumn(set.x, rows: set.count, cols: set.names.count, names: set.names))
    }

    /// A dependent column is named: bb_pctb_20 is an affine function of the 20-bar z-score.
    func testASingularMatrixNamesTheDependentColumn() throws {
        let b = Self.spy
        var m = try FeatureMatrix.build(b, features: FeatureCatalogue.set("core") ?? [], set: "core")
        let z = Rolling.zscore(b.close, 20)
        m = FeatureMatrix(symbol: m.symbol, set: m.set, names: m.names + ["zscore_close_20"], time: m.time, columns: m.columns + [z], bars: b)
        let set = try LearningSet.make(m, label: .sign(horizon: 5, band: 0))
        XCTAssertEqual(DesignCheck.singularColumn(set.x, rows: set.count, cols: set.names.count, names: set.names),
                       "'zscore_close_20' is a linear combination of the features before it")
    }
}
