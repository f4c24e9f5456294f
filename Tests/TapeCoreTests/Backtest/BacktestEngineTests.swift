import XCTest
@testable import TapeCore

/// Engine rules on small hand-made series whose expected fills are worked out by hand.
final class BacktestEngineTests: XCTestCase {
    /// Daily bars from 2021-01-04 (Mondays to Fridays, weekends skipped).
    static func bars(_ o: [Double], _ h: [Double], _ l: [Double], _ c: [Double]) -> Bars {
        var t: [Int64] = []
        var d = CivilTime.days(year: 2021, month: 1, day: 4)
        while t.count < c.count {
            let wd = CivilTime.weekday(d * 86_400)
            if wd != 0 && wd != 6 { t.append(d * 86_400) }
            d += 1
        }
        return Bars(symbol: "TEST", time: t, open: o, high: h, low: l, close: c,
                    volume: [Double](repeating: 1, count: c.count))
    }

    /// Flat-ish bars: open = close = p, high = p + 1, low = p - 1.
    static func flat(_ p: [Double]) -> Bars { bars(p, p.map { $0 + 1 }, p.map { $0 - 1 }, p) }

    func signal(_ n: Int, _ at: [Int]) -> [Bool] {
        var s = [Bool](repeating: false, count: n)
        for i in at { s[i] = true }
        return s
    }

    func run(_ bars: Bars, long: [Int], exit: [Int] = [], short: [Int] = [], config: BacktestConfig) throws -> BacktestResult {
        let n = bars.count
        var s = try SignalStrategy(name: "t", count: n, entryLong: signal(n, long), exitLong: signal(n, exit),
                                   entryShort: signal(n, short), warmup: 0)
        return try Backtester.run(&s, bars: bars, config: config)
    }

    func testNextOpenAndSignalCloseFills() throws {
        let b = Self.bars([10, 11, 12, 13, 14, 15], [11, 12, 13, 14, 15, 16], [9, 10, 11, 12, 13, 14], [10.5, 11.5, 12.5, 13.5, 14.5, 15.5])
        let next = try run(b, long: [2], exit: [4], config: BacktestConfig(cash: 1000))
        XCTAssertEqual(next.trades.count, 1)
        XCTAssertEqual(next.trades[0].entryBar, 3)
        XCTAssertEqual(next.trades[0].entryPrice, 13)      // open of the bar after the signal
        XCTAssertEqual(next.trades[0].exitBar, 5)
        XCTAssertEqual(next.trades[0].exitPrice, 15)
        XCTAssertEqual(next.trades[0].size, 76)             // floor(1000 / 13)
        XCTAssertEqual(next.assumptions.fill, .nextOpen)

        var cfg = BacktestConfig(cash: 1000)
        cfg.fill = .signalClose
        let close = try run(b, long: [2], exit: [4], config: cfg)
        XCTAssertEqual(close.trades[0].entryBar, 2)
        XCTAssertEqual(close.trades[0].entryPrice, 12.5)    // the signal bar's own close
        XCTAssertEqual(close.trades[0].exitBar, 4)
        XCTAssertEqual(close.trades[0].exitPrice, 14.5)
        XCTAssertEqual(close.trades[0].size, 79)             // floor(1000·(1−2⁻⁵²) / 12.5): just under 80
        XCTAssertEqual(close.equity[2], 1000)               // bought at the close it is marked at
        XCTAssertEqual(close.assumptions.lines.first?.1, "signal bar close")
    }

