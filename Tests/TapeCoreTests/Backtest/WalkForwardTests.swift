import XCTest
@testable import TapeCore

final class WalkForwardTests: XCTestCase {
    /// Every calendar day from 2010-01-01 for `days` days.
    func daily(_ days: Int) -> [Int64] {
        let d0 = CivilTime.days(year: 2010, month: 1, day: 1)
        return (0..<Int64(days)).map { (d0 + $0) * 86_400 }
    }

    func index(_ time: [Int64], _ y: Int, _ m: Int, _ d: Int) -> Int {
        time.firstIndex { $0 >= CivilTime.timestamp(year: y, month: m, day: d) } ?? time.count
    }

    func testRollingWindowsByCalendar() throws {
        let t = daily(5 * 365)   // 2010-01-01 ... 2014-12-31
        let ws = try WalkForward.windows(time: t, train: .years(2), test: .months(6), mode: .rolling)
        // Test windows start 2012-01-01, 2012-07-01, ..., 2014-07-01: six of them.
        XCTAssertEqual(ws.count, 6)
        XCTAssertEqual(ws[0].train, 0..<index(t, 2012, 1, 1))
        XCTAssertEqual(ws[0].test, index(t, 2012, 1, 1)..<index(t, 2012, 7, 1))
        XCTAssertEqual(ws[1].train, index(t, 2010, 7, 1)..<index(t, 2012, 7, 1))
        XCTAssertEqual(ws[5].test, index(t, 2014, 7, 1)..<t.count)
        for (k, w) in ws.enumerated() {
            XCTAssertGreaterThanOrEqual(w.test.lowerBound, w.train.upperBound, "window \(k): test overlaps train")
            XCTAssertTrue(w.train.upperBound == w.test.lowerBound)
            if k > 0 { XCTAssertEqual(w.test.lowerBound, ws[k - 1].test.upperBound, "test windows must tile without overlap") }
            // A rolling train window always spans two calendar years.
            XCTAssertEqual(CivilTime.format(t[w.train.lowerBound]).prefix(4), "\(2010 + k / 2)")
        }
    }

    func testAnchoredWindowsGrowFromTheStart() throws {
        let t = daily(4 * 365)
        let ws = try WalkForward.windows(time: t, train: .years(2), test: .years(1), mode: .anchored)
        XCTAssertEqual(ws.count, 2)
        XCTAssertEqual(ws.map(\.train.lowerBound), [0, 0])
        XCTAssertEqual(ws[1].train.upperBound, index(t, 2013, 1, 1))
        XCTAssertEqual(ws[1].test, index(t, 2013, 1, 1)..<t.count)
        XCTAssertThrowsError(try WalkForward.windows(time: daily(100), train: .years(2), test: .months(6), mode: .rolling)) { e in
            XCTAssertEqual("\(e)", "backtest data: the data (2010-01-01..2010-04-10) is too short for a 2y train and 6m test window")
        }
    }

    func testMonthStepsClampToMonthEnd() {
        let jan31 = CivilTime.timestamp(year: 2020, month: 1, day: 31)
        XCTAssertEqual(CivilTime.format(WindowLength.months(1).advance(jan31)), "2020-02-29")
        XCTAssertEqual(CivilTime.format(WindowLength.months(13).advance(jan31)), "2021-02-28")
        XCTAssertEqual(CivilTime.format(WindowLength.days(30).advance(jan31)), "2020-03-01")
        XCTAssertEqual(CivilTime.format(WindowLength.months(1).advance(CivilTime.timestamp(year: 2020, month: 3, day: 31), times: -1)), "2020-02-29")
        // Starting on a 31st, month steps clamp, yet the test windows still tile exactly.
        let d0 = CivilTime.days(year: 2019, month: 1, day: 31)
        let t = (0..<Int64(700)).map { (d0 + $0) * 86_400 }
        let ws = (try? WalkForward.windows(time: t, train: .months(3), test: .months(1), mode: .rolling)) ?? []
        XCTAssertEqual(ws.count, 20)
        for k in 1..<ws.count { XCTAssertEqual(ws[k].test.lowerBound, ws[k - 1].test.upperBound) }
        XCTAssertTrue(ws.allSatisfy { $0.train.upperBound == $0.test.lowerBound && $0.train.count >= 89 })
    }

