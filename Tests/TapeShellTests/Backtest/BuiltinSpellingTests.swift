import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeShell

/// Every built-in strategy against its `long when ... exit when ...` spelling: the same
/// closed and open trades (entry and exit bars, prices, sizes, PnL) on real series, under
/// every indicator convention. The built-ins compute their indicators through the
/// catalogue the expressions use (`StrategyInputs`), so this holds by construction; the
/// test keeps it so. It failed before that change: `macd` seeded its own EMAs, and
/// `rsi_reversion`'s own RSI read a flat window as 50 where `rsi(close, 14)` reads 0.
final class BuiltinSpellingTests: XCTestCase {
    static let fixtures = Repository.fixtures("")

    /// A built-in with its parameters, and the spelling of the same rules.
    struct Case {
        let builtin: String
        let spelling: String
    }

    /// Each strategy at its defaults and at other parameters, long-only and (where it
    /// can) shorting. `warmup` is appended per run: the built-in states the bars its
    /// indicators need, the spelling says it in words.
    static var cases: [Case] {
        var out: [Case] = []
        for shorts in [0, 1] {
            for (name, f) in [("sma", 10), ("sma", 5), ("ema", 12), ("ema", 3)] {
                let s = f == 10 ? 20 : f == 5 ? 50 : f == 12 ? 26 : 7
                let up = "cross(\(name)(close, \(f)), \(name)(close, \(s)))", down = "cross(\(name)(close, \(s)), \(name)(close, \(f)))"
                out.append(Case(builtin: "\(name)_cross fast \(f) slow \(s) shorts \(shorts)",
                                spelling: "long when \(up) " + (shorts == 1 ? "short when \(down)" : "exit when \(down)")))
            }
            for (f, s, g) in [(12, 26, 9), (5, 35, 5)] {
                let m = "macd(close, \(f), \(s), \(g))"
                let up = "cross(\(m).macd, \(m).signal)", down = "cross(\(m).signal, \(m).macd)"
                out.append(Case(builtin: "macd fast \(f) slow \(s) signal \(g) shorts \(shorts)",
                                spelling: "long when \(up) " + (shorts == 1 ? "short when \(down)" : "exit when \(down)")))
            }
            for (n, lo, hi) in [(14, 30, 70), (2, 10, 90), (5, 25, 60)] {
                let r = "rsi(close, \(n))"
                out.append(Case(builtin: "rsi_reversion period \(n) lower \(lo) upper \(hi) shorts \(shorts)",
                                spelling: "long when \(r) < \(lo) exit when \(r) > \(hi)"
                                    + (shorts == 1 ? " short when \(r) > \(hi) cover when \(r) < \(lo)" : "")))
            }
            for (n, k) in [(20, "2"), (10, "1.5")] {
                let b = "bbands(close, \(n), \(k), \(k))"
                out.append(Case(builtin: "bollinger_reversion period \(n) k \(k) shorts \(shorts)",
                                spelling: "long when close < \(b).lower exit when close > \(b).middle"
                                    + (shorts == 1 ? " short when close > \(b).upper cover when close < \(b).middle" : "")))
            }
            for (e, x) in [(20, 10), (55, 20)] {
                out.append(Case(builtin: "donchian_breakout entry_channel \(e) exit_channel \(x) shorts \(shorts)",
                                spelling: "long when close > shift(max(high, \(e)), 1) exit when close < shift(min(low, \(x)), 1)"
                                    + (shorts == 1 ? " short when close < shift(min(low, \(e)), 1) cover when close > shift(max(high, \(x)), 1)" : "")))
            }
            for (n, th, minus) in [(126, "0", "0"), (20, "0.02", "-0.02")] {
                let m = "rocp(close, \(n))"
                out.append(Case(builtin: "momentum lookback \(n) threshold \(th) shorts \(shorts)",
                                spelling: "long when \(m) > \(th) exit when \(m) <= \(th)"
                                    + (shorts == 1 ? " short when \(m) < \(minus) cover when \(m) >= \(minus)" : "")))
            }
        }
        for (n, a, m) in [(200, 14, "3"), (50, 10, "2.5")] {
            out.append(Case(builtin: "trend_following ma \(n) atr \(a) mult \(m)",
                            spelling: "long when close > sma(close, \(n)) exit when close < sma(close, \(n)) trail_atr \(m) atr_period \(a)"))
        }
        out.append(Case(builtin: "buy_and_hold", spelling: "long when 1"))
        return out
    }