    func testStopLossIntrabarAndGap() throws {
        // Signal at bar 1, entry at bar 2's open 100 (10001 cash buys 100 units); 5% stop =
        // 95. Bar 3 dips to 94 from an open of 99.
        let b = Self.bars([100, 100, 100, 99, 99], [101, 101, 101, 100, 100], [99, 99, 99, 94, 98], [100, 100, 100, 97, 99])
        var cfg = BacktestConfig(cash: 10_001)
        cfg.exits = ExitRules(stopLoss: .percent(0.05))
        let r = try run(b, long: [1], config: cfg)
        XCTAssertEqual(r.trades.first?.exitBar, 3)
        XCTAssertEqual(r.trades.first?.exitPrice, 95)
        XCTAssertEqual(r.trades.first?.exitReason, .stopLoss)
        XCTAssertEqual(r.trades.first?.pnl, 100 * -5)

        // A gap below the stop fills at the open, not at the stop.
        let g = Self.bars([100, 100, 100, 90, 90], [101, 101, 101, 91, 91], [99, 99, 99, 89, 89], [100, 100, 100, 90, 90])
        let rg = try run(g, long: [1], config: cfg)
        XCTAssertEqual(rg.trades.first?.exitPrice, 90)
        XCTAssertEqual(rg.trades.first?.exitBar, 3)
    }

    func testStopAndTargetInOneBar() throws {
        // Entry 100 at bar 2; stop 95, target 110; bar 3 spans 94...111.
        let b = Self.bars([100, 100, 100, 100, 100], [101, 101, 101, 111, 101], [99, 99, 99, 94, 99], [100, 100, 100, 100, 100])
        var cfg = BacktestConfig(cash: 10_001)
        cfg.exits = ExitRules(stopLoss: .amount(5), takeProfit: .amount(10))
        let pessimistic = try run(b, long: [1], config: cfg)
        XCTAssertEqual(pessimistic.trades.first?.exitPrice, 95)
        XCTAssertEqual(pessimistic.trades.first?.exitReason, .stopLoss)
        cfg.exits.bothTouched = .targetFirst
        let optimistic = try run(b, long: [1], config: cfg)
        XCTAssertEqual(optimistic.trades.first?.exitPrice, 110)
        XCTAssertEqual(optimistic.trades.first?.exitReason, .takeProfit)
        XCTAssertTrue(optimistic.assumptions.lines.contains { $0.0 == "stop and target in one bar" && $0.1 == "target first" })
    }

    func testTrailingStopPercentRatchetsWithCloses() throws {
        // Entry at 100 (bar 2); closes 100, 110, 120 move a 10% trail to 90, 99, 108;
        // bar 5 falls to 105 from an open of 119, so it exits at 108.
        let b = Self.bars([100, 100, 100, 110, 120, 119, 100], [101, 101, 101, 111, 121, 120, 101],
                          [99, 99, 99, 109, 119, 105, 99], [100, 100, 100, 110, 120, 110, 100])
        var cfg = BacktestConfig(cash: 10_001)
        cfg.exits = ExitRules(trailingStop: .percent(0.1))
        let r = try run(b, long: [1], config: cfg)
        XCTAssertEqual(r.trades.first?.exitBar, 5)
        XCTAssertEqual(r.trades.first?.exitPrice ?? 0, 108, accuracy: 1e-12)
        XCTAssertEqual(r.trades.first?.exitReason, .trailingStop)
    }

    func testTrailingStopATRMultipleOnShort() throws {
        // True ranges of bars 1-4 are 2, so ATR(3) is 2 at bars 3 and 4. Short signal at
        // bar 3, entry at bar 4's open 100 with the trail at 100 + 1.5·2 = 103. Bar 5
        // (TR 5: low 95 vs previous close 100) makes ATR (2·2 + 5)/3 = 3 and closes at 96:
        // trail 96 + 4.5 = 100.5. Bar 6 reaches 101 from an open of 97: exit at 100.5.
        let b = Self.bars([100, 100, 100, 100, 100, 99, 97], [101, 101, 101, 101, 101, 99, 101],
                          [99, 99, 99, 99, 99, 95, 96], [100, 100, 100, 100, 100, 96, 98])
        var cfg = BacktestConfig(cash: 10_001)
        cfg.exits = ExitRules(trailingStop: .atr(multiple: 1.5, period: 3))
        let r = try run(b, long: [], short: [3], config: cfg)
        XCTAssertEqual(r.trades.first?.entryBar, 4)
        XCTAssertEqual(r.trades.first?.exitBar, 6)
        XCTAssertEqual(r.trades.first?.exitPrice ?? 0, 100.5, accuracy: 1e-12)
        XCTAssertEqual(r.trades.first?.exitReason, .trailingStop)
        XCTAssertEqual(r.trades.first?.size, -100)
        XCTAssertEqual(r.trades.first?.pnl ?? 0, -50, accuracy: 1e-9)
    }

