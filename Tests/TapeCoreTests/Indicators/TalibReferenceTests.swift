import TapeCore
import XCTest

/// Every TA-Lib reference file, matched over the whole GOOG series: NaN positions identical,
/// values within a relative tolerance (TA-Lib keeps running sums, so only the operation
/// order differs), candlesticks exact.
final class TalibReferenceTests: XCTestCase {
    /// (file, catalogue name, parameters in catalogue order, tolerance). Parameters follow
    /// the manifest; matype parameters (all 0 = SMA) are not catalogue parameters.
    static let table: [(file: String, name: String, params: [Double], tolerance: Double)] = [
        ("GOOG_SMA_20.csv", "sma", [20], 1e-9),
        ("GOOG_EMA_20.csv", "ema", [20], 1e-9),
        ("GOOG_WMA_20.csv", "wma", [20], 1e-9),
        ("GOOG_DEMA_20.csv", "dema", [20], 1e-9),
        ("GOOG_TEMA_20.csv", "tema", [20], 1e-9),
        ("GOOG_T3_5_0.7.csv", "t3", [5, 0.7], 1e-9),
        ("GOOG_TRIX_30.csv", "trix", [30], 1e-9),
        ("GOOG_KAMA_30.csv", "kama", [30], 1e-9),
        ("GOOG_RSI_14.csv", "rsi", [14], 1e-9),
        ("GOOG_MACD_12_26_9.csv", "macd", [12, 26, 9], 1e-9),
        ("GOOG_STOCH_14_3_3.csv", "stoch", [14, 3, 3], 1e-9),
        ("GOOG_STOCHRSI_14_5_3.csv", "stochrsi", [14, 5, 3], 1e-9),
        ("GOOG_WILLR_14.csv", "willr", [14], 1e-9),
        ("GOOG_CCI_20.csv", "cci", [20], 1e-9),
        ("GOOG_MOM_10.csv", "mom", [10], 1e-9),
        ("GOOG_ROC_10.csv", "roc", [10], 1e-9),
        ("GOOG_ULTOSC_7_14_28.csv", "ultosc", [7, 14, 28], 1e-9),
        ("GOOG_BOP.csv", "bop", [], 1e-9),
        ("GOOG_AROON_25.csv", "aroon", [25], 1e-9),
        ("GOOG_ADX_14.csv", "adx", [14], 1e-9),
        ("GOOG_PLUS_DI_14.csv", "plus_di", [14], 1e-9),
        ("GOOG_MINUS_DI_14.csv", "minus_di", [14], 1e-9),
        ("GOOG_ATR_14.csv", "atr", [14], 1e-9),
        ("GOOG_NATR_14.csv", "natr", [14], 1e-9),
        ("GOOG_TRANGE.csv", "trange", [], 1e-9),
        ("GOOG_STDDEV_20_1.csv", "stddev", [20, 1], 1e-8),
        ("GOOG_BBANDS_20_2_2.csv", "bbands", [20, 2, 2], 1e-8),
        ("GOOG_SAR_0.02_0.2.csv", "sar", [0.02, 0.2], 1e-9),
        ("GOOG_OBV.csv", "obv", [], 1e-9),
        ("GOOG_AD.csv", "ad", [], 1e-9),
        ("GOOG_ADOSC_3_10.csv", "adosc", [3, 10], 1e-8),
        ("GOOG_MFI_14.csv", "mfi", [14], 1e-9),
        ("GOOG_MEDPRICE.csv", "medprice", [], 1e-9),
        ("GOOG_TYPPRICE.csv", "typprice", [], 1e-9),
        ("GOOG_LINEARREG_14.csv", "linearreg", [14], 1e-9),
        ("GOOG_LINEARREG_SLOPE_14.csv", "linearreg_slope", [14], 1e-9),
        ("GOOG_CDLDOJI.csv", "cdldoji", [], 0),
        ("GOOG_CDLENGULFING.csv", "cdlengulfing", [], 0),
        ("GOOG_CDLHAMMER.csv", "cdlhammer", [], 0),
    ]

    func testTableCoversEveryReferenceFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TalibFixture.directory.path)
            .filter { $0.hasPrefix("GOOG_") }
        XCTAssertEqual(Set(files), Set(Self.table.map(\.file)))
    }

    func testEveryReferenceFile() throws {
        XCTAssertEqual(TalibFixture.goog.close.count, 2148)
        for entry in Self.table {
            guard let spec = IndicatorCatalogue.named(entry.name) else {
                XCTFail("\(entry.name) missing from the catalogue")
                continue
            }
            let reference = try TalibFixture.table(entry.file)
            XCTAssertEqual(reference.header.dropFirst().count, spec.outputs.count, entry.file)
            let params = try IndicatorCatalogue.resolve(spec, positional: entry.params, keyword: [:])
            let lookback = spec.lookback(params)
            let got = spec.compute(TalibFixture.inputs(for: spec), params, .talib)
            XCTAssertEqual(got.count, spec.outputs.count, entry.file)
            for (o, want) in reference.columns.enumerated() where o < got.count {
                XCTAssertEqual(got[o].count, want.count, entry.file)
                var mismatches = 0
                for i in 0..<min(want.count, got[o].count) {
                    // Candlestick files hold 0 (not empty) inside the lookback; Tape gives NaN there.
                    let w = (entry.tolerance == 0 && i < lookback) ? Double.nan : want[i]
                    let g = got[o][i]
                    let ok = w.isNaN ? g.isNaN : (!g.isNaN && abs(g - w) <= entry.tolerance * max(abs(w), 1))
                    if !ok {
                        mismatches += 1
                        if mismatches <= 3 { XCTFail("\(entry.file) \(spec.outputs[o])[\(i)] (\(reference.dates[i])): got \(g), TA-Lib \(w)") }
                    }
                }
                if mismatches > 3 { XCTFail("\(entry.file) \(spec.outputs[o]): \(mismatches) mismatches in all") }
            }
            let firstValid = got.first?.firstIndex { !$0.isNaN }
            XCTAssertEqual(firstValid, lookback, "\(entry.file): lookback")
        }
    }
}