    func testWalkForwardOnGOOGKeepsOutOfSampleSeparate() throws {
        let bars = try BacktestFixtures.goog()
        let wf = try WalkForward.run(strategy: try StrategyRegistry.named("sma_cross"), bars: bars,
                                     config: BacktestConfig(commission: Commission(percent: 0.002)),
                                     space: [ParameterRange("fast", 5, 20, step: 5), ParameterRange("slow", 20, 60, step: 20)],
                                     method: .grid, maximize: "Sharpe Ratio", constraint: { $0["fast", default: .nan] < $0["slow", default: .nan] },
                                     train: .years(2), test: .years(1))
        let ws = try WalkForward.windows(time: bars.time, train: .years(2), test: .years(1), mode: .rolling)
        XCTAssertEqual(wf.steps.map(\.window), ws)
        for s in wf.steps {
            // Statistics were measured on exactly the window's bars.
            XCTAssertEqual(s.inSample["Start"], .time(bars.time[s.window.train.lowerBound]))
            XCTAssertEqual(s.inSample["End"], .time(bars.time[s.window.train.upperBound - 1]))
            XCTAssertEqual(s.outOfSample["Start"], .time(bars.time[s.window.test.lowerBound]))
            XCTAssertEqual(s.outOfSample["End"], .time(bars.time[s.window.test.upperBound - 1]))
            XCTAssertLessThan(s.parameters["fast"] ?? 99, s.parameters["slow"] ?? 0)
            XCTAssertEqual(s.trials, 11)   // 4 × 3 grid minus (20, 20)
            // The in-sample figure is the best over the training window: re-running it there agrees.
            var strat = try StrategyRegistry.named("sma_cross").make(bars: bars, parameters: s.parameters)
            let again = try Backtester.run(&strat, bars: bars, config: BacktestConfig(commission: Commission(percent: 0.002)), range: s.window.train)
            XCTAssertEqual(BacktestStatistics.compute(again).number("Sharpe Ratio"), s.inSample.number("Sharpe Ratio"))
        }
        // The stitched out-of-sample run covers exactly the test windows, and compounds them.
        let oos = try XCTUnwrap(wf.outOfSample)
        XCTAssertEqual(oos.range, ws[0].test.lowerBound..<(ws.last?.test.upperBound ?? 0))
        XCTAssertEqual(oos.equity.count, oos.range.count)
        var growth = 1.0
        for s in wf.steps { growth *= 1 + s.outOfSample.number("Return [%]") / 100 }
        XCTAssertEqual((oos.equity.last ?? 0) / 10_000, growth, accuracy: 1e-9)
        XCTAssertEqual(oos.trades.count, wf.steps.reduce(0) { $0 + Int($1.outOfSample.number("# Trades")) })
        XCTAssertEqual(BacktestStatistics.compute(oos)["Start"], .time(bars.time[ws[0].test.lowerBound]))
        let table = wf.table(time: bars.time)
        XCTAssertEqual(table.split(separator: "\n").count, wf.steps.count + 1)
        XCTAssertTrue(table.hasPrefix("train"))
    }

    func testATestSpanWithoutTrainingBarsStaysFlatInTheJoinedRun() throws {
        // Daily bars 2010-01-01 ... 2011-06-30, then nothing until 2012-05-01. With 3m
        // training and 1y test spans the test span from 2012-04-01 has bars but its
        // training span (2012-01 ... 2012-03) has none, so that window is skipped.
        let d0: Int64 = CivilTime.days(year: 2010, month: 1, day: 1), stop: Int64 = CivilTime.days(year: 2011, month: 7, day: 1)
        let resume: Int64 = CivilTime.days(year: 2012, month: 5, day: 1), end: Int64 = CivilTime.days(year: 2015, month: 1, day: 1)
        var time: [Int64] = []
        for d in d0..<stop { time.append(d * 86_400) }
        for d in resume..<end { time.append(d * 86_400) }
        var open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = []
        for k in 0..<time.count {
            let x = Double(k)
            let c: Double = 100 + 10 * sin(x / 9) + 0.02 * x
            let o: Double = close.last ?? c
            open.append(o); close.append(c); high.append(max(o, c) + 1); low.append(min(o, c) - 1)
        }
        let bars = Bars(symbol: "GAP", time: time, open: open, high: high, low: low, close: close,
                        volume: [Double](repeating: 1, count: time.count))
        let ws = try WalkForward.windows(time: time, train: .months(3), test: .years(1), mode: .rolling)
        let skippedStart = index(time, 2012, 4, 1), skippedEnd = index(time, 2013, 4, 1)
        let testStarts: [Int] = [index(time, 2010, 4, 1), index(time, 2011, 4, 1), skippedEnd, index(time, 2014, 4, 1)]
        XCTAssertEqual(ws.map(\.test.lowerBound), testStarts)
        let wf = try WalkForward.run(strategy: try StrategyRegistry.named("sma_cross"), bars: bars, config: BacktestConfig(),
                                     space: [ParameterRange("fast", 2, 3), ParameterRange("slow", 5, 6)],
                                     method: .grid, maximize: "Return [%]", train: .months(3), test: .years(1))
        let oos = try XCTUnwrap(wf.outOfSample)
        XCTAssertEqual(oos.range, ws[0].test.lowerBound..<time.count)
        // One equity value per bar (the shell's `equity` reads them side by side).
        XCTAssertEqual(oos.equity.count, oos.time.count)
        let o = oos.range.lowerBound
        let level: Double = oos.equity[skippedStart - 1 - o]
        let flat: [Double] = Array(oos.equity[(skippedStart - o)..<(skippedEnd - o)])
        XCTAssertEqual(flat, [Double](repeating: level, count: skippedEnd - skippedStart))
        XCTAssertFalse(oos.trades.contains { (t: Trade) in t.exitBar >= skippedStart && t.entryBar < skippedEnd })
        // The window after the gap compounds from the level it left off at.
        let after = wf.steps[2]
        let growth: Double = oos.equity[after.window.test.upperBound - 1 - o] / level
        XCTAssertEqual(growth, 1 + after.outOfSample.number("Return [%]") / 100, accuracy: 1e-9)
    }
}