    func testStopAndReverse() throws {
        let b = Self.flat([10, 10, 12, 12, 8, 8, 9])
        let r = try run(b, long: [1], short: [3], config: BacktestConfig(cash: 1201))
        XCTAssertEqual(r.trades.count, 1)
        XCTAssertEqual(r.trades[0].size, 100)                         // floor(1201 / 12) at bar 2's open
        XCTAssertEqual(r.trades[0].exitBar, 4)
        XCTAssertEqual(r.trades[0].pnl, 100 * (8 - 12))               // closed at bar 4's open 8
        XCTAssertEqual(r.openTrades.first?.size, -100)                // reopened short: floor(801 / 8)
        XCTAssertEqual(r.openTrades.first?.entryPrice, 8)
        XCTAssertEqual(r.equity.last ?? 0, 801 - 100 * (9 - 8))       // marked at the last close
    }

    func testEndOfDataRules() throws {
        // Long from bar 2's open 10 with 10001 cash: 1000 units; last bar opens 11, closes 12.
        let b = Self.bars([10, 10, 10, 11, 11], [11, 11, 11, 12, 12.5], [9, 9, 9, 10, 10.5], [10, 10, 10, 11, 12])
        var cfg = BacktestConfig(cash: 10_001)
        let open = try run(b, long: [1], config: cfg)
        XCTAssertTrue(open.trades.isEmpty)
        XCTAssertEqual(open.openTrades.first?.unrealizedPnL, 1000 * (12 - 10))
        XCTAssertEqual(open.equity.last, 10_001 + 2000)
        cfg.endOfData = .closeAtLastOpen
        let atOpen = try run(b, long: [1], config: cfg)
        XCTAssertEqual(atOpen.trades.first?.exitPrice, 11)
        XCTAssertEqual(atOpen.trades.first?.exitBar, 4)
        XCTAssertEqual(atOpen.trades.first?.exitReason, .endOfData)
        XCTAssertEqual(atOpen.equity.last, 10_001 + 1000)          // the last point is the cash after closing
        cfg.endOfData = .closeAtLastClose
        let atClose = try run(b, long: [1], config: cfg)
        XCTAssertEqual(atClose.trades.first?.exitPrice, 12)
        XCTAssertEqual(atClose.equity.last, 10_001 + 2000)
        XCTAssertTrue(atClose.openTrades.isEmpty)
    }

    func testRuinStopsTheRun() throws {
        // Short 100 units at 10 (1001 cash); the price jumps to 25, equity would be
        // 1001 - 1500 < 0: the trade is closed at that close and equity is 0 from then on.
        let b = Self.flat([10, 10, 10, 25, 30, 30])
        let r = try run(b, long: [], short: [1], config: BacktestConfig(cash: 1001))
        XCTAssertEqual(r.trades.first?.exitReason, .outOfMoney)
        XCTAssertEqual(r.trades.first?.exitBar, 3)
        XCTAssertEqual(r.trades.first?.pnl, -1500)
        XCTAssertEqual(Array(r.equity.suffix(3)), [0, 0, 0])
        XCTAssertTrue(r.openTrades.isEmpty)
    }

