import Foundation
import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// What the backtest commands' declarations give: one error per kind of value, each with
/// its caret under the value at fault and the fix in the hint; "did you mean" for a
/// misspelled option or strategy parameter; Tab completing strategy names and then the
/// chosen strategy's parameters.
final class BacktestDeclarationTests: XCTestCase {
    static let goog = BacktestCommandsTests.fixtures.appendingPathComponent("GOOG.csv").path

    func transcript() -> Transcript {
        let t = Transcript(columns: 100)
        XCTAssertEqual(t("load GOOG from \"\(Self.goog)\"").first?.hasPrefix("GOOG: 2148 bars"), true)
        return t
    }

    /// The error, the line, and a caret under `marked`, the part of the line at fault.
    func error(_ line: String, _ marked: String, _ message: String, after: String = "") -> [String] {
        let start = line.range(of: after).map { line.distance(from: line.startIndex, to: $0.upperBound) } ?? 0
        let tail = String(line.dropFirst(start))
        let offset = start + (tail.range(of: marked).map { tail.distance(from: tail.startIndex, to: $0.lowerBound) } ?? -1000)
        return ["error: " + message, "  " + line, "  " + String(repeating: " ", count: offset) + String(repeating: "^", count: marked.count)]
    }

    func check(_ t: Transcript, _ line: String, _ marked: String, _ message: String, after: String = "",
               file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertEqual(t(line), error(line, marked, message, after: after), file: file, line: lineNumber)
    }

    // MARK: - one error per kind, each with its caret

    func testRatesMoneyAndCounts() {
        let t = transcript()
        let bt = "backtest GOOG sma_cross"
        check(t, "\(bt) commission 2", "2", "commission needs a unit: 2 would be 200% — did you mean 2%?")
        check(t, "\(bt) commission 150%", "150%", "commission must be at least 0% and below 100% — got 150%")
        // A rate whose range holds basis points, not percentages: `slippage 5` meant 5bp.
        check(t, "\(bt) slippage 5", "5", "slippage needs a unit: 5 would be 500% — did you mean 5bp?")
        check(t, "\(bt) slippage 0.5", "0.5", "slippage must be from 0% to 1% — got 50%")
        check(t, "\(bt) slippage 5d", "5d", "slippage is a rate, not a duration — e.g. slippage 5%")
        check(t, "\(bt) cash 5%", "5%", "cash is a price or amount, not a percentage — write cash 5")
        check(t, "\(bt) cash 0", "0", "cash must be above 0 — got 0")
        check(t, "\(bt) size 50", "50", "size needs a unit: 50 would be 5000% — did you mean 50%?")
        check(t, "\(bt) sizing_lookback 1", "1", "sizing_lookback must be from 2 to 100000 — got 1")
        check(t, "\(bt) atr_period 2.5 stop_atr 2", "2.5",
              "atr_period must be a whole number — atr_period is from 1 to 100000")
        check(t, "\(bt) sizing_lookback 5bp", "5bp", "sizing_lookback is a plain whole number, not basis points — write sizing_lookback 5")
    }

    /// stop, target, trail and entry offsets take either unit, read as written.
    func testPercentOrPriceOffsets() {
        let t = transcript()
        let bt = "backtest GOOG sma_cross"
        check(t, "\(bt) stop 150%", "150%", "stop must be below 100% of the price — or write price units: stop 150")
        check(t, "\(bt) stop 0", "0", "stop must be above 0 — got 0")
        check(t, "\(bt) trail 3d", "3d", "trail is a percentage or a price amount, not a duration — e.g. trail 3%")
        check(t, "\(bt) target 2 * 3", "2 * 3",
              "target must be written as a number: a percentage of the price (5%) or price units (2.5)")
        check(t, "\(bt) entry limit -1", "-1", "limit must be at least 0 — got -1")
        // Both spellings run, and each is stated as written.
        XCTAssertEqual(t("\(bt) stop 5% target 25").last,
                       "assumptions: fill next bar open; commission none; slippage 0 bp; sizing all available equity, whole units; stop loss 5%; take profit 25")
        XCTAssertEqual(t("\(bt) entry stop 1% stop 2.5").last,
                       "assumptions: fill next bar open; entry stop 1% above the signal close (below for shorts), good for 1 bar; fills once a bar trades through it, at the open on a gap; commission none; slippage 0 bp; sizing all available equity, whole units; stop loss 2.5")
    }

