import TapeCore
import XCTest
@testable import TapeShell

final class EvaluatorTests: XCTestCase {
    var shell: Shell!
    var out: CapturedOutput!

    static func bars(_ symbol: String, days: [Int], close: [Double]) -> Bars {
        let t = days.map { CivilTime.timestamp(year: 2024, month: 1, day: $0) }
        return Bars(symbol: symbol, time: t, open: close, high: close.map { $0 + 1 }, low: close.map { $0 - 1 },
                    close: close, volume: close.map { _ in 1000 })
    }

    override func setUp() {
        out = CapturedOutput()
        shell = Shell(output: out)
        shell.workspace.add(Dataset(name: "QQQ", bars: Self.bars("QQQ", days: [2, 3, 5], close: [10, 20, 30]), source: "test"))
        shell.workspace.add(Dataset(name: "SPY", bars: Self.bars("SPY", days: [2, 3, 4, 5, 8], close: [1, 2, 3, 4, 5]), source: "test"))
    }

    func eval(_ s: String) throws -> Value {
        try Evaluator(workspace: shell.workspace, functions: shell.functions).evaluate(Parser.expression(s, grammar: shell.commands))
    }

    func values(_ s: String) throws -> [Double] {
        guard case .series(let x) = try eval(s) else { XCTFail("\(s) is not a series"); return [] }
        return x.values
    }

    func assertSame(_ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertTrue(x == y || (x.isNaN && y.isNaN), "\(a) != \(b)", file: file, line: line) }
    }

    func testScalars() throws {
        guard case .number(let x) = try eval("2 + 3 * 4 - 25% * 4") else { return XCTFail() }
        XCTAssertEqual(x, 13)
        guard case .number(let bp) = try eval("10bp") else { return XCTFail() }
        XCTAssertEqual(bp, 0.001, accuracy: 1e-18)
        guard case .bool(true) = try eval("1 < 2 and not (3 < 2)") else { return XCTFail() }
    }

    func testSeriesArithmeticAndComparisons() throws {
        assertSame(try values("close * 2 + 1"), [3, 5, 7, 9, 11])
        assertSame(try values("close > 2"), [0, 0, 1, 1, 1])
        assertSame(try values("shift(close, 2)"), [.nan, .nan, 1, 2, 3])
        assertSame(try values("diff(close)"), [.nan, 1, 1, 1, 1])
        assertSame(try values("pct(close)"), [.nan, 1, 0.5, 4.0 / 3.0 - 1, 0.25])
    }

    func testOtherDatasetAlignsByDate() throws {
        // QQQ has Jan 2, 3, 5; SPY (current) has 2, 3, 4, 5, 8.
        assertSame(try values("QQQ.close"), [10, 20, .nan, 30, .nan])
        assertSame(try values("close + QQQ.close"), [11, 22, .nan, 34, .nan])
    }

    func testCross() throws {
        shell.workspace.add(Dataset(name: "X", bars: Self.bars("X", days: [1, 2, 3, 4, 5, 6], close: [1, 3, 2, 2, 4, 1]), source: "t"))
        // close crosses above 2 only where the previous bar is strictly below and this one strictly above.
        assertSame(try values("cross(close, 2)"), [0, 1, 0, 0, 0, 0])
    }

    func testLetIsAFormulaEvaluatedPerDataset() throws {
        XCTAssertEqual(shell.run(line: "let up = close - shift(close)"), .ok)
        assertSame(try values("up"), [.nan, 1, 1, 1, 1])
        shell.workspace.currentName = "QQQ"
        assertSame(try values("up"), [.nan, 10, 10])
    }

    func testIndicatorFromCatalogueWithKeywordsAndOutputs() throws {
        assertSame(try values("sma(close, 2)"), [.nan, 1.5, 2.5, 3.5, 4.5])
        assertSame(try values("sma(close, period=2)"), [.nan, 1.5, 2.5, 3.5, 4.5])
    }

    func testErrorMessages() {
        func message(_ s: String) -> String {
            do { _ = try eval(s); return "no error" } catch { return (error as? TapeError)?.description ?? "\(error)" }
        }
        XCTAssertEqual(message("closee"), "unknown name 'closee' — did you mean 'close'?")
        XCTAssertEqual(message("smaa(close, 20)"), "unknown function 'smaa' — did you mean 'sma'?")
        XCTAssertEqual(message("QQQ"), "'QQQ' is a dataset, not a series — write QQQ.close, or `use QQQ`")
        XCTAssertEqual(message("QQQ.clse"), "dataset QQQ has no column 'clse' — did you mean 'close'?")
        XCTAssertEqual(message("shift(close, -1)"), "shift: n must be a whole number from 0 to 1000000, got -1")
        XCTAssertEqual(message("sma"), "'sma' is a function: call it with arguments — see: help sma")
        XCTAssertEqual(message("\"a\" * 2"), "cannot use a string with '*'")
        XCTAssertEqual(message("10..1"), "range 10..1 runs backwards")
        XCTAssertEqual(message("1Day"), "'1Day' is not a value here — numbers take units %, bp, d, w, m, y (e.g. 30d)")
        XCTAssertTrue(message("sma(close, 0)").hasPrefix("sma: period must be at least 1, got 0"), message("sma(close, 0)"))
    }

    func testShellReportsCaretUnderFault() {
        XCTAssertEqual(shell.run(line: "sma(closee, 20)"), .failed)
        XCTAssertEqual(out.take(), ["error: unknown name 'closee' — did you mean 'close'?", "  sma(closee, 20)", "      ^^^^^^"])
        XCTAssertEqual(shell.run(line: "lod SPY"), .failed)
        XCTAssertEqual(out.take().first, "error: unknown command 'lod' — did you mean 'load'?")
    }

    /// Bindings built on bindings, each as deep as a line may be, once overflowed the
    /// stack at about 20 levels.
    func testDeeplyNestedBindingsAreAnError() {
        shell.run(line: "let b0 = close")
        var failedAt = 0
        for i in 1..<30 where shell.run(line: "let b\(i) = " + String(repeating: "-", count: 190) + "b\(i - 1)") == .failed {
            failedAt = i
            break
        }
        XCTAssertEqual(failedAt, 7)
        let printed: [String] = out.take()
        XCTAssertEqual(printed.first, "error: in 'b6': in 'b5': in 'b4': in 'b3': in 'b2': bindings nest more than 1000 levels deep at 'b1'"
                       + " — build it from fewer, flatter bindings")
        XCTAssertEqual(shell.run(line: "b5"), .ok)
    }
}