    func testCommissionCombinationAndSlippage() throws {
        let b = Self.flat([100, 100, 100, 110, 110])
        var cfg = BacktestConfig(cash: 10_000)
        cfg.commission = Commission(percent: 0.001, perShare: 0.01, perOrder: 1)
        cfg.slippageBps = 10
        cfg.sizing = .fixedQuantity(10)
        let r = try run(b, long: [1], exit: [2], config: cfg)
        let t = try XCTUnwrap(r.trades.first)
        XCTAssertEqual(t.entryPrice, 100 * 1.001, accuracy: 1e-12)   // buy pays 10 bp more
        XCTAssertEqual(t.exitPrice, 110 * 0.999, accuracy: 1e-12)    // sell gets 10 bp less
        let entryFee = 10 * 100.1 * 0.001 + 10 * 0.01 + 1
        let exitFee = 10 * 109.89 * 0.001 + 10 * 0.01 + 1
        XCTAssertEqual(t.commission, entryFee + exitFee, accuracy: 1e-9)
        XCTAssertEqual(t.pnl, 10 * (109.89 - 100.1) - entryFee - exitFee, accuracy: 1e-9)
        XCTAssertEqual(r.equity.last ?? 0, 10_000 + t.pnl, accuracy: 1e-9)
    }

    func testSizingRules() throws {
        let closes: [Double] = [100, 101, 99, 102, 98, 103, 97, 100, 100, 100]
        let b = Self.flat(closes)
        func size(_ s: Sizing, whole: Bool = true) throws -> Double {
            var cfg = BacktestConfig(cash: 10_000)
            cfg.sizing = s
            cfg.wholeUnits = whole
            let r = try run(b, long: [7], config: cfg)
            return r.openTrades.first?.size ?? 0
        }
        XCTAssertEqual(try size(.fixedQuantity(7)), 7)
        XCTAssertEqual(try size(.fixedCash(2_550)), 25)                      // floor(2550 / 100)
        XCTAssertEqual(try size(.fractionOfEquity(0.5), whole: false), 50)   // 5000 / 100
        XCTAssertEqual(try size(.fractionOfEquity(0.333)), 33)
        // Volatility target: sample sd of the last 5 returns up to bar 7, annualised with
        // 252 periods; units = 10000 * 0.1 / vol / 100.
        var r: [Double] = []
        for j in 3...7 { r.append(closes[j] / closes[j - 1] - 1) }
        let m = r.reduce(0, +) / 5
        let sd = (r.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 4).squareRoot()
        let expected = 10_000 * 0.1 / (sd * 252.0.squareRoot()) / 100
        XCTAssertEqual(try size(.volatilityTarget(annualVolatility: 0.1, lookback: 5), whole: false), expected, accuracy: 1e-9)
        // Kelly: mean / variance of those returns, half of it, clamped to [0, 1].
        let k = min(max(0.5 * m / (sd * sd), 0), 1)
        XCTAssertEqual(try size(.kelly(fraction: 0.5, lookback: 5), whole: false), 10_000 * k / 100, accuracy: 1e-9)
    }

    /// A strategy placing a limit buy below the market and recording what it could see.
    struct LimitBuyer: Strategy {
        var name = "limit"
        var warmup = 0
        var seen: [Int] = []
        var future: [Bool] = []
        mutating func next(_ context: inout StrategyContext) {
            seen.append(context.index)
            future.append(context.bar(ago: -1) != nil)
            if context.index == 1 { context.buy(limit: 95) }
        }
    }

    func testLimitEntryAndNoLookAhead() throws {
        // The limit at 95 rests through bar 2 (low 96) and fills in bar 3, which opens at
        // 97 and trades down to 94: at 95.
        let b = Self.bars([100, 99, 98, 97, 96], [101, 100, 99, 98, 97], [99, 98, 96, 94, 95], [99, 98, 97, 96, 96])
        var s = LimitBuyer()
        let r = try Backtester.run(&s, bars: b, config: BacktestConfig(cash: 1000))
        XCTAssertEqual(r.openTrades.first?.entryBar, 3)
        XCTAssertEqual(r.openTrades.first?.entryPrice, 95)
        XCTAssertEqual(r.openTrades.first?.size, 10)     // floor(1000 / 95)
        XCTAssertEqual(s.seen, [1, 2, 3, 4])               // warm-up 0: first decision at bar 1
        XCTAssertFalse(s.future.contains(true))            // no bar after the current one is visible
    }

    /// Places a sell-stop below the market at bar 1 (a short on a breakdown).
    struct BreakdownSeller: Strategy {
        var name = "breakdown"
        var warmup = 0
        mutating func next(_ context: inout StrategyContext) {
            if context.index == 1 { context.sell(stop: 95) }
        }
    }