    func testChoicesDatesAndDurations() {
        let t = transcript()
        check(t, "backtest GOOG sma_cross fill opne", "opne", "unknown fill 'opne' — did you mean 'open'?")
        check(t, "backtest GOOG sma_cross dates 2010", "2010", "dates must be a date range such as 2020-01-01..2021-06-30")
        check(t, "backtest GOOG, GOOG xs_momentum weighting rank", "rank", "unknown weighting 'rank' — did you mean 'ranked'?")
        check(t, "optimize GOOG sma_cross fast 5..10 method gird", "gird", "unknown method 'gird' — did you mean 'grid'?")
        check(t, "optimize GOOG sma_cross fast 5..10 maximize sharpie", "sharpie", "unknown maximize 'sharpie' — did you mean 'sharpe'?")
        let wf = "walkforward GOOG sma_cross fast 5..10 slow 20..30 step 10"
        check(t, "\(wf) train 2", "2", "train needs a unit: 30d, 6m, 0.5y — did you mean 2d?", after: "train ")
        check(t, "\(wf) train 2y test 1.5m", "1.5m", "test must be a whole number of days, weeks, months or years, like 2y or 6m")
        check(t, "\(wf) train 2y test 36h", "36h", "test must be in days, weeks, months or years — e.g. test 90d")
    }

    /// A strategy's parameters are declared with the catalogue's ranges; a misspelled one
    /// gets "did you mean", one of another strategy names the strategy's own.
    func testStrategyParameters() {
        let t = transcript()
        let usage = BacktestCommand.spec.usage
        check(t, "backtest GOOG sma_cross fsat 10", "fsat", "backtest has no option 'fsat' — did you mean 'fast'? usage: \(usage)")
        check(t, "optimize GOOG sma_cross fsat 5..50 step 5", "fsat",
              "optimize has no option 'fsat' — did you mean 'fast'? usage: \(OptimizeCommand.spec.usage)")
        check(t, "backtest GOOG sma_cross slow 0", "0", "slow must be from 1 to 100000 — got 0")
        check(t, "backtest GOOG sma_cross fast 2.5", "2.5", "fast must be a whole number — fast is from 1 to 100000")
        check(t, "backtest GOOG rsi_reversion upper 120", "120", "upper must be from 0 to 100 — got 120")
        check(t, "backtest GOOG sma_cross shorts 2", "2", "shorts must be from 0 to 1 — got 2")
        check(t, "backtest GOOG ema_cross fast 10 period 3", "period", "ema_cross has no parameter 'period' — it takes fast, slow, shorts")
        check(t, "backtest GOOG sma_cross fast 5..10", "5..10", "fast takes one value, not a range")
        check(t, "optimize GOOG sma_cross fast 0..10", "0..10", "fast must be from 1 to 100000 — got 0")
        check(t, "backtest GOOG long when close > 1 fast 10", "fast",
              "fast is a parameter of a built-in strategy, not of signals — write it into the conditions, e.g. sma(close, 20)")
    }

    /// Options of another form are refused where they used to be ignored.
    func testOptionsThatDoNotApply() {
        let t = transcript()
        check(t, "backtest GOOG sma_cross warmup 19", "warmup",
              "warmup does not apply here: sma_cross is a built-in; signals are written backtest SYMBOL long when EXPR")
        check(t, "backtest GOOG sma_cross weighting ranked", "weighting",
              "weighting does not apply here: it weights the symbols of a portfolio strategy")
        check(t, "backtest GOOG, GOOG equal_weight stop 5%", "stop",
              "stop does not apply here: equal_weight rebalances at the next open to its own weights, over every bar the symbols share")
        check(t, "backtest GOOG sma_cross commission 0.1% fee 0.1%", "fee", "give commission or fee, not both: they are the same setting")
        check(t, "backtest GOOG long when cross(sma(close, 10), sma(close, 20)) warmup 5", "5",
              "warmup 5 is before bar 19, the first at which every indicator the signals read is defined — leave warmup out, or give 19 or more")
    }

