import XCTest
@testable import TapeCore

/// The clock in `auto` mode against backtesting.py 0.6.6: the SMA(10/20) crossover on
/// its GOOG series must give the library's equity at every one of the 2148 bars, which
/// pins next-open market fills, whole-unit sizing from buying power, commission on both
/// legs, short accounting and marking at the close.
final class MarketClockTests: XCTestCase {
    private func smaCross(_ bars: Bars) -> (up: [Bool], down: [Bool]) {
        func sma(_ n: Int) -> [Double] {
            (0..<bars.count).map { i in i + 1 < n ? .nan : bars.close[(i + 1 - n)...i].reduce(0, +) / Double(n) }
        }
        let f = sma(10), s = sma(20)
        var up = [Bool](repeating: false, count: bars.count), down = up
        for i in 1..<bars.count {
            up[i] = f[i - 1] < s[i - 1] && f[i] > s[i]
            down[i] = s[i - 1] < f[i - 1] && s[i] > f[i]
        }
        return (up, down)
    }

    private func run(reverse: Bool) throws -> (equity: [Double], broker: SimBroker) {
        let bars = try gbars()
        let (up, down) = smaCross(bars)
        var broker = SimBroker(config: BrokerConfig(startingCash: 10_000, commission: CommissionModel(rate: 0.002)))
        var clock = MarketClock(series: [bars])
        // backtesting.py's default size: 1 − 2⁻⁵² of available margin.
        let signal = AutoSignal(fraction: 1 - 0x1p-52) { ctx in
            if up[ctx.index] { return .long }
            if down[ctx.index] { return reverse ? .short : .flat }
            return .hold
        }
        var equity: [Double] = []
        while clock.advance(&broker, signal: signal) != nil { equity.append(broker.equity) }
        return (equity, broker)
    }

    private func check(_ equity: [Double], against fixture: String) throws {
        let ref = try fixtureRows(fixture).compactMap { Double($0[1]) }
        XCTAssertEqual(equity.count, ref.count)
        for (i, (a, b)) in zip(equity, ref).enumerated() where abs(a - b) > 1e-7 * b {
            return XCTFail("bar \(i): equity \(a), backtesting.py \(b)")
        }
    }

    func testLongOnlyMatchesBacktestingPy() throws {
        let (equity, broker) = try run(reverse: false)
        try check(equity, against: "GOOG_smacross_longonly_equity.csv")
        XCTAssertEqual(equity.last ?? 0, 63341.19135999998, accuracy: 1e-6)
        // 46 closed trades = 92 fills, plus the entry of the trade still open at the end (78 units at 702.24).
        XCTAssertEqual(broker.fills.count, 93)
        XCTAssertEqual(broker.positions.first?.quantity, 78)
        XCTAssertEqual(broker.positions.first?.averageCost ?? 0, 702.24, accuracy: 1e-9)
        XCTAssertTrue(broker.reconciliation.balances, "\(broker.reconciliation)")
        XCTAssertEqual(broker.orders.filter { $0.status == .rejected }.count, 0)
    }

    func testStopAndReverseMatchesBacktestingPy() throws {
        let (equity, broker) = try run(reverse: true)
        try check(equity, against: "GOOG_smacross_equity.csv")
        XCTAssertEqual(equity.last ?? 0, 56263.51934000004, accuracy: 1e-6)
        XCTAssertEqual(broker.positions.first?.quantity, 69)
        XCTAssertTrue(broker.reconciliation.balances, "\(broker.reconciliation)")
    }

    func testStepAndRunUntil() throws {
        let bars = try gbars()
        var broker = SimBroker(config: BrokerConfig(startingCash: 10_000))
        var clock = MarketClock(series: [bars])
        XCTAssertEqual(clock.step(3, &broker), 3)
        XCTAssertEqual(clock.cursor, bars.time[2])
        XCTAssertEqual(broker.state.lastPrice["GOOG"], bars.close[2])
        broker.submit(OrderRequest(.buy, 10, .stock("GOOG")))
        XCTAssertEqual(clock.run(until: bars.time[9], &broker), 7)
        XCTAssertEqual(broker.fills.first?.price, bars.open[3])   // the next bar's open
        XCTAssertEqual(broker.fills.first?.time, bars.time[3])
        // A clock rebuilt after a cursor resumes at the following bar.
        let resumed = MarketClock(series: [bars], after: bars.time[9])
        XCTAssertEqual(resumed.nextTime, bars.time[10])
        XCTAssertEqual(clock.step(100_000, &broker), bars.count - 10)
        XCTAssertNil(clock.nextTime)
    }
}
