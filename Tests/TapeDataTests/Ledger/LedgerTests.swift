import GRDB
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// The ledger must rebuild exactly the state the pure broker reaches, survive reopening,
/// and keep its accounting identity.
final class LedgerTests: XCTestCase {
    private var dir: URL!
    override func setUpWithError() throws { dir = try TempDir().url }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }
    private var path: String { dir.appendingPathComponent("paper.sqlite").path }

    func testClockThroughLedgerEqualsPureBrokerAndReopensExactly() throws {
        let bars = walkBars("SPY", count: 120)
        let config = BrokerConfig(startingCash: 50_000, commission: CommissionModel(rate: 0.001, minimum: 1), slippageBp: 2)
        // A strategy that flips every 7 bars: long, short, flat.
        let signal = AutoSignal(fraction: 0.5) { ctx in
            switch (ctx.index / 7) % 3 { case 0: return .long; case 1: return .short; default: return .flat }
        }
        var pure = SimBroker(config: config)
        var pureClock = MarketClock(series: [bars])
        pureClock.step(120, &pure, signal: signal)

        let ledger = try Ledger(path: path, config: config)
        var clock = MarketClock(series: [bars])
        XCTAssertEqual(try ledger.step(&clock, count: 50, signal: signal), 50)
        // Resume from the stored cursor in a new connection, as a restarted shell would.
        let reopened = try Ledger(path: path)
        XCTAssertEqual(try reopened.cursor(), bars.time[49])
        var resumed = MarketClock(series: [bars], after: try reopened.cursor())
        XCTAssertEqual(try reopened.run(&resumed, until: bars.time[119], signal: signal), 70)

        let stored = try Ledger(path: path).broker()
        XCTAssertEqual(stored.state, pure.state)
        XCTAssertEqual(stored.config, config)
        XCTAssertGreaterThan(stored.fills.count, 20)
        let check = try reopened.check()
        XCTAssertTrue(check.isConsistent, check.description)
        XCTAssertEqual(check.identity.cash, pure.cash)
    }

    func testEveryOrderKindRoundTrips() throws {
        let ledger = try Ledger(path: path, config: BrokerConfig(startingCash: 100_000), pricer: ledgerPricer)
        try ledger.process(bar: PriceBar(time: day(0), open: 100, high: 100, low: 100, close: 100, volume: 1e6), symbol: "SPY")
        let call = OptionContract(underlying: "SPY", right: .call, strike: 105, expiry: day(30))
        let call2 = OptionContract(underlying: "SPY", right: .call, strike: 110, expiry: day(30))
        try ledger.submit(OrderRequest(.buy, 10, .stock("SPY"), type: .limit(99), timeInForce: .gtc,
                                       orderClass: .bracket(takeProfit: 105, stopLoss: 95)))
        try ledger.submit(OrderRequest(.sell, 5, .stock("SPY"), type: .stopLimit(stop: 97, limit: 96.5), timeInForce: .gtc))
        try ledger.submit(OrderRequest(.sell, 3, .stock("SPY"), type: .trailingStop(.percent(0.05)), timeInForce: .gtc))
        try ledger.submit(OrderRequest(.buy, 2, .option(call)))
        try ledger.submit(OrderRequest(spread: [OrderLeg(.option(call), side: .buy), OrderLeg(.option(call2), side: .sell)],
                                       side: .buy, quantity: 1, type: .limit(2.5), timeInForce: .gtc))
        try ledger.submit(.sized(.buy, fraction: 0.1, .stock("SPY")))
        let rejected = try ledger.submit(OrderRequest(.buy, 0, .stock("SPY")))
        XCTAssertEqual(rejected.status, .rejected)
        try ledger.process(bar: PriceBar(time: day(1), open: 100, high: 101, low: 96, close: 97, volume: 1e6), symbol: "SPY")
        try ledger.cancel(3)
        XCTAssertThrowsError(try ledger.cancel(3)) { XCTAssertEqual("\($0)", "order #3 is cancelled, not open: nothing to cancel") }

        let live = try ledger.broker()
        let reread = try Ledger(path: path, pricer: ledgerPricer).broker()
        XCTAssertEqual(reread.state, live.state)
        XCTAssertEqual(reread.why(1), live.why(1))
        XCTAssertTrue(reread.fills.contains { $0.symbol == "SPY240131C00105000" })
        XCTAssertTrue(try ledger.check().isConsistent)
    }

    func testSettingsPersistAndResetEmptiesTheAccount() throws {
        let ledger = try Ledger(path: path, config: BrokerConfig(startingCash: 10_000))
        try ledger.setRisk("max_order_notional", "500")
        try ledger.setConfig("slippage_bp", "3")
        XCTAssertThrowsError(try ledger.setRisk("max_leverage", "2")) { XCTAssertTrue("\($0)".hasPrefix("unknown risk rule 'max_leverage'")) }
        try ledger.process(bar: PriceBar(time: day(0), open: 100, high: 100, low: 100, close: 100, volume: 1e6), symbol: "SPY")
        let o = try ledger.submit(OrderRequest(.buy, 6, .stock("SPY")))
        XCTAssertEqual(try Ledger(path: path).broker().why(o.id).last,
                       "2024-01-01 rejected: rejected by max_order_notional: order notional 600.00 exceeds 500.00")
        let again = try Ledger(path: path).broker()
        XCTAssertEqual(again.risk.maxOrderNotional, 500)
        XCTAssertEqual(again.config.slippageBp, 3)

        try ledger.submit(OrderRequest(.buy, 4, .stock("SPY")))
        try ledger.process(bar: PriceBar(time: day(1), open: 100, high: 100, low: 100, close: 100, volume: 1e6), symbol: "SPY")
        XCTAssertEqual(try ledger.broker().positions.count, 1)
        try ledger.reset(config: BrokerConfig(startingCash: 25_000))
        let fresh = try Ledger(path: path).broker()
        XCTAssertEqual(fresh.cash, 25_000)
        XCTAssertTrue(fresh.orders.isEmpty && fresh.fills.isEmpty && fresh.positions.isEmpty)
        XCTAssertEqual(fresh.risk.maxOrderNotional, 500)   // risk rules survive a reset
        XCTAssertTrue(try ledger.check().isConsistent)
    }

    func testDamagedRowsAreReportedNotTrapped() throws {
        let ledger = try Ledger(path: path)
        try ledger.process(bar: PriceBar(time: day(0), open: 100, high: 100, low: 100, close: 100, volume: 1e6), symbol: "SPY")
        try ledger.submit(OrderRequest(.buy, 1, .stock("SPY"), type: .limit(99), timeInForce: .gtc))
        let db = try DatabaseQueue(path: path)
        try db.write { try $0.execute(sql: "UPDATE orders SET status = 'sleeping' WHERE id = 1") }
        XCTAssertThrowsError(try Ledger(path: path)) {
            XCTAssertEqual("\($0)", "ledger \(self.path) is damaged: orders #1 status: unknown value 'sleeping'")
        }
        try db.write { try $0.execute(sql: "UPDATE orders SET status = 'new', legs = 'buy one SPY' WHERE id = 1") }
        XCTAssertThrowsError(try Ledger(path: path)) {
            XCTAssertEqual("\($0)", "ledger \(self.path) is damaged: orders #1: bad leg 'buy one SPY'")
        }
    }

    /// Text where a number belongs (SQLite keeps it: column types are only affinities)
    /// used to trap inside GRDB's row subscripts.
    func testValuesOfTheWrongTypeAreReportedNotTrapped() throws {
        let ledger = try Ledger(path: path)
        try ledger.process(bar: PriceBar(time: day(0), open: 100, high: 100, low: 100, close: 100, volume: 1e6), symbol: "SPY")
        try ledger.submit(OrderRequest(.buy, 1, .stock("SPY"), type: .limit(99), timeInForce: .gtc))
        let db = try DatabaseQueue(path: path)
        try db.write { try $0.execute(sql: "UPDATE orders SET quantity = 'lots' WHERE id = 1") }
        XCTAssertThrowsError(try Ledger(path: path)) {
            XCTAssertEqual("\($0)", "ledger \(self.path) is damaged: orders #1 quantity: unreadable value \"lots\"")
        }
        try db.write {
            try $0.execute(sql: "UPDATE orders SET quantity = 1 WHERE id = 1")
            try $0.execute(sql: "UPDATE account SET cash = 'plenty'")
        }
        XCTAssertThrowsError(try ledger.check()) {
            XCTAssertEqual("\($0)", "ledger \(self.path) is damaged: account cash: unreadable value \"plenty\"")
        }
        XCTAssertThrowsError(try Ledger(path: path)) {
            XCTAssertEqual("\($0)", "ledger \(self.path) is damaged: account cash: unreadable value \"plenty\"")
        }
    }

    func testUnwritableLocationIsAClearError() {
        XCTAssertThrowsError(try Ledger(path: "/proc/no-such-dir/paper.sqlite")) { e in
            XCTAssertTrue("\(e)".hasPrefix("ledger /proc/no-such-dir/paper.sqlite: "), "\(e)")
        }
    }
}