    // MARK: - Tab

    func testTabCompletesStrategiesThenTheirParameters() {
        let t = transcript()
        let strategies = ["bollinger_reversion", "buy_and_hold", "donchian_breakout", "ema_cross", "equal_weight", "macd",
                          "momentum", "rsi_reversion", "sma_cross", "trend_following", "xs_momentum"]
        // After the command or a symbol: the strategies (and the datasets).
        for line in ["backtest ", "backtest GOOG "] {
            let offered = t.complete(line)
            XCTAssertTrue(Set(strategies).isSubset(of: offered), "\(line): \(offered)")
            XCTAssertTrue(offered.contains("GOOG"), line)
            XCTAssertFalse(offered.contains("fast"), "parameters wait for their strategy: \(line)")
        }
        XCTAssertEqual(t.complete("backtest GOOG sma_"), ["sma_cross"])
        XCTAssertEqual(t.complete("backtest GOOG rsi_r"), ["rsi_reversion"])
        // optimize and walkforward search single-symbol strategies only (beside them Tab
        // offers the option keys and the workspace's names, as after any command).
        XCTAssertEqual(t.complete("optimize GOOG xs_"), [])
        XCTAssertEqual(t.complete("walkforward GOOG ema_"), ["ema_cross"])
        let m = t.complete("optimize m")
        XCTAssertTrue(m.contains("macd") && m.contains("momentum") && m.contains("method"), "\(m)")
        // After the strategy: its own parameters, no other strategy's, and the engine's options.
        let sma = t.complete("backtest GOOG sma_cross ")
        XCTAssertTrue(["fast", "slow", "shorts", "commission", "stop", "dates"].allSatisfy(sma.contains), "\(sma)")
        XCTAssertFalse(sma.contains("period") || sma.contains("lookback") || sma.contains("sma_cross") || sma.contains("rsi_reversion"), "\(sma)")
        XCTAssertTrue(t.complete("backtest GOOG sma_cross fast 10 s").contains("slow"))
        XCTAssertFalse(t.complete("backtest GOOG sma_cross fast 10 f").contains("fast"), "a parameter given is not offered again")
        let rsi = t.complete("backtest GOOG rsi_reversion p")
        XCTAssertTrue(rsi.contains("period") && rsi.contains("per_share"), "\(rsi)")
        XCTAssertFalse(t.complete("backtest GOOG sma_cross p").contains("period"))
        // sin and sinh are the catalogue's functions, offered as names after any command.
        XCTAssertEqual(t.complete("optimize GOOG macd si"), ["signal", "sin", "sinh", "size", "sizing_lookback"])
        XCTAssertEqual(t.complete("optimize GOOG sma_cross si"), ["sin", "sinh", "size", "sizing_lookback"])
        XCTAssertTrue(t.complete("walkforward GOOG trend_following ").contains("mult"))
        XCTAssertTrue(t.complete("backtest GOOG, GOOG xs_momentum to").contains("top"))
        XCTAssertFalse(t.complete("backtest GOOG, GOOG equal_weight to").contains("top"))
        // Values: the choices of a choice option.
        XCTAssertEqual(t.complete("backtest GOOG sma_cross fill "), ["close", "open"])
        XCTAssertEqual(t.complete("optimize GOOG sma_cross fast 5..10 method "), ["genetic", "grid", "lhs", "random"])
        XCTAssertEqual(t.complete("optimize GOOG sma_cross fast 5..10 maximize s"), ["sharpe", "sortino", "sqn"])
        XCTAssertTrue(t.complete("strategies sma").contains("sma_cross"))
    }
}
