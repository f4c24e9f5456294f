import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

final class SampleDataTests: XCTestCase {
    func testNamesAndLookup() throws {
        XCTAssertEqual(SampleData.names, ["SPY", "AAPL", "GOOG", "SPX", "SPX_1MIN", "BTCUSD_1H"])
        XCTAssertEqual(try SampleData.bars("spy")?.count, 5241)
        XCTAssertEqual(try SampleData.bars("SPX_1min")?.symbol, "SPX_1MIN")
        XCTAssertNil(try SampleData.bars("QQQ"))
        XCTAssertNil(SampleData.info("MSFT"))
        XCTAssertEqual(SampleData.info("btcusd_1h")?.licence, "Apache-2.0 (repository); CryptoDataDownload asks for attribution")
    }

    /// Every sample parses, and its row count and range agree with its SampleInfo.
    func testEverySampleMatchesItsInfo() throws {
        for name in SampleData.names {
            let info = try XCTUnwrap(SampleData.info(name))
            let b = try XCTUnwrap(SampleData.bars(name))
            XCTAssertEqual(b.count, info.rows, name)
            let first = CivilTime.format(b.time[0]), last = CivilTime.format(b.time[b.count - 1])
            XCTAssertEqual("\(first) to \(last)", info.range, name)
            XCTAssertEqual(b.isIntraday, name.contains("_"), name)
        }
    }

    /// The generated sources hold the fixture files byte for byte.
    func testEmbeddedTextEqualsFixtures() throws {
        for (name, file) in [("SPY", "SPY.csv"), ("AAPL", "AAPL.csv"), ("GOOG", "GOOG.csv"), ("SPX_1MIN", "SPX_1min.csv")] {
            let fixture = try BarsCSVRealFileTests.fixture(file)
            XCTAssertEqual(SampleData.csv(name).map { $0 + "\n" }, fixture, name)
        }
    }

    /// The generated literals hold their CSV files (Sources/TapeSamples/CSV) byte for byte,
    /// and every file is a sample: a CSV changed without `make samples` fails here.
    func testEmbeddedTextEqualsTheSampleFiles() throws {
        let folder = Repository.path("Sources/TapeSamples/CSV")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.sorted()
        XCTAssertEqual(files, SampleData.names.map { $0 + ".csv" }.sorted())
        for name in SampleData.names {
            let file = try String(contentsOfFile: folder + "/" + name + ".csv", encoding: .utf8)
            XCTAssertEqual(SampleData.csv(name).map { $0 + "\n" }, file, name)
        }
    }

    func testFirstAndLastRowsOfSamplesWithoutFixtures() throws {
        let spx = try XCTUnwrap(SampleData.bars("SPX"))
        XCTAssertEqual([spx.open[0], spx.high[0], spx.low[0], spx.close[0], spx.volume[0], spx.adjClose?[0]],
                       [1229.22998, 1248.810059, 1219.099976, 1228.099976, 877_000_000, 1228.099976])
        XCTAssertEqual(spx.close[5030], 2506.850098)
        XCTAssertEqual(spx.volume[5030], 3_442_870_000)
        let btc = try XCTUnwrap(SampleData.bars("BTCUSD_1H"))
        XCTAssertEqual(CivilTime.format(btc.time[0]), "2017-07-01T11:00:00")
        XCTAssertEqual([btc.open[0], btc.high[0], btc.low[0], btc.close[0], btc.volume[0]], [2505.56, 2513.38, 2495.12, 2509.17, 114.6])
        XCTAssertEqual([btc.open[20110], btc.high[20110], btc.low[20110], btc.close[20110], btc.volume[20110]], [8051, 8056.83, 8021.23, 8035.88, 61.25])
        // A complete hourly grid, as the provenance says.
        XCTAssertTrue(zip(btc.time, btc.time.dropFirst()).allSatisfy { $1 - $0 == 3600 })
    }
}
