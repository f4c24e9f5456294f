import Foundation
import TapeCore
import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// `show`, `export`, `use`, `drop`, `datasets` and `describe` as declared: help, the
/// dispatcher's errors with their carets, Tab after `show `, and the numbers they print
/// checked against arithmetic done here on the same bars.
final class DatasetCommandsTests: XCTestCase {
    let t = Transcript(columns: 100)

    override func setUp() {
        XCTAssertEqual(t("load SPY 2018-01-02..2018-01-10"), ["SPY: 7 bars 2018-01-02..2018-01-10 (embedded sample (SPDR S&P 500 ETF, daily))"])
    }

    var closes: [Double] { t.shell.workspace.dataset("SPY")?.bars.close ?? [] }

    func testHelpShowAndItsEnds() {
        XCTAssertEqual(t("help show"), [
            "usage: show [head|tail [N]] [EXPR, ...]",
            "  print rows of the current dataset, or of expressions beside its dates",
            "",
            "  arguments:",
            "    [EXPR ...]  columns to print beside the dates (default: every column)",
            "",
            "  subcommands (help show NAME for one):",
            "    head  the first N rows (default 10), or of expressions beside their dates",
            "    tail  the last N rows (default 10), or of expressions beside their dates",
            "",
            "  show                  the last 10 rows",
            "  show head 5           the first 5 rows",
            "  show tail 3 close, rsi(close, 14)",
        ])
        XCTAssertEqual(t("help show tail"), [
            "usage: show tail [N] [EXPR ...]",
            "  the last N rows (default 10), or of expressions beside their dates",
            "",
            "  arguments:",
            "    [N]         how many rows (whole number, from 0 to 1000000)",
            "    [EXPR ...]  columns to print beside the dates (default: every column)",
        ])
    }

    func testShowHeadAndTailCountRows() {
        XCTAssertEqual(t("show head 2 close"), ["date         close", "2018-01-02  268.77", "2018-01-03  270.47"])
        XCTAssertEqual(t("show tail 1 close, close - 1"), ["date         close  close - 1", "2018-01-10  274.12     273.12"])
        // Without N, ten rows: all seven here.
        XCTAssertEqual(t("show head").count, 8)
        XCTAssertEqual(t("show tail 0"), ["date  open  high  low  close  volume"])
        // The count is optional: an expression in its place is the first column.
        XCTAssertEqual(t("show head close").count, 8)
        XCTAssertEqual(t("show head close").first, "date         close")
        // A moving average printed beside its closes is the mean of the closes before it.
        let rows = t("show tail 3 sma(close, 3)").dropFirst().map { $0.split(separator: " ").map(String.init) }
        for (k, row) in rows.enumerated() {
            let i = closes.count - 3 + k
            XCTAssertEqual(Double(row[1]) ?? .nan, (closes[i - 2] + closes[i - 1] + closes[i]) / 3, accuracy: 1e-6, "\(row)")
        }
    }