    /// The embedded samples, two fixture files, and a series that starts flat (a halted
    /// listing): RSI's first window has no change at all, where its conventions differ.
    func datasets(_ shell: Shell, _ out: CapturedOutput) throws -> [String] {
        let files = [("GOOGFIX", "backtests/GOOG.csv"), ("SPX1MIN", "csv/SPX_1min.csv")]
        for name in ["SPY", "AAPL", "GOOG", "BTCUSD_1H"] { try run(shell, out, "load \(name)") }
        for (name, path) in files { try run(shell, out, "load \(name) from \"\(Self.fixtures.appendingPathComponent(path).path)\"") }
        let goog = try XCTUnwrap(shell.workspace.dataset("GOOG")).bars
        var flat = goog.rows(0..<800)
        for i in 0..<40 {
            let p = goog.close[0]
            (flat.open[i], flat.high[i], flat.low[i], flat.close[i]) = (p, p, p, p)
        }
        flat.symbol = "FLAT"
        shell.workspace.add(Dataset(name: "FLAT", bars: flat, source: "GOOG's first 800 bars, the first 40 flat"))
        return ["SPY", "AAPL", "GOOG", "BTCUSD_1H"] + files.map(\.0) + ["FLAT"]
    }

    @discardableResult
    func run(_ shell: Shell, _ out: CapturedOutput, _ line: String) throws -> [String] {
        shell.run(line: line)
        let lines = out.take()
        if let e = lines.first(where: { $0.hasPrefix("error") }) { throw TapeError("\(line): \(e)") }
        return lines
    }

    func testEveryBuiltinTradesAsItsSpelling() throws {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        let names = try datasets(shell, out)
        let state = shell.workspace.state { BacktestState() }
        // Every single-symbol built-in is covered.
        let covered = Set(Self.cases.map { String($0.builtin.prefix { $0 != " " }) })
        XCTAssertEqual(covered, Set(StrategyRegistry.all.filter { $0.kind == .singleSymbol }.map(\.name)))
        var traded: [String: Int] = [:], runs: [String: Int] = [:]
        for convention in Convention.allCases {
            try run(shell, out, "set convention \(convention.rawValue)")
            // Every series under the default; under the others (their EMA, RSI, ATR and
            // SMA rules differ), a daily series, the flat start and minute bars.
            for name in convention == .talib ? names : ["SPY", "FLAT", "SPX1MIN"] {
                for c in Self.cases {
                    try run(shell, out, "backtest \(name) \(c.builtin)")
                    let builtin = try XCTUnwrap(state.result)
                    try run(shell, out, "backtest \(name) \(c.spelling) warmup \(builtin.benchmarkBar)")
                    let spelled = try XCTUnwrap(state.result)
                    let label = "\(convention) \(name) \(c.builtin)"
                    XCTAssertEqual(spelled.firstDecisionBar, builtin.firstDecisionBar, label)
                    XCTAssertEqual(spelled.trades.count, builtin.trades.count, label)
                    if let k = zip(builtin.trades, spelled.trades).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                        XCTFail("\(label): trade \(k) differs: \(builtin.trades[k]) vs \(spelled.trades[k])")
                    }
                    XCTAssertEqual(spelled.openTrades, builtin.openTrades, label)
                    let key = String(c.builtin.prefix { $0 != " " })
                    traded[key, default: 0] += builtin.trades.count + builtin.openTrades.count
                    runs[key, default: 0] += 1
                }
            }
        }
        // Not vacuous: every strategy traded, on average at least once per run.
        for (key, n) in traded { XCTAssertGreaterThanOrEqual(n, runs[key, default: 0], key) }
    }

    /// The case that used to differ: on a flat start, TA-Lib's RSI is 0 (no gains, no
    /// losses), so `rsi_reversion` buys inside the flat run just as `rsi(close, 14) < 30`
    /// does; under TradingView's rules it is 100 and neither buys there.
    func testFlatWindowRSIIsTheCataloguesUnderEachConvention() throws {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        _ = try datasets(shell, out)
        let state = shell.workspace.state { BacktestState() }
        try run(shell, out, "backtest FLAT rsi_reversion")
        // RSI(14) starts at bar 14 (0: no gains, no losses); the first decision is the
        // bar after the warm-up, 15, and fills at the next open.
        XCTAssertEqual(state.result?.trades.first?.entryBar, 16)
        try run(shell, out, "set convention tradingview")
        try run(shell, out, "backtest FLAT rsi_reversion")
        XCTAssertGreaterThanOrEqual(state.result?.trades.first?.entryBar ?? 0, 40)
    }
}
