import Foundation
import TapeCore
import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// The two rules every backtest states: no built-in goes short unless told to (one
/// default for all), and Buy & Hold is bought at the close of the last warm-up bar, the
/// first bar the strategy could trade from, found from the indicators it reads, so the
/// same rules give the same benchmark whether written as a built-in, as conditions, or
/// with `warmup` stated.
final class ShortingAndBuyAndHoldTests: XCTestCase {
    func transcript() -> Transcript {
        let t = Transcript(columns: 100)
        t("load GOOG from \"\(BacktestDeclarationTests.goog)\"")
        return t
    }

    func last(_ t: Transcript) throws -> BacktestResult {
        try XCTUnwrap(t.shell.workspace.state { BacktestState() }.result)
    }

    /// sma_cross and ema_cross used to go short by default and the others not.
    func testNoBuiltinShortsByDefault() throws {
        let t = transcript()
        XCTAssertFalse(StrategyRegistry.shortsByDefault)
        for info in StrategyRegistry.all where info.kind == .singleSymbol {
            if let p = info.parameters.first(where: { $0.name == "shorts" }) {
                XCTAssertEqual(p.defaultValue, 0, info.name)
                XCTAssertEqual(p.maximum, 1, info.name)
            }
            t("backtest GOOG \(info.name)")
            let r = try last(t)
            XCTAssertFalse(r.shorting.allowed, info.name)
            XCTAssertFalse(r.trades.contains { $0.size < 0 } || r.openTrades.contains { $0.size < 0 }, "\(info.name) went short")
            XCTAssertGreaterThan(r.trades.count + r.openTrades.count, 0, info.name)
        }
        // The default is backtesting.py's long-only SmaCross (GOOG_smacross_longonly.json);
        // shorts 1 its stop-and-reverse one (GOOG_smacross.json).
        XCTAssertEqual(t("backtest GOOG sma_cross commission 0.2%")[1],
                       "trades 46 (+1 open at the end)  return 533.41%  buy & hold 607.37%  Sharpe 0.86  max drawdown -20.02%")
        XCTAssertEqual(t("backtest GOOG sma_cross shorts 1 commission 0.2%")[1],
                       "trades 93 (+1 open at the end)  return 462.64%  buy & hold 607.37%  Sharpe 0.60  max drawdown -33.93%")
        XCTAssertTrue(try last(t).trades.contains { $0.size < 0 })
    }

    func testStatsStatesShortingAndWhereBuyAndHoldStarts() {
        let t = transcript()
        t("backtest GOOG sma_cross")
        var stats = t("stats")
        XCTAssertTrue(stats.contains("  shorting: off (shorts 1 to allow)"), stats.joined(separator: "\n"))
        XCTAssertTrue(stats.contains("  buy & hold: from the close of 2004-09-16 (the end of the warm-up: the first bar every indicator of the strategy is defined) to the last close"))
        t("backtest GOOG sma_cross shorts 1")
        XCTAssertTrue(t("stats").contains("  shorting: on (shorts 0 for long only)"))
        t("backtest GOOG trend_following ma 50")
        XCTAssertTrue(t("stats").contains("  shorting: off (this strategy trades long only)"))
        t("backtest GOOG long when close > open")
        stats = t("stats")
        XCTAssertTrue(stats.contains("  shorting: off (short when EXPR to allow)"))
        XCTAssertTrue(stats.contains("  buy & hold: from the close of 2004-08-19 (the first bar of the run) to the last close"))
        t("backtest GOOG long when close > open short when close < open")
        XCTAssertTrue(t("stats").contains("  shorting: on"))
        // dates later than the warm-up: Buy & Hold from the first bar traded.
        t("backtest GOOG sma_cross dates 2010-01-01..2012-12-31")
        XCTAssertTrue(t("stats").contains("  buy & hold: from the close of 2010-01-04 (the first bar of the run) to the last close"))
    }

    /// The conditions of sma_cross, without `warmup`, used to decide from bar 1 and
    /// measure Buy & Hold from bar 0 (703.46%): a crossover is 0, not NaN, before the
    /// averages exist, so nothing showed the warm-up. Found from the averages, it is the
    /// built-in's bar 19, with or without `warmup 19`.
    func testBuyAndHoldDoesNotDependOnAStatedWarmup() throws {
        let t = transcript()
        t("let f = sma(close, 10)")
        t("let s = sma(close, 20)")
        t("backtest GOOG sma_cross shorts 1 commission 0.2%")
        let builtin = try last(t)
        var results: [BacktestResult] = []
        for line in ["backtest GOOG long when cross(f, s) short when cross(s, f) commission 0.2%",
                     "backtest GOOG long when cross(f, s) short when cross(s, f) commission 0.2% warmup 19",
                     "backtest GOOG long when cross(sma(close, 10), sma(close, 20)) short when cross(sma(close, 20), sma(close, 10)) commission 0.2%"] {
            XCTAssertEqual(t(line)[1], "trades 93 (+1 open at the end)  return 462.64%  buy & hold 607.37%  Sharpe 0.60  max drawdown -33.93%", line)
            results.append(try last(t))
        }
        for r in results {
            XCTAssertEqual(r.benchmarkBar, 19)
            XCTAssertEqual(r.firstDecisionBar, builtin.firstDecisionBar)
            XCTAssertEqual(r.trades, builtin.trades)
            XCTAssertEqual(BacktestStatistics.compute(r).buyAndHoldReturnPercent,
                           BacktestStatistics.compute(builtin).buyAndHoldReturnPercent)
        }
        // A binding that hides the averages is followed into its definition.
        t("let up = cross(f, s)")
        t("backtest GOOG long when up")
        XCTAssertEqual(try last(t).benchmarkBar, 19)
        // An output read by name: TA-Lib's MACD starts its line with its signal, at bar 33.
        t("backtest GOOG long when macd(close, 12, 26, 9).macd > 0")
        XCTAssertEqual(try last(t).benchmarkBar, 33)
        t("backtest GOOG long when close < bbands(close, 30, 2, 2).lower")
        XCTAssertEqual(try last(t).benchmarkBar, 29)
        // A later warmup makes the strategy wait, and Buy & Hold starts where it could trade.
        t("backtest GOOG long when cross(f, s) warmup 50")
        XCTAssertEqual(try last(t).benchmarkBar, 50)
        XCTAssertEqual(try last(t).firstDecisionBar, 51)
    }

    /// Every built-in and its spelling as conditions, without `warmup`: the same first
    /// decision and the same Buy & Hold (BuiltinSpellingTests compares their trades).
    func testEveryBuiltinAndItsSpellingShareTheWarmUp() throws {
        let t = transcript()
        for c in BuiltinSpellingTests.cases {
            t("backtest GOOG \(c.builtin)")
            let builtin = try last(t)
            let out = t("backtest GOOG \(c.spelling)")
            XCTAssertFalse(out.first?.hasPrefix("error") ?? true, "\(c.spelling): \(out)")
            let spelled = try last(t)
            XCTAssertEqual(spelled.benchmarkBar, builtin.benchmarkBar, c.builtin)
            XCTAssertEqual(spelled.firstDecisionBar, builtin.firstDecisionBar, c.builtin)
            XCTAssertEqual(spelled.trades, builtin.trades, c.builtin)
        }
    }
}