    func testEachKindOfErrorWithItsCaret() {
        let cases: [(String, [String])] = [
            ("show tail 2.5", ["error: N must be a whole number — N is from 0 to 1000000", "  show tail 2.5", "            ^^^"]),
            ("show head -1", ["error: N must be from 0 to 1000000 — got -1", "  show head -1", "            ^^"]),
            ("show qqqqqq", ["error: unknown name 'qqqqqq'", "  show qqqqqq", "       ^^^^^^"]),
            ("use", ["error: use needs NAME — usage: use NAME", "  use", "  ^^^"]),
            ("use SPQ", ["error: no dataset named 'SPQ' — did you mean 'SPY'?", "  use SPQ", "      ^^^"]),
            ("drop SPY GOOG", ["error: too many arguments for drop — usage: drop NAME", "  drop SPY GOOG", "           ^^^^"]),
            ("datasets all", ["error: datasets takes no arguments — usage: datasets", "  datasets all", "           ^^^"]),
            ("describe SPQ", ["error: no dataset named 'SPQ' — did you mean 'SPY'?", "  describe SPQ", "           ^^^"]),
            ("export close", ["error: export needs to: to \"FILE\" — usage: export EXPR [as NAME], ... to \"file.csv\"  |  export stats|trades|equity|features to FILE",
                              "  export close", "  ^^^^^^"]),
            ("export close to out", ["error: to needs a file name in quotes — e.g. to \"file.csv\"", "  export close to out", "                  ^^^"]),
            ("export as x to \"x.csv\"", ["error: 'as' names the expression before it: export close as price to \"f.csv\"",
                                        "  export as x to \"x.csv\"", "         ^^"]),
            ("export close as 5 to \"x.csv\"", ["error: as must be a name", "  export close as 5 to \"x.csv\"", "                  ^"]),
        ]
        for (line, expected) in cases { XCTAssertEqual(t(line), expected, line) }
    }

    func testCompletionAfterShow() {
        t("let fastline = sma(close, 5)")
        let offered = Set(t.complete("show "))
        XCTAssertTrue(offered.isSuperset(of: ["head", "tail", "close", "fastline", "sma", "SPY"]), "\(offered.sorted())")
        XCTAssertEqual(t.complete("show ta"), ["tail", "tan", "tanh"])
        XCTAssertEqual(t.complete("show tail 3 clo"), ["close"])
        XCTAssertEqual(t.complete("use "), ["SPY"])
        XCTAssertEqual(t.complete("describe S"), ["SPY"])
    }

    func testExportWritesTheColumnsItNames() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertEqual(t("export close, sma(close, 2) as sma2 to \"\(dir)/x.csv\""),
                       ["wrote \(dir)/x.csv: 7 rows, columns date, close, sma2"])
        let rows = try String(contentsOfFile: dir + "/x.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows.first, ["date", "close", "sma2"])
        XCTAssertEqual(rows[1], ["2018-01-02", "268.77", ""])
        for i in 1..<closes.count {
            XCTAssertEqual(Double(rows[i + 1][1]), closes[i])
            XCTAssertEqual(Double(rows[i + 1][2]) ?? .nan, (closes[i - 1] + closes[i]) / 2, accuracy: 1e-12)
        }
    }

    func testDescribeAgreesWithTheBars() throws {
        let lines = t("describe")
        XCTAssertEqual(lines.first, "SPY: 7 bars, 2018-01-02..2018-01-10, source: embedded sample (SPDR S&P 500 ETF, daily)")
        let closeRow = try XCTUnwrap(lines.first { $0.hasPrefix("close ") }).split(separator: " ").map(String.init)
        let mean = closes.reduce(0, +) / Double(closes.count)
        let std = (closes.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(closes.count - 1)).squareRoot()
        XCTAssertEqual(closeRow[1], "7")
        XCTAssertEqual(Double(closeRow[2]) ?? .nan, mean, accuracy: 1e-4)
        XCTAssertEqual(Double(closeRow[3]) ?? .nan, std, accuracy: 1e-6)
        XCTAssertEqual(Double(closeRow[4]), closes.min())
        XCTAssertEqual(Double(closeRow[5]), closes.max())
        XCTAssertEqual(lines.first { $0.hasPrefix("daily returns") }, "daily returns (close to close): 6")
    }

    func testUseAndDrop() {
        t("load GOOG 2018-01-02..2018-01-05")
        XCTAssertEqual(t("use SPY"), [])
        XCTAssertEqual(t.shell.workspace.currentName, "SPY")
        XCTAssertEqual(t("drop GOOG"), [])
        XCTAssertEqual(t("datasets"), ["   name  bars                   range                                     source",
                                       "*   SPY     7  2018-01-02..2018-01-10  embedded sample (SPDR S&P 500 ETF, daily)"])
    }
}
