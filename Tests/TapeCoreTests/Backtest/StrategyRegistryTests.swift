import TapeTestSupport
import XCTest
@testable import TapeCore

final class StrategyRegistryTests: XCTestCase {
    func testListingHasEveryBuiltinWithDefaults() {
        XCTAssertEqual(StrategyRegistry.names, ["sma_cross", "ema_cross", "macd", "rsi_reversion", "bollinger_reversion",
                                                "donchian_breakout", "momentum", "trend_following", "buy_and_hold", "xs_momentum",
                                                "equal_weight"])
        XCTAssertEqual(StrategyRegistry.listing.first,
                       "sma_cross: long when SMA(fast) crosses above SMA(slow); short (or exit) on the cross below [fast 10, slow 20, shorts 0]")
        XCTAssertEqual(try StrategyRegistry.named("sma_cross").usage, "sma_cross fast=10 slow=20 shorts=0")
    }

    func testSmaCrossBuiltinReproducesTheReferenceRun() throws {
        // The registry's sma_cross, stop-and-reverse, is backtesting.py's SmaCross example.
        let bars = try BacktestFixtures.goog()
        let ref = try BacktestFixtures.reference("GOOG_smacross")
        var s = try StrategyRegistry.named("sma_cross").make(bars: bars, parameters: ["shorts": 1])
        let r = try Backtester.run(&s, bars: bars, config: BacktestConfig(commission: Commission(percent: 0.002)))
        XCTAssertEqual(r.trades.count, ref.trades.count)
        let expected = ref.stats.first { $0.0 == "Return [%]" }?.1 as? Double ?? .nan
        assertClose(BacktestStatistics.compute(r).number("Return [%]"), expected, rel: 1e-9, "Return")
        XCTAssertEqual(s.name, "sma_cross(fast 10, slow 20)")
    }

    func testEveryBuiltinRunsOnRealData() throws {
        let bars = try BacktestFixtures.goog()
        for info in StrategyRegistry.all where info.kind == .singleSymbol {
            var s = try info.make(bars: bars)
            let r = try Backtester.run(&s, bars: bars, config: BacktestConfig())
            XCTAssertGreaterThan(r.trades.count + r.openTrades.count, 0, "\(info.name) never traded")
            XCTAssertEqual(r.equity.count, bars.count)
            XCTAssertTrue(r.equity.allSatisfy { $0.isFinite && $0 > 0 }, info.name)
            // The equity curve must be consistent with the trades: final equity = cash +
            // closed PnL - open entry commission + open unrealised PnL.
            let closed = r.trades.reduce(0) { $0 + $1.pnl }
            let open = r.openTrades.reduce(0) { $0 + $1.unrealizedPnL - $1.entryCommission }
            XCTAssertEqual(r.equity.last ?? 0, 10_000 + closed + open, accuracy: 1e-6, info.name)
        }
    }

    func testTrendFollowingBringsItsATRTrailingStop() throws {
        let bars = try BacktestFixtures.goog()
        var s = try StrategyRegistry.named("trend_following").make(bars: bars, parameters: ["ma": 50])
        let r = try Backtester.run(&s, bars: bars, config: BacktestConfig())
        XCTAssertEqual(r.exits.trailingStop, .atr(multiple: 3, period: 14))
        XCTAssertTrue(r.trades.contains { $0.exitReason == .trailingStop })
    }

    func testParameterErrors() throws {
        let info = try StrategyRegistry.named("sma_cross")
        XCTAssertThrowsError(try info.resolve(["fats": 5])) { e in
            XCTAssertEqual("\(e)", "parameter: sma_cross has no parameter 'fats' (did you mean 'fast'?); it takes fast, slow, shorts")
        }
        XCTAssertThrowsError(try info.resolve(["fast": 2.5])) { e in
            XCTAssertEqual("\(e)", "parameter: sma_cross fast must be a whole number, got 2.5")
        }
        XCTAssertThrowsError(try info.resolve(["slow": 0])) { e in
            XCTAssertEqual("\(e)", "parameter: sma_cross slow must be at least 1, got 0")
        }
        XCTAssertThrowsError(try StrategyRegistry.named("sma_cros")) { e in
            XCTAssertEqual("\(e)", "unknown strategy 'sma_cros' (did you mean 'sma_cross'?)")
        }
    }

    /// The catalogue entries the built-ins compute through, on hand-worked values.
    func testIndicatorsAgainstHandValues() throws {
        let x: [Double] = [1, 2, 3, 4, 5, 6]
        let inputs = StrategyInputs(bars: Bars(symbol: "X", time: (0..<6).map { Int64($0) * 86_400 }, open: x, high: x, low: x,
                                               close: x, volume: x))
        XCTAssertEqual(try inputs.series("sma", 3).dropFirst(2).map { $0 }, [2, 3, 4, 5])
        XCTAssertTrue(try inputs.series("sma", 3)[1].isNaN)
        // EMA(3): seed mean(1,2,3) = 2, then alpha 0.5: 3, 4, 5.
        XCTAssertEqual(Array(try inputs.series("ema", 3).dropFirst(2)), [2, 3, 4, 5])
        // RSI of a rising series is 100; of alternating +1/-1 with Wilder smoothing: 50 at seed.
        XCTAssertEqual(try inputs.series("rsi", 3)[3], 100)
        let alternating: [Double] = [1, 2, 1, 2, 1]
        XCTAssertEqual(IndicatorCatalogue.named("rsi")?.compute([alternating], [2], .talib).first?[2], 50)
        XCTAssertEqual(Signals.crossAbove([1, 3, 3, 4], [2, 2, 3, 3]), [false, true, false, false])
        // donchian_breakout's channel: the highest of the n bars before each bar.
        XCTAssertEqual(Array(Signals.shift(try inputs.series("max", of: .high, 2), by: 1).dropFirst(2)), [2, 3, 4, 5])
        XCTAssertEqual(IndicatorCatalogue.named("stddev")?.compute([[2, 4, 4, 4, 5, 5, 7, 9]], [8, 1], .talib).first?[7], 2)
    }

    func testCrossFlagsAreTheCrossingsBitByBit() {
        var rng = SeededRandom(seed: 5)
        // Ties, NaN and unequal lengths included: two short series of small integers.
        let a = (0..<300).map { _ -> Double in rng.unit() < 0.05 ? .nan : (5 * rng.unit()).rounded() }
        let b = (0..<297).map { _ -> Double in rng.unit() < 0.05 ? .nan : (5 * rng.unit()).rounded() }
        let up = Signals.crossAbove(a, b), down = Signals.crossAbove(b, a)
        XCTAssertEqual(up.count, 297)
        XCTAssertTrue(up.contains(true) && down.contains(true))
        for reverse in [false, true] {
            let flags = Signals.crossFlags(a, b, reverse: reverse)
            let downBit = reverse ? SignalStrategy.Signal.entryShort : SignalStrategy.Signal.exitLong
            XCTAssertEqual(flags, zip(up, down).map { ($0 ? SignalStrategy.Signal.entryLong : 0) | ($1 ? downBit : 0) })
        }
        // The channel of the bars before each bar, as donchian_breakout and
        // `shift(min(low, 2), 1)` compute it: a window holding NaN gives NaN (the
        // catalogue's MIN), where the strategy's own old loop skipped it and gave 5.
        let low = IndicatorCatalogue.named("min")?.compute([[3, 1, 2, .nan, 5, 4]], [2], .talib).first ?? []
        let prior = Signals.shift(low, by: 1)
        XCTAssertEqual(Array(prior[2...4]), [1, 1, 2])
        XCTAssertTrue(prior[5].isNaN)
    }
}