    func testStopEntryGapFillsAtTheOpen() throws {
        // Bar 2 trades down to 96 (not through 95); bar 3 gaps down, opening at 93 below
        // the stop: the short fills at the open, 93, not at 95.
        let b = Self.bars([100, 99, 97, 93, 92], [101, 100, 98, 94, 93], [99, 98, 96, 91, 90], [99, 98, 97, 92, 91])
        var s = BreakdownSeller()
        let r = try Backtester.run(&s, bars: b, config: BacktestConfig(cash: 1000))
        XCTAssertEqual(r.openTrades.first?.entryBar, 3)
        XCTAssertEqual(r.openTrades.first?.entryPrice, 93)
        XCTAssertEqual(r.openTrades.first?.size, -10)       // floor(1000 / 93)
        XCTAssertEqual(r.equity.last ?? 0, 1000 + 20, accuracy: 1e-9)   // -10 × (91 − 93)
    }

    func testDecisionsIgnoreFutureSignalValues() throws {
        // Changing signals after bar 150 cannot change any trade that closed by bar 150.
        let bars = try BacktestFixtures.goog().rows(0..<400)
        var a = try StrategyRegistry.named("sma_cross").make(bars: bars, parameters: ["shorts": 1])
        let base = try Backtester.run(&a, bars: bars, config: BacktestConfig())
        var flipped = signal(bars.count, Array(151..<400))
        flipped[0] = false
        var b = try SignalStrategy(name: "x", count: bars.count,
                                   entryLong: zip(0..<bars.count, a.entryLong).map { $0 <= 150 ? $1 : flipped[$0] },
                                   entryShort: zip(0..<bars.count, a.entryShort).map { $0 <= 150 ? $1 : false }, warmup: a.warmup)
        let changed = try Backtester.run(&b, bars: bars, config: BacktestConfig())
        let closedEarly = base.trades.filter { $0.exitBar <= 150 }
        XCTAssertFalse(closedEarly.isEmpty)
        XCTAssertEqual(Array(changed.trades.prefix(closedEarly.count)), closedEarly)
        XCTAssertEqual(Array(changed.equity.prefix(151)), Array(base.equity.prefix(151)))
    }

    func testInvalidInputsThrowReadableErrors() throws {
        var bad = Self.flat([10, 10, 10])
        bad.close[1] = .nan
        XCTAssertThrowsError(try run(bad, long: [0], config: BacktestConfig())) { e in
            XCTAssertEqual("\(e)", "backtest data: TEST bar 1 (2021-01-05) has a missing or non-positive price")
        }
        // Past the warm-up, the bar loop itself finds a bad open.
        var badOpen = Self.flat([10, 10, 10, 10, 10])
        badOpen.open[3] = 0
        XCTAssertThrowsError(try run(badOpen, long: [0], config: BacktestConfig())) { e in
            XCTAssertEqual("\(e)", "backtest data: TEST bar 3 (2021-01-07) has a missing or non-positive price")
        }
        // Highs and lows are checked when stops use them, and only then.
        var badHigh = Self.flat([10, 10, 10, 10])
        badHigh.high[2] = .nan
        XCTAssertNoThrow(try run(badHigh, long: [0], config: BacktestConfig()))
        XCTAssertThrowsError(try run(badHigh, long: [0], config: BacktestConfig(exits: ExitRules(stopLoss: .percent(0.05))))) { e in
            XCTAssertEqual("\(e)", "backtest data: TEST bar 2 (2021-01-06) has a missing or non-positive price")
        }
        XCTAssertThrowsError(try run(Self.flat([10, 10]), long: [0], config: BacktestConfig(cash: -5))) { e in
            XCTAssertEqual("\(e)", "backtest setting: cash must be a positive amount, got -5.0")
        }
        XCTAssertThrowsError(try SignalStrategy(name: "x", count: 3, entryLong: [true])) { e in
            XCTAssertEqual("\(e)", "strategy: the 'long' signal has 1 values for 3 bars")
        }
    }
}
