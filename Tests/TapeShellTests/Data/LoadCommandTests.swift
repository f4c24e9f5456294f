import Foundation
import TapeCore
import TapeShellTestSupport
import XCTest
@testable import TapeData
@testable import TapeShell

/// `load` as declared: its help word for word, one error per kind with its caret, and
/// what Tab offers after `load `, after `from ` and inside quotes. Transcripts: a line
/// in, the lines out.
final class LoadCommandTests: XCTestCase {
    let t = Transcript(columns: 100)

    func testHelpLoadWordForWord() {
        XCTAssertEqual(t("help load"), [
            "usage: load SYMBOL [DATES] [from SOURCE] [timeframe TIMEFRAME]",
            "  load a dataset: embedded sample data, a CSV file, or another source",
            "",
            "  arguments:",
            "    SYMBOL   an embedded sample or the dataset's name; a file name in quotes loads the file and",
            "             names the dataset after it",
            "    [DATES]  only the bars in this range (date range)",
            "",
            "  subcommands (help load NAME for one):",
            "    universe  every CSV in a folder or under an s3:// prefix, or every symbol of the store, as a",
            "              universe for scan",
            "    news      headlines (time, symbol, headline) scored with the VADER lexicon, for sentiment(NAME)",
            "              and event study",
            "",
            "  options:",
            "    [from SOURCE]          where the bars come from: a file path in quotes, store, alpaca,",
            "                           \"https://...\", \"s3://...\"",
            "    [timeframe TIMEFRAME]  bar length from alpaca (default 1day) (one of 1min, 5min, 15min, 30min,",
            "                           1hour, 4hour, 1day)",
            "",
            "  load SPY                          embedded sample (SPY, AAPL, GOOG, SPX, SPX_1MIN, BTCUSD_1H)",
            "  load SPY 2010-01-01..2012-12-31   only the bars in a date range",
            "  load AAPL from \"data/aapl.csv\"    a CSV file (Yahoo, Stooq or date,open,high,low,close,volume)",
            "  load \"data/aapl.csv\"              the same, named after the file",
            "  load SPY from store               the SQLite store (see: save, symbols, set store)",
            "  load SPY from alpaca 2020-01-01..2024-12-31   Alpaca market data (APCA_API_KEY_ID,",
            "                                                APCA_API_SECRET_KEY)",
            "  load SPY from alpaca 2024-01-02..2024-01-31 timeframe 1hour   hourly bars (times in UTC)",
            "  load X from \"https://host/x.csv\"  a CSV over HTTP(S), cached by content hash for replay",
            "  load X from \"s3://bucket/x.csv\"   an S3-compatible store (AWS_* variables, docs/DATA.md)",
            "  The loaded dataset becomes the current one (see: use, datasets).",
        ])
    }

    func testHelpLoadUniverse() {
        XCTAssertEqual(t("help load universe"), [
            "usage: load universe NAME from SOURCE",
            "  every CSV in a folder or under an s3:// prefix, or every symbol of the store, as a universe for",
            "  scan",
            "",
            "  arguments:",
            "    NAME  the universe's name, for scan (name)",
            "",
            "  options:",
            "    from SOURCE  a folder in quotes, an \"s3://bucket/prefix/\" or store (required)",
            "",
            "  load universe sp from \"data/universe/\"          one symbol per file, named after the file",
            "  load universe sp from \"s3://bucket/universe/\"   the same under an S3 prefix",
            "  load universe sp from store                     the symbols save universe sp saved, or",
            "                                                  every symbol saved when no universe sp was",
            "  A file that cannot be read is listed with its reason and skipped; the rest load.",
        ])
    }

    /// Every source registered is in the help, the error and Tab: they come from one table.
    func testSourcesComeFromTheirTable() {
        let described = LoadSources.all.map(\.described)
        XCTAssertEqual(described, ["a file path in quotes", "store", "alpaca", "\"https://...\"", "\"s3://...\""])
        XCTAssertEqual(LoadCommand.spec.option("from")?.help, "where the bars come from: " + described.joined(separator: ", "))
        for source in LoadSources.all {
            for e in source.examples { XCTAssertTrue(LoadCommand.spec.details.contains(e.example), e.example) }
            for o in source.options { XCTAssertNotNil(LoadCommand.spec.option(o.name), o.name) }
        }
        XCTAssertEqual(t.complete("load X from "), ["alpaca", "store"])
    }

    func testEachKindOfErrorWithItsCaret() {
        let usage = "usage: load SYMBOL [DATES] [from SOURCE] [timeframe TIMEFRAME]"
        let cases: [(String, [String])] = [
            ("load", ["error: load needs SYMBOL — \(usage)", "  load", "  ^^^^"]),
            ("load SPY form store", ["error: load has no option 'form' — did you mean 'from'? \(usage)",
                                     "  load SPY form store", "           ^^^^"]),
            ("load SPY from stor", ["error: cannot load from stor — did you mean 'store'? sources: a file path in quotes, store, alpaca, \"https://...\", \"s3://...\"",
                                    "  load SPY from stor", "                ^^^^"]),
            ("load SPY timeframe 1hour", ["error: timeframe is an option of load ... from alpaca only — e.g. load SPY from alpaca 2024-01-02..2024-01-31 timeframe 1hour",
                                          "  load SPY timeframe 1hour", "           ^^^^^^^^^"]),
            ("load SPY from alpaca 2020-01-01..2020-02-01 timeframe 1week",
             ["error: unknown timeframe '1week' — one of: 1min, 5min, 15min, 30min, 1hour, 4hour, 1day",
              "  load SPY from alpaca 2020-01-01..2020-02-01 timeframe 1week",
              "                                                        ^^^^^"]),
            ("load SPY from alpaca timeframe 1hour",
             ["error: load from alpaca needs a date range — e.g. load SPY from alpaca 2020-01-01..2024-12-31 (a fixed range replays exactly)",
              "  load SPY from alpaca timeframe 1hour", "                ^^^^^^"]),
            ("load SPY 2018-01-02", ["error: dates must be a date range such as 2020-01-01..2021-06-30",
                                     "  load SPY 2018-01-02", "           ^^^^^^^^^^"]),
            ("load SPY 2018-01-02..2018-01-10 2019-01-02..2019-01-10",
             ["error: too many arguments for load — \(usage)",
              "  load SPY 2018-01-02..2018-01-10 2019-01-02..2019-01-10", "                                  ^^^^^^^^^^^^^^^^^^^^^^"]),
            ("load SPY 1990-01-01..1990-12-31", ["error: no bars of SPY fall in 1990-01-01..1990-12-31 (data covers 1999-11-01..2020-08-28)",
                                                 "  load SPY 1990-01-01..1990-12-31", "  ^^^^"]),
            ("load SPQ", ["error: no embedded sample named 'SPQ' — did you mean 'SPY'? samples: SPY, AAPL, GOOG, SPX, SPX_1MIN, BTCUSD_1H; for a file: load SPQ from \"file.csv\"",
                          "  load SPQ", "       ^^^"]),
            ("load 42", ["error: symbol must be a name or a quoted string", "  load 42", "       ^^"]),
            ("load universe sp", ["error: load universe needs from: from SOURCE — usage: load universe NAME from SOURCE",
                                  "  load universe sp", "  ^^^^"]),
            ("load universe sp from 5", ["error: expected a folder in quotes, an s3:// prefix, or store",
                                         "  load universe sp from 5", "                        ^"]),
        ]
        for (line, expected) in cases { XCTAssertEqual(t(line), expected, line) }
        XCTAssertEqual(t("datasets"), ["no datasets loaded (embedded samples: SPY, AAPL, GOOG, SPX, SPX_1MIN, BTCUSD_1H)"])
    }

    /// The range option cuts the sample to exactly the bars in it: the same closes as the
    /// whole sample's rows with those dates.
    func testDatesSliceTheSample() throws {
        XCTAssertEqual(t("load SPY 2018-01-02..2018-01-10"), ["SPY: 7 bars 2018-01-02..2018-01-10 (embedded sample (SPDR S&P 500 ETF, daily))"])
        let sliced = try XCTUnwrap(t.shell.workspace.dataset("SPY")).bars
        let whole = try XCTUnwrap(try SampleData.bars("SPY"))
        let first = try XCTUnwrap(whole.time.firstIndex(of: sliced.time[0]))
        XCTAssertEqual(sliced.close, Array(whole.close[first..<first + 7]))
        XCTAssertEqual(sliced.time.first.map { CivilTime.format($0) }, "2018-01-02")
    }

    /// A range that ends on a date keeps the whole of that day: every minute of it.
    func testDatesKeepTheWholeLastDayOfIntradayBars() throws {
        let minutes = try XCTUnwrap(try SampleData.bars("SPX_1MIN"))
        let day = minutes.time.filter { CivilTime.format($0).hasPrefix("2019-11-05") }
        XCTAssertEqual(t("load SPX_1MIN 2019-11-05..2019-11-05"),
                       ["SPX_1MIN: \(day.count) bars 2019-11-05T09:30:00..\(CivilTime.format(day.last ?? 0)) (embedded sample (S&P 500 index, 1-minute bars, 4 sessions))"])
        XCTAssertEqual(t.shell.workspace.dataset("SPX_1MIN")?.bars.time, day)
        XCTAssertEqual(t("load SPX_1MIN 2019-11-06T09:30..2019-11-06T09:34").first?.hasPrefix("SPX_1MIN: 5 bars "), true)
    }

    func testCompletion() {
        XCTAssertEqual(t.complete("load "), ["AAPL", "BTCUSD_1H", "GOOG", "SPX", "SPX_1MIN", "SPY", "from", "news", "timeframe", "universe"])
        XCTAssertEqual(t.complete("load S"), ["SPX", "SPX_1MIN", "SPY"])
        XCTAssertEqual(t.complete("load X from "), ["alpaca", "store"])
        XCTAssertEqual(t.complete("load X from s"), ["store"])
        XCTAssertEqual(t.complete("load X from \"Tests/Fixtures/bro"), ["Tests/Fixtures/broken/"])
        XCTAssertEqual(t.complete("load X from alpaca 2020-01-01..2020-12-31 timeframe 1"),
                       ["15min", "1day", "1hour", "1min"])
        XCTAssertEqual(t.complete("load universe sp from "), ["store"])
        XCTAssertEqual(t.complete("help load "), ["news", "universe"])
    }
}
